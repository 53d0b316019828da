"""Messages waiting to go out, and fan-outs that write many of them.

A message is unique on (channel, cause, recipient): the cause names the change that made it
("account-confirm:17", "you-said-we-did:4:88"), so writing it twice, or a fan-out run again after
its worker died, never sends anyone a second copy. Once sent, the subject and body are blanked:
only who, why and when stay, for the retention period (``COPROCURE_RETENTION_DAYS["sent_messages"]``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("text message")


class State(models.TextChoices):
    PENDING = "pending", _("waiting")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Message(models.Model):
    channel = models.CharField(max_length=8, choices=Channel.choices)
    cause = models.CharField(max_length=200)
    recipient = models.CharField(max_length=254)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    # A worker's claim on a message it is sending; a claim that runs out (the worker died) is
    # taken up again by the next delivery.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["channel", "cause", "recipient"], name="outbox_message_once")]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.channel} {self.cause}"


class Fanout(models.Model):
    """One change to tell many people about, written with the change. Its task writes the
    messages in batches; a fan-out whose heartbeat stopped (the worker died) is started again,
    and the messages' unique key makes the second run add only what the first did not write."""

    cause = models.CharField(max_length=200, unique=True)
    task_path = models.CharField(max_length=200)
    subject_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    written = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.cause
