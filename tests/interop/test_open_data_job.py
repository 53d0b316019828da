"""All open data as one file (issue 20 item 2): a worker writes the day's OCDS release package
once, and everyone who asks that day (the page /open-data/ or the API) is served that file."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.interop.ocds import tasks
from coprocure.ops import work
from coprocure.ops.models import Job

from .. import factories


@pytest.fixture(autouse=True)
def results_under_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def test_anyone_prepares_today_s_file_on_the_page_and_downloads_it(client, procurement,
                                                                  django_capture_on_commit_callbacks):
    page = client.get("/en/open-data/").content.decode()
    assert 'action="/en/open-data/"' in page and "ocds-releases.json" not in page
    assert client.get("/open-data/ocds-releases.json").status_code == 302  # not prepared yet: to the page
    with django_capture_on_commit_callbacks() as queued:
        started = client.post("/en/open-data/")
    assert started.status_code == 302 and started.url == "/en/open-data/"
    job = Job.objects.get()
    assert job.owner is None and job.state == "queued"
    waiting = client.get("/en/open-data/").content.decode()
    assert "being prepared" in waiting and "data-hx-get" in waiting and 'action="/en/open-data/"' not in waiting
    for callback in queued:
        callback()  # the worker writes it
    ready = client.get("/en/open-data/").content.decode()
    assert 'href="/en/open-data/ocds-releases.json"' in ready and "data-hx-get" not in ready
    download = client.get("/open-data/ocds-releases.json")
    package = json.loads(b"".join(download.streaming_content))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert [int(r["ocid"].rsplit("-", 1)[-1]) for r in package["releases"]] == [procurement.pk]


def test_everyone_that_day_joins_the_same_job(client, official, procurement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as first:
        client.post("/open-data/")
    client.force_login(official)
    with django_capture_on_commit_callbacks() as second:
        shown = client.post("/api/v1/ocds/releases/exports")
    assert shown.status_code == 202 and Job.objects.count() == 1 and len(first) == 1 and second == []
    assert shown.json()["page_url"] == "/open-data/" and shown.json()["download_url"] is None


def test_the_api_answers_202_with_the_job_then_200_with_the_file(client, official, procurement,
                                                                django_capture_on_commit_callbacks):
    private = factories.create_procurement(official, is_public=False)
    with django_capture_on_commit_callbacks() as queued:
        waiting = client.get("/api/v1/ocds/releases/package")
    assert waiting.status_code == 202 and waiting.json()["state"] == "queued"
    for callback in queued:
        callback()
    shown = client.post("/api/v1/ocds/releases/exports").json()
    assert shown["state"] == "done" and shown["download_url"] == "/api/v1/ocds/releases/package"
    ready = client.get("/api/v1/ocds/releases/package")
    package = json.loads(b"".join(ready.streaming_content))
    assert ready.status_code == 200
    assert [int(r["ocid"].rsplit("-", 1)[-1]) for r in package["releases"]] == [procurement.pk]
    assert private.pk not in [int(r["ocid"].rsplit("-", 1)[-1]) for r in package["releases"]]


def test_tomorrow_or_after_a_failure_a_new_file_is_written(client, procurement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/open-data/")
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(key=f"ocds-releases:{timezone.localdate() - timedelta(days=1)}")
    with django_capture_on_commit_callbacks() as queued:
        assert client.get("/api/v1/ocds/releases/package").status_code == 202  # yesterday's is not served
    assert len(queued) == 1 and Job.objects.count() == 2
    Job.objects.filter(key=tasks.todays_key()).update(state="failed", reason="failed")
    assert "Prepare today" in client.get("/en/open-data/").content.decode()
    with django_capture_on_commit_callbacks() as again:
        client.post("/open-data/")
    assert len(again) == 1 and Job.objects.get(key=tasks.todays_key()).state == "queued"


def test_a_package_job_owned_by_nobody_is_not_reached_by_its_id(client, official, procurement,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/open-data/")
    job = Job.objects.get()
    assert work.result_path(job).exists()
    client.force_login(official)
    for path in (f"/api/v1/jobs/{job.pk}", f"/api/v1/jobs/{job.pk}/download", f"/jobs/{job.pk}/",
                 f"/jobs/{job.pk}/download/"):
        assert client.get(path).status_code == 404, path


def test_the_workers_clock_prepares_today_s_file_before_anyone_asks(client, procurement,
                                                                   django_capture_on_commit_callbacks):
    from coprocure.jobs import schedule
    from coprocure.jobs.models import PeriodicRun

    with django_capture_on_commit_callbacks(execute=True):
        assert "prepare-open-data" in schedule.tick()
    assert PeriodicRun.objects.get(job="prepare-open-data").outcome == f"{tasks.todays_key()}: queued"
    ready = client.get("/api/v1/ocds/releases/package")
    assert ready.status_code == 200 and Job.objects.count() == 1
    with django_capture_on_commit_callbacks() as again:
        assert schedule.tick() == []  # once per day, however many clocks tick
    assert again == [] and Job.objects.count() == 1
