"""The share page with the public link and QR code, and the large-print paper form."""

import io
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from PIL import Image

from coprocure.participation import sharing

from .. import factories


def decode_modules(image: Image.Image, size: int, border: int = 4) -> list[list[bool]]:
    """Read a QR code image back into modules by sampling each module's centre."""
    image = image.convert("L")
    scale = image.width / (size + 2 * border)
    return [[image.getpixel((int((border + x + 0.5) * scale), int((border + y + 0.5) * scale))) < 128
             for x in range(size)] for y in range(size)]


def test_staff_share_page_shows_the_public_link_and_qr_code(client, official, survey):
    client.force_login(official)
    page = client.get(f"/surveys/{survey.pk}/share/").content.decode()
    link = f"{settings.COPROCURE_PUBLIC_URL}/surveys/{survey.pk}/"
    assert f'value="{link}"' in page
    assert f'src="/surveys/{survey.pk}/qr.svg"' in page and f"QR-koodi, joka avaa osoitteen {link}" in page
    assert f"/surveys/{survey.pk}/print.pdf?lang=fi" in page and f"/surveys/{survey.pk}/print.pdf?lang=sv" in page
    assert "<script" not in page.split("<main", 1)[1] and "style=" not in page


def test_the_qr_code_downloads_open_the_public_link(client, official, survey):
    client.force_login(official)
    svg = client.get(f"/surveys/{survey.pk}/qr.svg?download")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg["Content-Disposition"] == f'attachment; filename="survey-{survey.pk}-qr.svg"'
    assert svg.content.startswith(b"<?xml") and b"<svg" in svg.content
    png = client.get(f"/surveys/{survey.pk}/qr.png?download")
    assert png["Content-Type"] == "image/png"
    expected = sharing.matrix(survey)
    assert decode_modules(Image.open(io.BytesIO(png.content)), len(expected)) == expected


def test_people_without_the_right_cannot_share_or_print(client, survey):
    client.force_login(factories.UserFactory())
    for path in ("share/", "qr.svg", "qr.png", "print.pdf"):
        assert client.get(f"/surveys/{survey.pk}/{path}").status_code == 403


def pdf_text(content: bytes) -> str:
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
    # Large print wraps long lines; what matters is the words, not where a line breaks.
    return " ".join(text.split())


def test_the_paper_form_has_every_question_boxes_and_the_qr_code(client, official, survey):
    client.force_login(official)
    response = client.get(f"/surveys/{survey.pk}/print.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for line in ("Mikä auttaa asumaan kotona?", "1. Miten arvioit kotihoidon? (pakollinen)", "2. Miten liikut?",
                 "Bussilla", "Autolla", "Jokin muu, mikä?", "Ateria", "Montako käyntiä viikossa?", "(0–50)",
                 "Mitä muuta haluat sanoa?", "Rastita yksi ruutu.", "Rastita kaikki sopivat ruudut.", "Ikäsi"):
        assert line in text, line
    assert f"{settings.COPROCURE_PUBLIC_URL}/surveys/{survey.pk}/" in text
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdfimages", "-png", "-", f"{folder}/image"], input=response.content, check=True)
        images = sorted(Path(folder).glob("image-*.png"))
        assert len(images) == 1
        expected = sharing.matrix(survey)
        assert decode_modules(Image.open(images[0]), len(expected)) == expected


def test_the_paper_form_prints_in_the_surveys_other_language(client, official, survey):
    client.force_login(official)
    text = pdf_text(client.get(f"/surveys/{survey.pk}/print.pdf?lang=sv").content)
    assert "Vad hjälper dig att bo hemma?" in text and "Med buss" in text
    # A language the survey is not written in falls back to its first language.
    assert "Mikä auttaa asumaan kotona?" in pdf_text(client.get(f"/surveys/{survey.pk}/print.pdf?lang=en").content)
