"""The award decision and the complaints about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField
from coprocure.core.models import Organisation

from .bids import Bid
from .tender import Tender


class AwardDecision(models.Model):
    """One decision per tender. With lots, ``lot_winners`` names each lot's winner (the first of
    that lot's ranking in ``comparison``) and ``winner`` is the first lot's."""

    tender = models.OneToOneField(Tender, on_delete=models.CASCADE, related_name="award")
    winner = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="+")
    accountable_official = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accountable official"), on_delete=models.PROTECT, related_name="+"
    )
    reasons = TranslatedTextField(_("reasons"), max_length=5000, multiline=True)
    decided_on = models.DateField(_("decided on"))
    standstill_ends_on = models.DateField(_("standstill ends on"))
    # The published comparison, frozen when the award is published: what anyone recomputes.
    comparison = models.JSONField(editable=False)
    # {lot number: winning bid id}, empty without lots; kept beside the comparison so that the
    # open-data export need not read the comparison.
    lot_winners = models.JSONField(default=dict, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")


class ComplaintKind(models.TextChoices):
    RECTIFICATION_REQUEST = "rectification_request", _("Request for rectification (hankintaoikaisu)")
    MARKET_COURT_APPEAL = "market_court_appeal", _("Appeal to the Market Court")


class ComplaintOutcome(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    UPHELD = "upheld", _("Upheld")
    REJECTED = "rejected", _("Rejected")


class Complaint(models.Model):
    """A bidder's request for rectification or appeal against the award, and the answer to it.

    The public timeline shows the kind, the dates and the answer, never who complained.
    """

    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="complaints")
    kind = models.CharField(_("kind of complaint"), max_length=32, choices=ComplaintKind.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", editable=False)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    filed_on = models.DateField(editable=False)
    grounds = models.TextField(_("grounds"), max_length=5000)
    outcome = models.CharField(max_length=16, choices=ComplaintOutcome.choices, default=ComplaintOutcome.PENDING,
                               editable=False)
    answer = models.TextField(_("reasons for the answer"), max_length=5000, blank=True, editable=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", editable=False)
    answered_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["filed_on", "id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    @property
    def is_pending(self) -> bool:
        return self.outcome == ComplaintOutcome.PENDING
