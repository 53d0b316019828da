"""The development backlog: proposals from the public and the one-time tokens of the form."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField
from coprocure.core.moderation import shown

from .contract import Contract
from .outcomes import Kra


class ProposalStatus(models.TextChoices):
    NEW = "new", _("Received")
    UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
    TRIAL = "trial", _("Being tried out")
    ADOPTED = "adopted", _("Taken up")
    REJECTED = "rejected", _("Not taken up")


class ProposerKind(models.TextChoices):
    SERVICE_USER = "service_user", _("I use the service")
    RELATIVE = "relative", _("I am a relative or close person")
    CLIENT_REPRESENTATIVE = "client_representative", _("Client representative or expert by experience")
    STAFF = "staff", _("I work in the service")
    OTHER = "other", _("Someone else")


class DevelopmentProposal(models.Model):
    """An idea for improving the service. An anonymous proposal has no user, session, IP
    address or time of day: only the day it came, and its text is redacted on arrival.

    It is followed by its ``reference`` (``domain.idea_reference``), given on the thank-you
    page. Its text and status reach the public trail only once staff have checked the text
    (``published_on``); until then a look-up by reference shows the status alone."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="proposals")
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    text = models.TextField(_("your idea"), max_length=2000)
    redacted = models.BooleanField(default=False, help_text=_("Personal data was removed from the text."))
    proposer_kind = models.CharField(_("who you are"), max_length=32, choices=ProposerKind.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="development_proposals",
    )
    submitted_on = models.DateField(_("received on"))
    published_on = models.DateField(_("shown publicly since"), null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=24, choices=ProposalStatus.choices, default=ProposalStatus.NEW)
    status_reason = TranslatedTextField(
        _("reason"), max_length=1000, multiline=True, blank=True,
        help_text=_("Required when a proposal is not taken up: the reason is shown publicly."),
    )
    outcome = TranslatedTextField(
        _("what we did"), max_length=1000, multiline=True, blank=True,
        help_text=_("In plain language: what changed because of this idea. Shown publicly."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="owned_proposals",
    )
    kras = models.ManyToManyField(Kra, verbose_name=_("key result areas"), blank=True, related_name="proposals")
    # Moderation hides parts of the text and never changes it: [{start, end, reason, by, at}].
    redactions = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = _("development proposal")
        verbose_name_plural = _("development proposals")

    def __str__(self) -> str:
        return self.public_text[:60]

    @property
    def public_text(self) -> str:
        return shown(self.text, self.redactions)


class ProposalToken(models.Model):
    """A spent idea-form token. The form carries a signed token (``services.backlog``) issued
    without writing anything; only sending the form stores the digest of its nonce, once
    (unique), so opening the form inserts no row. Nothing refers to the proposal it allowed,
    not even a time, so a token cannot be joined back to a proposal."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("idea form token")
        verbose_name_plural = _("idea form tokens")

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
