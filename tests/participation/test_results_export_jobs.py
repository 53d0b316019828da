"""A large survey's results are written by a worker (issue 20 item 3); small surveys keep the
direct download."""

import csv
import io

import pytest

from coprocure.ops.models import Job

from .. import factories
from .conftest import make_survey


@pytest.fixture(autouse=True)
def results_under_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_a_small_survey_keeps_its_direct_download(client, official, survey):
    client.force_login(official)
    page = client.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert f'href="/surveys/{survey.pk}/results.csv"' in page and "results.csv/job/" not in page
    assert client.get(f"/surveys/{survey.pk}/results.csv").status_code == 200


def test_a_large_survey_is_prepared_by_a_worker_with_progress_and_a_link(client, official, survey, settings,
                                                                         django_capture_on_commit_callbacks):
    settings.COPROCURE_EXPORT_IN_REQUEST_MAX = -1  # every survey counts as large
    client.force_login(official)
    page = client.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert f'action="/surveys/{survey.pk}/results.csv/job/"' in page and "results.csv\"" not in page
    assert client.get(f"/surveys/{survey.pk}/results.csv/job/").status_code == 405  # starting is a POST
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"/surveys/{survey.pk}/results.csv/job/")
    job = Job.objects.get()
    assert started.status_code == 302 and started.url == f"/jobs/{job.pk}/"
    job.refresh_from_db()
    assert job.state == "done" and job.filename == f"survey-{survey.pk}-results.csv"
    body = b"".join(client.get(f"/jobs/{job.pk}/download/").streaming_content).decode("utf-8-sig")
    direct = client.get(f"/surveys/{survey.pk}/results.csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body))) == list(csv.reader(io.StringIO(direct)))


def test_the_api_starts_it_for_staff_only(client, official, survey, django_capture_on_commit_callbacks):
    outsider = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    client.force_login(outsider)
    refused = client.post(f"/api/v1/surveys/{survey.pk}/results/exports", {"format": "xlsx"},
                          content_type="application/json")
    assert refused.status_code in (403, 404) and not Job.objects.exists()
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"/api/v1/surveys/{survey.pk}/results/exports", {"format": "xlsx"},
                              content_type="application/json")
    assert started.status_code == 202, started.content
    job = client.get(f"/api/v1/jobs/{started.json()['id']}").json()
    assert job["state"] == "done"
    download = client.get(job["download_url"])
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(outsider)
    assert client.get(job["download_url"]).status_code == 404


def test_a_survey_deleted_before_the_worker_runs_ends_the_job_with_a_reason(client, official, activity,
                                                                            django_capture_on_commit_callbacks):
    doomed = make_survey(official, activity)
    client.force_login(official)
    started = client.post(f"/api/v1/surveys/{doomed.pk}/results/exports", {"format": "csv"},
                          content_type="application/json")  # queued; the worker has not run yet
    assert started.status_code == 202
    doomed.delete()
    from coprocure.participation import tasks

    assert tasks.export_results.call(started.json()["id"], doomed.pk, "csv", "fi") == "gone"
    job = client.get(f"/api/v1/jobs/{started.json()['id']}").json()
    assert job["state"] == "failed" and job["reason"] == "gone" and job["reason_text"]
    page = client.get(f"/jobs/{started.json()['id']}/").content.decode()
    assert job["reason_text"] in page
