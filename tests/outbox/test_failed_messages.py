"""Staff see the messages that could not be sent, with the reason, and send one again: page and
API, site administrators only, the retry audited."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from coprocure.audit.models import AuditEntry
from coprocure.outbox import services as outbox
from coprocure.outbox.models import Message, State

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed():
    outbox.send(to="liisa@example.fi", subject="Hei", body="Viesti", cause="offer:3")
    Message.objects.update(state=State.FAILED, attempts=8, last_error="SMTPRecipientsRefused: 550 mailbox full")
    return Message.objects.get()


@pytest.fixture
def admin():
    return factories.UserFactory(is_superuser=True, is_staff=True)


def test_the_administrator_sees_the_reason_and_not_the_whole_address(client, admin, failed):
    client.force_login(admin)
    page = client.get(reverse("outbox_failed")).content.decode()
    assert "550 mailbox full" in page and "offer:3" in page
    assert "l…@example.fi" in page and "liisa@example.fi" not in page


def test_sending_again_delivers_it_and_is_audited(client, admin, failed, django_capture_on_commit_callbacks):
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outbox_retry", args=[failed.pk]))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["liisa@example.fi"]]
    assert Message.objects.get().state == State.SENT
    entry = AuditEntry.objects.get(action="outbox.retry")
    assert entry.actor == admin and "liisa" not in str(entry.after)


def test_the_api_lists_and_retries(client, admin, failed, django_capture_on_commit_callbacks):
    client.force_login(admin)
    listed = client.get("/api/v1/outbox/failed").json()
    assert [(row["cause"], row["recipient"], row["last_error"]) for row in listed] == [
        ("offer:3", "l…@example.fi", "SMTPRecipientsRefused: 550 mailbox full")]
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(f"/api/v1/outbox/messages/{failed.pk}/retry")
    assert reply.status_code == 200 and reply.json()["state"] in {"pending", "sent"}
    assert len(mail.outbox) == 1
    # Only a failed message can be sent again: the same id now is 404.
    assert client.post(f"/api/v1/outbox/messages/{failed.pk}/retry").status_code == 404


@pytest.mark.parametrize("position", ["official", "staff", "representative"])
def test_nobody_else_sees_or_retries(client, failed, position):
    client.force_login(factories.UserFactory(position=position))
    assert client.get(reverse("outbox_failed")).status_code == 403
    assert client.post(reverse("outbox_retry", args=[failed.pk])).status_code == 403
    assert client.get("/api/v1/outbox/failed").status_code == 403
    assert client.post(f"/api/v1/outbox/messages/{failed.pk}/retry").status_code == 403
    assert Message.objects.get().state == State.FAILED and not AuditEntry.objects.filter(action="outbox.retry").exists()


def test_signed_out_callers_are_refused(client, failed):
    assert client.get(reverse("outbox_failed")).status_code == 302  # to sign-in
    assert client.get("/api/v1/outbox/failed").status_code == 401
    assert client.post(f"/api/v1/outbox/messages/{failed.pk}/retry").status_code == 401
    assert Message.objects.get().state == State.FAILED
