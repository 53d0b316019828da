"""Long work a person starts: progress, the download for that person only, expiry, and a job
whose object was deleted meanwhile ending with a reason, and a job whose worker died queued again
by the sweep. Driven through a survey's results export (a job of its starter's own)."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from coprocure.jobs import schedule
from coprocure.ops import work
from coprocure.ops.models import Job
from coprocure.outbox.models import Message
from coprocure.participation import services as participation

from .. import factories
from ..factories import text
from ..participation.conftest import make_survey


@pytest.fixture(autouse=True)
def results_under_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def survey(official, procurement):
    activity = participation.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": text("Kysely kotihoidosta"), "setting": "online"})
    return make_survey(official, activity)


@pytest.fixture
def started(client, official, survey, django_capture_on_commit_callbacks):
    """The official starts a survey's results export; the test's queue runs it once it commits."""
    official.email = "virkailija@example.fi"
    official.save(update_fields=["email"])
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/surveys/{survey.pk}/results/exports", {"format": "csv"},
                               content_type="application/json")
    assert response.status_code == 202, response.content
    return response.json()


def test_the_person_who_started_it_follows_it_and_downloads_the_result(client, started):
    assert started["state"] == "queued" and started["page_url"] == f"/jobs/{started['id']}/"
    job = client.get(f"/api/v1/jobs/{started['id']}").json()
    assert job["state"] == "done" and job["done"] == job["total"]
    assert job["download_url"] == f"/api/v1/jobs/{started['id']}/download"
    results = b"".join(client.get(job["download_url"]).streaming_content).decode("utf-8-sig")
    assert "Miten arvioit kotihoidon?" in results
    page = client.get(started["page_url"])
    assert page.status_code == 200
    assert f'href="/jobs/{started["id"]}/download/"' in page.content.decode()
    download = client.get(f"/jobs/{started['id']}/download/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]


def test_the_person_gets_an_email_with_the_link(started, official):
    message = Message.objects.get(cause=f"job-done:{started['id']}")
    assert message.recipient == official.email
    sent = [m for m in mail.outbox if m.to == [official.email]]
    assert sent and f"/jobs/{started['id']}/" in sent[-1].body


def test_nobody_else_sees_or_downloads_it(client, started, authority):
    other = factories.UserFactory(organisation=authority, position="official")  # same authority, even
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    for person in (other, admin):
        client.force_login(person)
        for path in (f"/api/v1/jobs/{started['id']}", f"/api/v1/jobs/{started['id']}/download",
                     f"/jobs/{started['id']}/", f"/jobs/{started['id']}/download/"):
            assert client.get(path).status_code == 404, (person, path)
    client.logout()
    assert client.get(f"/api/v1/jobs/{started['id']}").status_code == 401
    assert client.get(f"/jobs/{started['id']}/").status_code == 302  # to the sign-in page


def test_an_unknown_or_malformed_id_is_404_alike(client, official, db):
    client.force_login(official)
    for pk in ("00000000-0000-0000-0000-000000000000", "not-a-uuid", "1"):
        assert client.get(f"/api/v1/jobs/{pk}").status_code in (404, 422)
    assert client.get("/jobs/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_an_expired_result_is_gone_and_forgotten(client, started, results_under_tmp):
    Job.objects.filter(pk=started["id"]).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/api/v1/jobs/{started['id']}").json()["download_url"] is None
    assert client.get(f"/jobs/{started['id']}/download/").status_code == 404
    assert client.get(f"/jobs/{started['id']}/").status_code == 200
    assert (results_under_tmp / "jobs" / started["id"]).exists()
    assert work.forget_expired(timezone.now()) == 1
    assert not (results_under_tmp / "jobs" / started["id"]).exists()
    assert not Job.objects.filter(pk=started["id"]).exists()


def test_a_job_whose_subject_was_deleted_ends_with_a_reason_and_no_file(official, results_under_tmp):
    job = Job.objects.create(owner=official, title="All open data (OCDS release package)",
                             filename="x.json", content_type="application/json")

    def produce(job, out, progress):
        out.write(b"half of it")
        raise work.Gone

    assert work.run(str(job.pk), produce) == "gone"
    job.refresh_from_db()
    assert job.state == "failed" and job.reason == "gone" and job.expires_at is not None
    assert list((results_under_tmp / "jobs").iterdir()) == []
    assert work.run(str(job.pk), produce) == "not queued"  # a second delivery does nothing


def test_a_failing_job_ends_with_a_reason_not_the_exception_text(client, official, results_under_tmp):
    job = Job.objects.create(owner=official, title="All open data (OCDS release package)",
                             filename="x.json", content_type="application/json")

    def produce(job, out, progress):
        raise RuntimeError("secret detail")

    assert work.run(str(job.pk), produce) == "failed"
    client.force_login(official)
    shown = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert shown["state"] == "failed" and shown["reason"] == "failed" and "secret" not in json.dumps(shown)
    assert "secret" not in client.get(f"/jobs/{job.pk}/").content.decode()


@pytest.fixture
def interrupted(client, official, survey, django_capture_on_commit_callbacks):
    """A results export whose worker died in the middle: running, its heartbeat long stopped."""
    client.force_login(official)
    with django_capture_on_commit_callbacks():  # queued; the worker that takes it dies
        job_id = client.post(f"/api/v1/surveys/{survey.pk}/results/exports", {"format": "csv"},
                             content_type="application/json").json()["id"]
    stalled = timezone.now() - timedelta(seconds=settings.COPROCURE_JOB_STALLED_SECONDS + 60)
    Job.objects.filter(pk=job_id).update(state=Job.State.RUNNING, heartbeat_at=stalled, attempts=1, done=3, total=10)
    return job_id


def test_the_sweep_queues_a_job_whose_worker_died_and_it_finishes(client, interrupted,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule.sweep()["jobs"] == {"restarted": 1, "stopped": 0}
    shown = client.get(f"/api/v1/jobs/{interrupted}").json()
    assert shown["state"] == "done" and shown["download_url"]
    assert Job.objects.get(pk=interrupted).attempts == 2
    assert client.get(shown["download_url"]).status_code == 200


def test_two_sweeps_at_once_queue_it_once(interrupted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        first, second = work.restart_stalled(), work.restart_stalled()
    assert first["restarted"] == 1 and second["restarted"] == 0 and len(queued) == 1


def test_a_job_still_beating_is_left_alone(interrupted):
    Job.objects.filter(pk=interrupted).update(heartbeat_at=timezone.now() - timedelta(seconds=30))
    assert work.restart_stalled() == {"restarted": 0, "stopped": 0}
    assert Job.objects.get(pk=interrupted).state == "running"


def test_a_job_whose_worker_died_every_time_ends_as_stopped_with_the_reason(client, interrupted):
    Job.objects.filter(pk=interrupted).update(attempts=work.MAX_ATTEMPTS)
    assert work.restart_stalled() == {"restarted": 0, "stopped": 1}
    shown = client.get(f"/api/v1/jobs/{interrupted}").json()
    assert shown["state"] == "failed" and shown["reason"] == "stopped" and shown["reason_text"]
    page = client.get(f"/jobs/{interrupted}/").content.decode()
    assert shown["reason_text"] in page and "data-hx-get" not in page  # the page stops polling
    assert work.restart_stalled() == {"restarted": 0, "stopped": 0}  # said once
