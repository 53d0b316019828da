"""Every upload route takes only CSV or XLSX files (recognised by their first bytes) up to the
central size limit; anything larger is refused with 413 before it is read. Uploads are never
served (an import job keeps its file in its row only until it ends), and every file CoProcure
sends is an attachment the browser must not sniff."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coprocure.api.models import ApiToken
from coprocure.contracts.models import Measurement
from coprocure.core.models import Organisation

from ..contracts.conftest import contract, indicator, provider, reporter  # noqa: F401 - fixtures

MB = 1_000_000
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
PDF = b"%PDF-1.7\n" + b"x" * 100


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 'uploads')[1]}"}


@pytest.fixture(params=["report_page", "report_api", "report_job_api", "import_page", "import_api", "import_job_api"])
def route(request, client, staff, contract, indicator, reporter):
    """(send(name, data) -> response, is_api): each route that takes a file."""
    def send(name, data):
        file = SimpleUploadedFile(name, data)
        if request.param == "report_page":
            client.force_login(reporter)
            return client.post(f"/contracts/{contract.pk}/report/", {"action": "preview", "file": file})
        if request.param == "report_api":
            return client.post(f"/api/v1/contracts/{contract.pk}/measurements/upload", {"file": file}, **bearer(reporter))
        if request.param == "report_job_api":
            return client.post(f"/api/v1/contracts/{contract.pk}/measurements/imports", {"file": file},
                               **bearer(reporter))
        if request.param == "import_job_api":
            return client.post("/api/v1/organisations/imports", {"file": file}, **bearer(staff))
        if request.param == "import_page":
            client.force_login(staff)
            return client.post("/organisations/import/", {"action": "preview", "file": file})
        return client.post("/api/v1/organisations/import", {"file": file}, **bearer(staff))
    return send, request.param.endswith("api")


def refusal(response, is_api) -> str:
    if is_api:
        body = response.json()
        return body["errors"][0]["code"]
    return response.content.decode()


def nothing_stored(before_organisations):
    assert not Measurement.objects.exists()
    assert Organisation.objects.count() == before_organisations


def test_a_ten_megabyte_file_is_refused_with_413_before_it_is_read(route):
    send, is_api = route
    before = Organisation.objects.count()
    response = send("raportti.csv", b"a;b;c\n" * (10 * MB // 6))
    assert response.status_code == 413
    assert refusal(response, is_api) == "request_too_large" if is_api else "Lähetit liian paljon kerralla" in refusal(response, is_api)
    nothing_stored(before)


def test_a_file_over_the_upload_limit_gets_a_field_error(route):
    send, is_api = route
    before = Organisation.objects.count()
    response = send("raportti.csv", b"a;b;c\n" * (int(2.5 * MB) // 6))
    assert response.status_code == 422
    assert refusal(response, is_api) == "upload_too_large" if is_api else "Tiedosto on liian suuri" in refusal(response, is_api)
    nothing_stored(before)


@pytest.mark.parametrize("name,data", [("raportti.csv", PNG), ("raportti.xlsx", PDF), ("lista.csv", b"<html><script>x</script>")])
def test_a_file_that_is_not_csv_or_xlsx_by_its_content_is_refused_whatever_its_name(route, name, data):
    send, is_api = route
    before = Organisation.objects.count()
    response = send(name, data)
    assert response.status_code == 422
    assert refusal(response, is_api) == "upload_wrong_type" if is_api else "Tämä ei ole CSV- tai XLSX-tiedosto" in refusal(response, is_api)
    nothing_stored(before)


def test_a_ten_megabyte_json_body_gets_413_with_the_api_error_body(client, contract, reporter):
    body = json.dumps({"rows": [{"indicator": "x" * 1000, "period": "2025-01", "value": "1"}] * 10_000})
    response = client.post(f"/api/v1/contracts/{contract.pk}/measurements", body, content_type="application/json",
                           **bearer(reporter))
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "request_too_large"


def test_a_ten_megabyte_form_gets_a_413_page(client, official):
    client.force_login(official)
    response = client.post("/procurements/new/", {"title_fi": "x" * (10 * MB)})
    assert response.status_code == 413 and "Lähetit liian paljon kerralla" in response.content.decode()


def test_uploaded_files_are_never_served(client, contract, reporter, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "raportti.csv").write_text("<script>alert(1)</script>")
    assert client.get("/media/raportti.csv").status_code == 404


def test_files_sent_by_coprocure_are_attachments_the_browser_must_not_sniff(client, official, procurement):
    client.force_login(official)
    for path in ("/my/data/download/", f"/procurements/{procurement.pk}/participation/payroll.csv"):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
