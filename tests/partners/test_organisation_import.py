"""Staff import an organisation list from real spreadsheet files: all rows or none."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.core.models import Organisation

from .. import factories

pytestmark = pytest.mark.usefixtures("reference_data")

ROWS = (
    ("Nimi", "Tyyppi", "Y-tunnus", "Kotikunta"),
    ("Hämeen Hoiva Oy", "yritys", "0201256-6", "Hämeenlinna"),
    ("Äänekosken Päihdetyö ry", "yhdistys", "1572860-0", "Äänekoski"),
    ("Solvikens stiftelse sr", "säätiö", "0737546-2", "Närpes"),
)


def csv_bytes(rows, encoding, delimiter=";"):
    return "\r\n".join(delimiter.join(row) for row in rows).encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


FILES = {
    "excel-cp1252.csv": csv_bytes(ROWS, "cp1252"),
    "utf8-bom.csv": csv_bytes(ROWS, "utf-8-sig"),
    "utf8-comma.csv": csv_bytes(ROWS, "utf-8", delimiter=","),
    "lista.xlsx": xlsx_bytes(ROWS),
}


def preview(client, name, data):
    return client.post("/organisations/import/", {"action": "preview", "file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("name", FILES)
def test_each_encoding_is_previewed_and_imported_whole(client, staff, name):
    client.force_login(staff)
    page = preview(client, name, FILES[name])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Äänekosken Päihdetyö ry" in text and "Solvikens stiftelse sr" in text and "Tuo kaikki 3 organisaatiota" in text
    assert Organisation.objects.filter(business_id__isnull=False).count() == 0
    done = client.post("/organisations/import/", {"action": "import", "rows": page.context["signed_rows"]}, follow=True)
    assert "3 organisaatiota tuotiin." in done.content.decode()
    imported = {o.name: (o.kind, o.municipality) for o in Organisation.objects.filter(business_id__isnull=False)}
    assert imported == {"Hämeen Hoiva Oy": ("company", "Hämeenlinna"), "Äänekosken Päihdetyö ry": ("association", "Äänekoski"),
                        "Solvikens stiftelse sr": ("foundation", "Närpes")}
    assert AuditEntry.objects.filter(action="organisations.import").count() == 1


def test_row_errors_are_shown_and_nothing_is_imported(client, staff):
    factories.ProviderFactory(name="Jo olemassa Oy", business_id="0737546-2")
    rows = ROWS[:3] + (
        ("Solvikens stiftelse sr", "säätiö", "0737546-2", "Närpes"),
        ("Kaksoiskappale Oy", "yritys", "0201256-6", ""),
        ("Väärä tunnus ry", "yhdistys", "0201256-5", ""),
        ("Kerho", "harrastekerho", "1234560-4", ""),
    )
    client.force_login(staff)
    page = preview(client, "lista.csv", csv_bytes(rows, "cp1252"))
    assert page.status_code == 422
    text = page.content.decode()
    assert "4 ongelmaa tiedostossa. Mitään ei tuotu." in text
    assert "Samalla Y-tunnuksella on jo rivi 2" in text  # row 5 repeats row 2
    assert "on jo rekisteröity" in text  # row 4 is in the database
    assert "tarkistusnumero ei täsmää" in text  # row 6
    assert "harrastekerho" in text  # row 7, unknown kind
    assert 'name="rows"' not in text
    assert Organisation.objects.filter(business_id__isnull=False).count() == 1


def test_unreadable_files_and_tampered_lists_are_refused(client, staff, official):
    client.force_login(staff)
    wrong = preview(client, "lista.xlsx", b"not really a workbook")
    assert wrong.status_code == 422 and "Tiedostoa ei voitu lukea" in wrong.content.decode()
    missing = preview(client, "lista.csv", "Nimi;Kunta\nA;B".encode())
    assert missing.status_code == 422 and "y-tunnus" in missing.content.decode()
    tampered = client.post("/organisations/import/", {"action": "import", "rows": "[]:forged"}, follow=True)
    assert "Tarkistettu lista on vanhentunut" in tampered.content.decode()
    provider, _ = factories.provider_with_service("Kulma Oy", factories.text("P"), factories.text("K"))
    client.force_login(provider.people.get())
    assert client.get("/organisations/import/").status_code == 403


def test_import_through_the_api(client, staff):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(staff, 't')[1]}"}
    checked = client.post("/api/v1/organisations/import?dry_run=true",
                          {"file": SimpleUploadedFile("lista.xlsx", FILES["lista.xlsx"])}, **auth)
    assert checked.status_code == 200 and checked.json()["imported"] is False and len(checked.json()["rows"]) == 3
    assert not Organisation.objects.filter(business_id="0201256-6").exists()
    bad = client.post("/api/v1/organisations/import",
                      {"file": SimpleUploadedFile("l.csv", csv_bytes(ROWS + (("X", "kerho", "0201256-6", ""),), "utf-8"))}, **auth)
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"rows.5.kind", "rows.5.business_id"}
    assert not Organisation.objects.filter(business_id="0201256-6").exists()
    done = client.post("/api/v1/organisations/import", {"file": SimpleUploadedFile("l.csv", FILES["utf8-bom.csv"])}, **auth)
    assert done.status_code == 201 and Organisation.objects.filter(business_id__in=["0201256-6", "1572860-0"]).count() == 2
    again = client.post("/api/v1/organisations/import", {"file": SimpleUploadedFile("l.csv", FILES["utf8-bom.csv"])}, **auth)
    assert again.status_code == 422 and json.loads(again.content)["errors"][0]["code"] == "business_id_duplicate"
