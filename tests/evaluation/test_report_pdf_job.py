"""The evaluation report's PDF for a signed-in reader is rendered by a worker (issue 20 item 3):
the page's button starts a job, the reader downloads the PDF from the job's page in the language
they asked in; anonymous readers still get it directly."""

import subprocess

import pytest

from coprocure.ops.models import Job

from .. import factories


@pytest.fixture(autouse=True)
def results_under_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_a_signed_in_reader_gets_the_pdf_from_a_job(client, official, procurement, django_capture_on_commit_callbacks):
    client.force_login(official)
    page = client.get(f"/en/procurements/{procurement.pk}/evaluation/").content.decode()
    assert f'action="/en/procurements/{procurement.pk}/evaluation/report.pdf/job/"' in page
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"/en/procurements/{procurement.pk}/evaluation/report.pdf/job/")
    job = Job.objects.get()
    assert started.status_code == 302 and started.url == f"/en/jobs/{job.pk}/"
    job.refresh_from_db()
    assert job.state == "done" and job.filename == f"arviointi-{procurement.pk}.pdf"
    pdf = b"".join(client.get(f"/jobs/{job.pk}/download/").streaming_content)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Evaluation report" in text  # in English, as asked, though the worker's default is Finnish


def test_anonymous_readers_still_get_it_directly(client, procurement):
    page = client.get(f"/procurements/{procurement.pk}/evaluation/").content.decode()
    assert f'href="/procurements/{procurement.pk}/evaluation/report.pdf"' in page
    assert client.post(f"/procurements/{procurement.pk}/evaluation/report.pdf/job/").status_code == 302  # sign in


def test_the_api_starts_it_and_a_private_procurement_is_404(client, official, procurement):
    private = factories.create_procurement(official, is_public=False)
    outsider = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    client.force_login(outsider)
    assert client.post(f"/api/v1/procurements/{private.pk}/evaluation/report-pdf/exports").status_code == 404
    started = client.post(f"/api/v1/procurements/{procurement.pk}/evaluation/report-pdf/exports")
    assert started.status_code == 202 and started.json()["state"] == "queued"


def test_a_procurement_deleted_before_the_worker_runs_ends_the_job_with_a_reason(client, official):
    doomed = factories.create_procurement(official)
    client.force_login(official)
    started = client.post(f"/api/v1/procurements/{doomed.pk}/evaluation/report-pdf/exports").json()
    from coprocure.core.models import Procurement
    from coprocure.evaluation import tasks

    Procurement.objects.filter(pk=doomed.pk).delete()
    assert tasks.report_pdf.call(started["id"], doomed.pk, "fi", "http://testserver/") == "gone"
    assert client.get(f"/api/v1/jobs/{started['id']}").json()["reason"] == "gone"
