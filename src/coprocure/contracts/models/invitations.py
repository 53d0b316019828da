"""Invitations to the outcome surveys behind user-reported indicators: one-time codes the
authority issues to clients (on paper, by SMS or e-mail, or entered with a staff member), the
answers they brought, and the figures flagged to the accountable official."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .outcomes import Indicator, SurveyRound


class InvitationChannel(models.TextChoices):
    PAPER = "paper", _("Printed on paper")
    SMS = "sms", _("Sent by text message")
    EMAIL = "email", _("Sent by e-mail")
    STAFF = "staff", _("Entered with a staff member")


class InvitationBatch(models.Model):
    survey_round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="invitation_batches")
    channel = models.CharField(_("channel"), max_length=8, choices=InvitationChannel.choices)
    size = models.PositiveIntegerField(_("number of codes"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey_round_id", "issued_at"]
        verbose_name = _("batch of invitation codes")
        verbose_name_plural = _("batches of invitation codes")


class InvitationCode(models.Model):
    """Only the code's digest is kept; the code itself is shown once, when issued."""

    batch = models.ForeignKey(InvitationBatch, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)
    spent = models.BooleanField(default=False)

    @staticmethod
    def digest_of(code: str) -> str:
        return hashlib.sha256("".join(code.split()).upper().encode()).hexdigest()


class BatchUse(models.Model):
    """How many codes of a batch were used in one hour: enough to see a burst, nothing that
    times a single answer more closely than the hour."""

    batch = models.ForeignKey(InvitationBatch, on_delete=models.CASCADE, related_name="uses")
    hour = models.DateTimeField()
    answers = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["batch", "hour"], name="one_use_row_per_hour")]


class FlagKind(models.TextChoices):
    BURST = "burst", _("Many answers from one batch of codes within an hour")
    JUMP = "jump", _("A sudden change from the previous period's figure")


class FigureFlag(models.Model):
    """An unusual pattern in a period's figure, for the accountable official: until cleared,
    the figure cannot be recorded, so it cannot enter a settlement."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="figure_flags")
    period_start = models.DateField(_("period starts"))
    kind = models.CharField(_("kind"), max_length=8, choices=FlagKind.choices)
    detail = models.CharField(_("detail"), max_length=300)
    raised_at = models.DateTimeField(auto_now_add=True)
    cleared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    cleared_at = models.DateTimeField(null=True, blank=True)
    clear_reason = models.CharField(_("reason"), max_length=1000, blank=True)

    class Meta:
        ordering = ["indicator_id", "period_start", "raised_at"]
        verbose_name = _("flagged figure")
        verbose_name_plural = _("flagged figures")
