"""A large provider report is stored by a worker (issue 20 item 1): the request checks the file's
size and type and keeps it; the job stores all values or none through the same service as the
direct upload, and the provider sees the outcome on the job's page and through the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coprocure.contracts import tasks
from coprocure.contracts.models import Contract, Measurement
from coprocure.interop import spreadsheets
from coprocure.ops.models import Job

from .. import factories
from .test_reporting import BAD, GOOD


@pytest.fixture
def every_file_is_large(monkeypatch):
    monkeypatch.setattr(spreadsheets, "IN_REQUEST_MAX_BYTES", 0)


def on_page(client, contract, content: str):
    return client.post(f"/contracts/{contract.pk}/report/",
                       {"action": "preview", "file": SimpleUploadedFile("raportti.csv", content.encode("cp1252"))})


def test_a_large_report_is_stored_by_a_worker_and_the_page_says_how_many_values(
        client, contract, indicator, reporter, every_file_is_large, django_capture_on_commit_callbacks):
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        started = on_page(client, contract, GOOD)
    job = Job.objects.get()
    assert started.status_code == 302 and started.url == f"/jobs/{job.pk}/"
    job.refresh_from_db()
    assert job.state == "done" and job.outcome == {"imported": 2} and job.upload is None
    assert Measurement.objects.filter(indicator=indicator, source="upload", reported_by=reporter).count() == 2
    assert "2 riviä tuotiin." in client.get(started.url).content.decode()


def test_a_report_with_bad_rows_stores_nothing_and_names_each_row(
        client, contract, indicator, reporter, every_file_is_large, django_capture_on_commit_callbacks):
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/api/v1/contracts/{contract.pk}/measurements/imports",
                    {"file": SimpleUploadedFile("raportti.csv", BAD.encode("cp1252"))})
    job = Job.objects.get()
    shown = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert shown["state"] == "failed" and shown["reason"] == "rejected"
    assert {(e["field"], e["code"]) for e in shown["outcome"]["errors"]} == {
        ("rows.3.period", "upload_period_outside_contract"), ("rows.4.unit", "upload_wrong_unit"),
        ("rows.5.period", "upload_duplicate_period")}
    assert not Measurement.objects.exists()


def test_only_the_contract_s_reporters_start_one(client, contract, indicator, reporter):
    outsider = factories.UserFactory(organisation=factories.ProviderFactory(), position="representative")
    client.force_login(outsider)
    refused = client.post(f"/api/v1/contracts/{contract.pk}/measurements/imports",
                          {"file": SimpleUploadedFile("raportti.csv", GOOD.encode())})
    assert refused.status_code in (403, 404) and not Job.objects.exists()
    client.logout()
    assert client.post(f"/api/v1/contracts/{contract.pk}/measurements/imports",
                       {"file": SimpleUploadedFile("raportti.csv", GOOD.encode())}).status_code == 401


def test_the_direct_upload_sends_a_large_file_to_the_job(client, contract, indicator, reporter, every_file_is_large):
    client.force_login(reporter)
    refused = client.post(f"/api/v1/contracts/{contract.pk}/measurements/upload",
                          {"file": SimpleUploadedFile("raportti.csv", GOOD.encode())})
    assert refused.status_code == 413 and refused.json()["errors"][0]["code"] == "upload_import_as_job"
    assert not Measurement.objects.exists() and not Job.objects.exists()


def test_a_contract_deleted_before_the_worker_runs_ends_the_job_with_a_reason(
        client, contract, indicator, reporter, every_file_is_large, django_capture_on_commit_callbacks):
    client.force_login(reporter)
    with django_capture_on_commit_callbacks():
        started = client.post(f"/api/v1/contracts/{contract.pk}/measurements/imports",
                              {"file": SimpleUploadedFile("raportti.csv", GOOD.encode())})
    assert started.status_code == 202
    pk = contract.pk
    Contract.objects.filter(pk=pk).delete()
    assert tasks.import_report.call(started.json()["id"], pk) == "gone"
    assert Job.objects.get().reason == "gone" and not Measurement.objects.exists()
