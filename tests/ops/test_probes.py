"""What the load balancer asks: /healthz (alive, no database) and /readyz (database, migrations,
queue lag), reachable however the request arrives and never cached."""

import pytest
from django.db import connection

from coprocure.ops import probes


def test_healthz_answers_without_asking_the_database(client):
    response = client.get("/healthz")  # no database access is allowed in this test
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_reports_each_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok", "queue": "ok"}}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_is_not_ready_while_a_migration_is_unapplied(client, monkeypatch):
    monkeypatch.setattr(probes, "_migrations_seen_applied", False)
    with connection.cursor() as cursor:  # as if this release's last migration had not run yet
        cursor.execute("DELETE FROM django_migrations WHERE app = 'core' AND name = "
                       "(SELECT max(name) FROM django_migrations WHERE app = 'core')")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "1 unapplied"
    assert response.json()["status"] == "not ready"


@pytest.mark.django_db
def test_probes_answer_a_load_balancer_asking_by_address_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="10.0.0.7:8000")
        assert response.status_code == 200, (path, response.status_code)


@pytest.mark.django_db
def test_probes_pass_a_half_signed_in_session_and_need_no_language_prefix(client, settings, official):
    settings.COPROCURE_REQUIRE_2FA = True
    client.force_login(official)  # password given, no code from the authenticator yet
    assert client.get("/my/").status_code == 302  # everything else waits for the code
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200


def test_probes_have_one_address_in_no_language(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.get("/en/healthz").status_code == 404
    assert client.get("/sv/readyz").status_code == 404


def _queued(age_seconds: int, status: str = "READY"):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    row = DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="coprocure.outbox.tasks.deliver",
                                      backend_name="default", run_after=get_date_max(), status=status,
                                      exception_class_path="", traceback="")
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - timedelta(seconds=age_seconds))
    return row


@pytest.mark.django_db
def test_readyz_is_not_ready_while_the_oldest_ready_job_waits_too_long(client, settings):
    settings.COPROCURE_READY_QUEUE_LAG_SECONDS = 300
    _queued(60)
    assert client.get("/readyz").status_code == 200
    _queued(900)
    _queued(2000, status="FAILED")  # a failed job is not waiting: it does not count
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["queue"].startswith("oldest job waiting 9")
    assert response.json()["checks"]["database"] == "ok"
