"""The evaluation report's PDF is rendered by a worker, never in the request (issue 20 item 3):
one file per version of the report and language, served to every reader from storage; a reader
who comes before it is ready is told it is being prepared (202 on the page and the API)."""

import subprocess

import pytest

from coprocure.core.models import Procurement
from coprocure.evaluation import tasks
from coprocure.ops import work
from coprocure.ops.models import Job
from coprocure.participation import services as participation

from .. import factories
from ..factories import text

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def results_under_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.CACHES = LOCAL_CACHE  # the report's version lives in the cache
    return tmp_path


def pdf_text(body: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True).stdout.decode()


def test_an_anonymous_reader_first_hears_it_is_being_prepared_then_gets_the_stored_file(
        client, procurement, django_capture_on_commit_callbacks):
    page = client.get(f"/procurements/{procurement.pk}/evaluation/").content.decode()
    assert f'href="/procurements/{procurement.pk}/evaluation/report.pdf"' in page
    with django_capture_on_commit_callbacks() as queued:
        waiting = client.get(f"/procurements/{procurement.pk}/evaluation/report.pdf")
    assert waiting.status_code == 202 and waiting["Content-Type"].startswith("text/html")
    assert "PDF-tiedostoa valmistellaan" in waiting.content.decode()
    job = Job.objects.get()
    assert job.state == "queued" and job.owner is None and not work.result_path(job).exists()
    # A second reader before the worker runs joins the same job: nothing more is queued.
    with django_capture_on_commit_callbacks() as again:
        assert client.get(f"/procurements/{procurement.pk}/evaluation/report.pdf").status_code == 202
    assert Job.objects.count() == 1 and again == []
    for callback in queued:
        callback()  # the worker renders it
    ready = client.get(f"/procurements/{procurement.pk}/evaluation/report.pdf")
    body = b"".join(ready.streaming_content)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    assert "inline" in ready["Content-Disposition"] and body == work.result_path(job).read_bytes()
    assert "Arviointiraportti" in pdf_text(body)


def test_each_language_has_its_own_file(client, procurement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/en/procurements/{procurement.pk}/evaluation/report.pdf")
    english = client.get(f"/en/procurements/{procurement.pk}/evaluation/report.pdf")
    assert english.status_code == 200 and "Evaluation report" in pdf_text(b"".join(english.streaming_content))
    with django_capture_on_commit_callbacks(execute=False):
        assert client.get(f"/procurements/{procurement.pk}/evaluation/report.pdf").status_code == 202
    assert Job.objects.count() == 2


def test_a_change_to_the_report_makes_the_next_reader_wait_for_a_new_file(client, official, procurement,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/procurements/{procurement.pk}/evaluation/report.pdf")
    assert client.get(f"/procurements/{procurement.pk}/evaluation/report.pdf").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the version moves after the commit
        participation.create_insight(official, procurement, {"statement": text("Ilta-aukiolo")})
    with django_capture_on_commit_callbacks(execute=False):
        assert client.get(f"/procurements/{procurement.pk}/evaluation/report.pdf").status_code == 202
    assert Job.objects.count() == 2 and Job.objects.filter(state="queued").count() == 1


def test_the_api_answers_202_with_the_job_then_200_with_the_pdf(client, procurement,
                                                               django_capture_on_commit_callbacks):
    path = f"/api/v1/procurements/{procurement.pk}/evaluation/report.pdf"
    with django_capture_on_commit_callbacks() as queued:
        waiting = client.get(path)
    assert waiting.status_code == 202
    shown = waiting.json()
    assert shown["state"] == "queued" and shown["download_url"] is None
    assert shown["page_url"] == f"/procurements/{procurement.pk}/evaluation/report.pdf"
    for callback in queued:
        callback()
    ready = client.get(path)
    assert ready.status_code == 200 and b"".join(ready.streaming_content).startswith(b"%PDF")


def test_a_private_procurement_s_pdf_is_404_to_outsiders_and_their_request_starts_nothing(client, official):
    private = factories.create_procurement(official, is_public=False)
    outsider = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    for who in (None, outsider):
        if who:
            client.force_login(who)
        assert client.get(f"/procurements/{private.pk}/evaluation/report.pdf").status_code == 404
        assert client.get(f"/api/v1/procurements/{private.pk}/evaluation/report.pdf").status_code == 404
    assert not Job.objects.exists()
    client.force_login(official)
    assert client.get(f"/procurements/{private.pk}/evaluation/report.pdf").status_code == 202


def test_a_procurement_deleted_before_the_worker_runs_ends_the_job_and_a_failed_one_is_started_again(
        client, official, django_capture_on_commit_callbacks):
    doomed = factories.create_procurement(official)
    with django_capture_on_commit_callbacks():
        client.get(f"/procurements/{doomed.pk}/evaluation/report.pdf")
    job = Job.objects.get()
    Procurement.objects.filter(pk=doomed.pk).delete()
    assert tasks.report_pdf.call(str(job.pk), doomed.pk, "fi", "http://testserver/") == "gone"
    job.refresh_from_db()
    assert job.state == "failed" and job.reason == "gone" and not work.result_path(job).exists()


def test_a_render_that_failed_is_queued_again_by_the_next_reader(client, procurement,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        client.get(f"/procurements/{procurement.pk}/evaluation/report.pdf")
    Job.objects.update(state="failed", reason="failed", attempts=1)
    with django_capture_on_commit_callbacks() as queued:
        assert client.get(f"/procurements/{procurement.pk}/evaluation/report.pdf").status_code == 202
    job = Job.objects.get()
    assert job.state == "queued" and job.reason == "" and len(queued) == 1
