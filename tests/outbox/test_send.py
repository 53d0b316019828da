"""The outbox's promise to the code that sends: written with the change, sent once it commits,
never twice for one cause and recipient, retried with a growing wait, given up after a few
attempts without holding back the messages behind it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from coprocure.outbox import services as outbox
from coprocure.outbox.models import Message, State
from coprocure.outbox.sms import MemoryBackend

pytestmark = pytest.mark.django_db


def test_a_message_goes_out_once_the_change_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.send(to="anna@example.org", subject="Hei", body="Tervetuloa", cause="account-confirm:17")
        assert mail.outbox == []  # not before the commit
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [(["anna@example.org"], "Hei", "Tervetuloa")]
    message = Message.objects.get()
    assert message.state == State.SENT and message.sent_at is not None
    assert message.body == "" and message.subject == ""  # the text is not kept once sent


def test_nothing_is_written_or_sent_for_a_change_that_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            outbox.send(to="anna@example.org", subject="Hei", body="x", cause="account-confirm:17")
            raise RuntimeError("the change fails")
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_the_same_cause_and_recipient_is_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.send(to="anna@example.org", subject="Hei", body="1", cause="offer:5") is True
        assert outbox.send(to="anna@example.org", subject="Hei", body="2", cause="offer:5") is False
        assert outbox.send(to="bert@example.org", subject="Hei", body="3", cause="offer:5") is True
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bert@example.org"]


def test_text_messages_go_through_the_configured_backend(django_capture_on_commit_callbacks):
    MemoryBackend.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        outbox.send_sms(to="+358401234567", body="Paikka vapautui", cause="offer:9")
        outbox.send_sms(to="+358401234567", body="Paikka vapautui", cause="offer:9")
    assert MemoryBackend.sent == [("+358401234567", "Paikka vapautui")]


class Refusing:
    """An SMS gateway that is down."""

    def send(self, to, body):
        raise ConnectionRefusedError("gateway down")


@override_settings(COPROCURE_SMS_BACKEND="tests.outbox.test_send.Refusing")
def test_a_failure_is_kept_with_its_reason_and_tried_again_later(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.send_sms(to="+358401234567", body="x", cause="offer:9")
    message = Message.objects.get()
    assert message.state == State.PENDING and message.attempts == 1
    assert "gateway down" in message.last_error
    assert message.next_attempt_at > timezone.now() + timedelta(seconds=20)  # backoff, not at once
    assert outbox.deliver_due() == 0  # not due yet: nothing tried
    assert Message.objects.get().attempts == 1


@override_settings(COPROCURE_SMS_BACKEND="tests.outbox.test_send.Refusing")
def test_a_poisoned_message_stops_after_the_last_attempt_and_does_not_hold_back_others(settings):
    settings.COPROCURE_OUTBOX = {**settings.COPROCURE_OUTBOX, "max_attempts": 3}
    outbox.send_sms(to="+358401234567", body="x", cause="poison:1")
    for _attempt in range(5):
        Message.objects.filter(state=State.PENDING).update(next_attempt_at=timezone.now())
        outbox.deliver_due()
    poisoned = Message.objects.get()
    assert poisoned.state == State.FAILED and poisoned.attempts == 3
    outbox.send(to="anna@example.org", subject="s", body="b", cause="after:1")
    assert outbox.deliver_due() == 1
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]


def test_a_claim_left_by_a_killed_worker_is_taken_up_again():
    outbox.send(to="anna@example.org", subject="s", body="b", cause="c:1")
    Message.objects.update(state=State.SENDING, claimed_until=timezone.now() - timedelta(seconds=1))
    assert outbox.deliver_due() == 1
    assert len(mail.outbox) == 1
