"""The only code that writes outbox messages and the one place that delivers them.

``send`` and ``send_sms`` write a message in the caller's transaction and ask for delivery once
it commits: a change that rolls back sends nothing, and nothing is sent inside a request.
Workers deliver with retries and backoff (``deliver_due``); a message that keeps failing stops
after ``COPROCURE_OUTBOX["max_attempts"]`` and waits for staff (``retry``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from coprocure.audit import services as audit

from . import sms, smtp
from .models import Channel, Fanout, Message, State

log = logging.getLogger(__name__)


def send(*, to: str, subject: str, body: str, cause: str, headers: dict | None = None) -> bool:
    """Send an e-mail once the current transaction commits. True if this wrote it, False if a
    message with the same cause and recipient exists already (nothing more is sent)."""
    return _write(Channel.EMAIL, to, cause, subject=subject, body=body, headers=headers or {})


def send_sms(*, to: str, body: str, cause: str) -> bool:
    """Send a text message once the current transaction commits; idempotent like ``send``."""
    return _write(Channel.SMS, to, cause, body=body)


def _write(channel: str, to: str, cause: str, **content) -> bool:
    with transaction.atomic():
        _message, created = Message.objects.get_or_create(
            channel=channel, cause=cause[:200], recipient=to.strip(),
            defaults={**content, "next_attempt_at": timezone.now()},
        )
    if created:
        deliver_after_commit()
    return created


def send_many(cause: str, emails: list[tuple[str, dict]]) -> int:
    """Write a batch of e-mails for one cause in one statement, each ``(to, {subject, body,
    headers})``, leaving out recipients already written (a fan-out run again), and queue their
    delivery after the commit. Returns how many the batch held."""
    now = timezone.now()
    Message.objects.bulk_create([
        Message(channel=Channel.EMAIL, cause=cause[:200], recipient=to.strip(), next_attempt_at=now, **content)
        for to, content in emails], ignore_conflicts=True)
    if emails:
        deliver_after_commit()
    return len(emails)


def deliver_after_commit() -> None:
    from .tasks import deliver  # the task module imports this one

    transaction.on_commit(deliver.enqueue)


def _options() -> dict:
    return settings.COPROCURE_OUTBOX


def due(now: datetime):
    """Messages to try now: waiting ones whose time has come, and claims that ran out."""
    return Message.objects.filter(Q(state=State.PENDING, next_attempt_at__lte=now)
                                  | Q(state=State.SENDING, claimed_until__lt=now))


def _claim(now: datetime) -> list[Message]:
    """Claim a batch for this worker; other workers skip the locked rows and take the next."""
    with transaction.atomic():
        batch = list(due(now).order_by("next_attempt_at", "pk")
                     .select_for_update(skip_locked=True)[:_options()["batch"]])
        Message.objects.filter(pk__in=[message.pk for message in batch]).update(
            state=State.SENDING, attempts=F("attempts") + 1,
            claimed_until=now + timedelta(seconds=_options()["claim_seconds"]))
    for message in batch:
        message.attempts += 1
    return batch


def deliver_due() -> int:
    """Deliver every message that is due, batch by batch; returns how many went out. Each
    message is marked sent as its server takes it (``smtp``), so a worker killed mid-batch
    leaves only unsent messages to the next one."""
    delivered = 0
    while batch := _claim(timezone.now()):
        connection = get_connection() if any(message.channel == Channel.EMAIL for message in batch) else None
        try:
            sent = [message.pk for message in batch if _deliver(message, connection)]
        finally:
            if connection is not None:
                connection.close()
        delivered += len(sent)
    return delivered


def _deliver(message: Message, connection) -> bool:
    def mark_sent():
        # The text goes with the marking, in one transaction: a message that carried a secret
        # (an invitation code beside its recipient) keeps it not a moment after it was sent.
        Message.objects.filter(pk=message.pk).update(state=State.SENT, sent_at=timezone.now(), claimed_until=None,
                                                     last_error="", subject="", body="", headers={})
    try:
        if message.channel == Channel.EMAIL:
            # The same Message-ID on every attempt: a copy sent again is recognisably the same message.
            email = EmailMessage(message.subject, message.body, to=[message.recipient], connection=connection,
                                 headers={**message.headers, "Message-ID": f"<outbox.{message.pk}@{DNS_NAME}>"})
            if smtp.applies(connection):
                smtp.send(connection, email, mark_sent)
            else:
                email.send()
                mark_sent()
        else:
            sms.backend().send(message.recipient, message.body)
            mark_sent()
    except Exception as error:  # any failure of the far end is kept with the message, never raised
        _failed(message, error)
        if smtp.applies(connection):
            connection.close()  # the next message starts a clean SMTP session
        return False
    return True


def _failed(message: Message, error: Exception) -> None:
    reason = f"{type(error).__name__}: {error}"[:500]
    options = _options()
    if message.attempts >= options["max_attempts"]:
        log.warning("outbox message %s failed for good after %s attempts: %s", message.pk, message.attempts,
                    type(error).__name__)
        Message.objects.filter(pk=message.pk).update(state=State.FAILED, claimed_until=None, last_error=reason)
        return
    wait = min(options["backoff_seconds"] * 2 ** (message.attempts - 1), options["max_backoff_seconds"])
    Message.objects.filter(pk=message.pk).update(
        state=State.PENDING, claimed_until=None, last_error=reason,
        next_attempt_at=timezone.now() + timedelta(seconds=wait))


@transaction.atomic
def retry(actor, message: Message) -> Message:
    """Staff give a failed message another round of attempts; audited."""
    if message.state != State.FAILED:
        return message
    Message.objects.filter(pk=message.pk).update(state=State.PENDING, attempts=0, next_attempt_at=timezone.now())
    audit.record(actor, "outbox.retry", message, None, {"channel": message.channel, "cause": message.cause,
                                                        "attempts": message.attempts})
    deliver_after_commit()
    message.refresh_from_db()
    return message


def start_fanout(cause: str, task, subject_id: int) -> bool:
    """Record a fan-out in the current transaction and start its task once it commits. False if
    a fan-out with this cause exists already."""
    with transaction.atomic():
        fanout, created = Fanout.objects.get_or_create(cause=cause, defaults={"task_path": task.module_path,
                                                                              "subject_id": subject_id})
    if created:
        transaction.on_commit(lambda: task.enqueue(fanout.pk))
    return created


def stalled_fanouts(now: datetime):
    """Fan-outs not finished whose task has given no sign of life within the claim time."""
    quiet = now - timedelta(seconds=_options()["claim_seconds"])
    return Fanout.objects.filter(done_at__isnull=True).filter(
        Q(heartbeat_at__lt=quiet) | Q(heartbeat_at__isnull=True, created_at__lt=quiet))


def forget_sent(now: datetime) -> int:
    """Delete sent messages past their retention period (registered in core.retention)."""
    before = now - timedelta(days=settings.COPROCURE_RETENTION_DAYS["sent_messages"])
    deleted = Message.objects.filter(state=State.SENT, sent_at__lt=before).delete()[0]
    return deleted + Fanout.objects.filter(done_at__lt=before).delete()[0]
