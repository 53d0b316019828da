"""A large organisation list is imported by a worker (issue 20 item 1): the request checks the
file's size and type and keeps it; the job imports all rows or none through the same service as
the direct import, and the person sees the outcome (rows imported, or each row's errors) on the
job's page and through the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coprocure.audit.models import AuditEntry
from coprocure.core.models import Organisation
from coprocure.interop import spreadsheets
from coprocure.ops.models import Job

from .. import factories
from .test_organisation_import import ROWS, csv_bytes

pytestmark = pytest.mark.usefixtures("reference_data")
BAD_ROWS = ROWS + (("Virheellinen Oy", "yritys", "1234567-8", "Espoo"), ("", "kerho", "", ""))


@pytest.fixture
def every_file_is_large(monkeypatch):
    monkeypatch.setattr(spreadsheets, "IN_REQUEST_MAX_BYTES", 0)


def on_page(client, data, name="lista.csv"):
    return client.post("/organisations/import/", {"action": "preview", "file": SimpleUploadedFile(name, data)})


def test_a_large_list_is_imported_by_a_worker_and_the_page_says_how_many_rows(
        client, staff, every_file_is_large, django_capture_on_commit_callbacks):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        started = on_page(client, csv_bytes(ROWS, "cp1252"))
    job = Job.objects.get()
    assert started.status_code == 302 and started.url == f"/jobs/{job.pk}/"
    job.refresh_from_db()
    assert job.state == "done" and job.outcome == {"imported": 3} and job.upload is None
    assert Organisation.objects.filter(business_id__in=["0201256-6", "1572860-0", "0737546-2"]).count() == 3
    assert AuditEntry.objects.filter(action="organisations.import", actor=staff).count() == 1
    page = client.get(started.url).content.decode()
    assert "3 riviä tuotiin." in page and "data-hx-get" not in page


def test_a_list_with_bad_rows_imports_nothing_and_the_page_names_each_row(
        client, staff, every_file_is_large, django_capture_on_commit_callbacks):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        started = on_page(client, csv_bytes(BAD_ROWS, "utf-8"))
    job = Job.objects.get()
    assert job.state == "failed" and job.reason == "rejected" and job.upload is None
    rows = {(error["row"], error["field"].rsplit(".", 1)[-1]) for error in job.outcome["errors"]}
    assert (5, "business_id") in rows and {row for row, _ in rows} == {5, 6}
    assert not Organisation.objects.filter(business_id__in=["0201256-6", "1572860-0", "0737546-2"]).exists()
    page = client.get(started.url).content.decode()
    assert "Mitään ei tuotu" in page and "Rivi 5" in page and "Rivi 6" in page


def test_the_api_starts_it_and_the_outcome_is_the_starter_s_alone(client, staff, authority,
                                                                 django_capture_on_commit_callbacks):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/api/v1/organisations/imports",
                              {"file": SimpleUploadedFile("lista.csv", csv_bytes(ROWS, "utf-8-sig"))})
    assert started.status_code == 202 and started.json()["state"] == "queued"
    shown = client.get(f"/api/v1/jobs/{started.json()['id']}").json()
    assert shown["state"] == "done" and shown["outcome"]["imported"] == 3 and shown["download_url"] is None
    other = factories.UserFactory(organisation=authority, position="staff")  # may import, but not see this job
    client.force_login(other)
    assert client.get(f"/api/v1/jobs/{started.json()['id']}").status_code == 404


def test_a_provider_may_not_start_one_and_nothing_is_kept(client, db):
    provider = factories.UserFactory(organisation=factories.ProviderFactory())
    client.force_login(provider)
    refused = client.post("/api/v1/organisations/imports",
                          {"file": SimpleUploadedFile("lista.csv", csv_bytes(ROWS, "utf-8"))})
    assert refused.status_code == 403 and not Job.objects.exists()


def test_a_file_of_the_wrong_kind_is_refused_in_the_request(client, staff, every_file_is_large):
    client.force_login(staff)
    refused = client.post("/api/v1/organisations/imports",
                          {"file": SimpleUploadedFile("lista.csv", b"%PDF-1.7 not a list")})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "file"
    assert on_page(client, b"%PDF-1.7 not a list").status_code == 422
    assert not Job.objects.exists()


def test_the_direct_import_sends_a_large_file_to_the_job(client, staff, every_file_is_large):
    client.force_login(staff)
    refused = client.post("/api/v1/organisations/import",
                          {"file": SimpleUploadedFile("lista.csv", csv_bytes(ROWS, "utf-8"))})
    assert refused.status_code == 413
    [error] = refused.json()["errors"]
    assert error["field"] == "file" and error["code"] == "upload_import_as_job"
    assert "/api/v1/organisations/imports" in error["message"]
    assert not Organisation.objects.filter(business_id="0201256-6").exists()


def test_a_person_who_lost_the_permission_before_the_worker_ran_imports_nothing(
        client, staff, every_file_is_large, django_capture_on_commit_callbacks):
    client.force_login(staff)
    with django_capture_on_commit_callbacks() as queued:
        on_page(client, csv_bytes(ROWS, "utf-8"))
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    for callback in queued:
        callback()
    job = Job.objects.get()
    assert job.state == "failed" and job.reason == "refused" and job.upload is None
    assert not Organisation.objects.filter(business_id="0201256-6").exists()
