"""The invitation to tender and the award decision as PDF documents, read back with pdftotext."""

import subprocess

from .conftest import make_tender, published_award


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF")
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True).stdout.decode()


def fonts(response) -> str:
    return subprocess.run(["pdffonts", "-"], input=response.content, capture_output=True, check=True).stdout.decode()


def test_the_invitation_pdf_has_the_terms_criteria_and_formulas_in_finnish(client, official, procurement):
    tender = make_tender(official, procurement)
    response = client.get(f"/tenders/{tender.pk}/invitation.pdf")
    text = pdf_text(response)
    assert "Tarjouspyyntö" in text and "Vertailuperusteet" in text
    assert "Vertaistuki" in text and "Kokemusasiantuntijat" in text
    assert "Päihdekuntoutusta aikuisille." in text
    assert "price_weight × (lowest_price ÷ price)" in text and "weight × (final_score ÷ scale_max)" in text
    embedded = fonts(response)
    assert "DejaVu-Sans" in embedded and "Serif" not in embedded


def test_the_invitation_pdf_follows_the_language_prefix(client, official, procurement):
    tender = make_tender(official, procurement)
    swedish = pdf_text(client.get(f"/sv/tenders/{tender.pk}/invitation.pdf"))
    english = pdf_text(client.get(f"/en/tenders/{tender.pk}/invitation.pdf"))
    assert "Anbudsförfrågan" in swedish and "Tarjouspyyntö" not in swedish
    assert "Invitation to tender" in english and "Award criteria" in english


def test_a_draft_invitation_pdf_is_hidden_from_the_public(client, official, procurement):
    tender = make_tender(official, procurement, publish=False)
    assert client.get(f"/tenders/{tender.pk}/invitation.pdf").status_code == 404
    client.force_login(official)
    assert "Vertailuperusteet" in pdf_text(client.get(f"/tenders/{tender.pk}/invitation.pdf"))


def test_the_award_pdf_has_the_comparison_reasons_standstill_and_official(client, official, procurement):
    tender = published_award(official, procurement)
    decision = tender.award
    text = pdf_text(client.get(f"/tenders/{tender.pk}/award.pdf"))
    assert "Hankintapäätös" in text and "Paras hinta-laatusuhde." in text
    assert "Kulma Oy" in text and "Toipumo sr" in text
    assert decision.standstill_ends_on.strftime("%-d.%-m.%Y") in text
    assert str(decision.accountable_official) in text
    assert "Vertailuperusteet" in text and "Vertaistuki" in text


def test_an_unpublished_award_pdf_does_not_exist_for_the_public(client, official, procurement):
    tender = make_tender(official, procurement)
    assert client.get(f"/tenders/{tender.pk}/award.pdf").status_code == 404
