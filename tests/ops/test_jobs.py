"""Long work a person starts: progress, the download for that person only, expiry, and a job
whose object was deleted meanwhile ending with a reason. Driven through the OCDS bulk export,
the simplest job there is (tests/participation/test_results_export_jobs.py has the survey's)."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coprocure.ops import work
from coprocure.ops.models import Job
from coprocure.outbox.models import Message

from .. import factories


@pytest.fixture(autouse=True)
def results_under_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def started(client, official, procurement, django_capture_on_commit_callbacks):
    """The official starts the bulk OCDS export; the test's queue runs it once it commits."""
    official.email = "virkailija@example.fi"
    official.save(update_fields=["email"])
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/ocds/releases/exports")
    assert response.status_code == 202, response.content
    return response.json()


def test_the_person_who_started_it_follows_it_and_downloads_the_result(client, started, procurement):
    assert started["state"] == "queued" and started["page_url"] == f"/jobs/{started['id']}/"
    job = client.get(f"/api/v1/jobs/{started['id']}").json()
    assert job["state"] == "done" and job["done"] == job["total"] == 1
    assert job["download_url"] == f"/api/v1/jobs/{started['id']}/download"
    package = json.loads(b"".join(client.get(job["download_url"]).streaming_content))
    assert [int(r["ocid"].rsplit("-", 1)[-1]) for r in package["releases"]] == [procurement.pk]
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


def test_a_job_whose_worker_died_is_shown_as_stopped_not_running_forever(client, official):
    job = Job.objects.create(owner=official, title="All open data (OCDS release package)", filename="x.json",
                             content_type="application/json", state=Job.State.RUNNING, done=3, total=10,
                             heartbeat_at=timezone.now() - timedelta(minutes=2))
    client.force_login(official)
    assert client.get(f"/api/v1/jobs/{job.pk}").json()["state"] == "running"  # still beating recently
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - work.STALLED_AFTER - timedelta(minutes=1))
    shown = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert shown["state"] == "failed" and shown["reason"] == "stopped" and shown["reason_text"]
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert shown["reason_text"] in page and "data-hx-get" not in page  # the page stops polling
