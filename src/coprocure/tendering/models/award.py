"""The award decision and the complaints about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField
from coprocure.core.models import Organisation
from coprocure.domain import deadlines
from coprocure.domain import complaints as complaint_rules
from coprocure.domain.complaints import complaint_deadline

from .bids import Bid
from .tender import Tender


class NotificationChannel(models.TextChoices):
    ELECTRONIC = deadlines.Channel.ELECTRONIC.value, _("Electronically (e-mail or the procurement system)")
    LETTER = deadlines.Channel.LETTER.value, _("By letter")
    IN_PERSON = deadlines.Channel.IN_PERSON.value, _("Handed over in person")


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
    # How and when the decision was sent to the bidders: the time limits run from its deemed receipt.
    sent_on = models.DateField(_("sent to the bidders on"), null=True)
    channel = models.CharField(_("sent how"), max_length=16, choices=NotificationChannel.choices,
                               default=NotificationChannel.ELECTRONIC)
    # The published comparison, frozen when the award is published: what anyone recomputes.
    comparison = models.JSONField(editable=False)
    # {lot number: winning bid id}, empty without lots; kept beside the comparison so that the
    # open-data export need not read the comparison.
    lot_winners = models.JSONField(default=dict, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")

    @property
    def procurement(self):
        return self.tender.procurement

    @property
    def complaint_days(self) -> int:
        return self.tender.complaint_days

    @property
    def received_on(self):
        """The day the bidders are deemed to have received the decision (1397/2016 section 128)."""
        return deadlines.deemed_received(self.sent_on or self.decided_on, self.channel)

    @property
    def complaints_until(self):
        """The last day for a request for rectification and for an appeal to the Market Court."""
        return complaint_deadline(self.received_on, self.complaint_days)


class ComplaintKind(models.TextChoices):
    RECTIFICATION_REQUEST = "rectification_request", _("Request for rectification (hankintaoikaisu)")
    MARKET_COURT_APPEAL = "market_court_appeal", _("Appeal to the Market Court")


class ComplaintOutcome(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    UPHELD = "upheld", _("Upheld")
    REJECTED = "rejected", _("Rejected")
    DISMISSED = "dismissed", _("Dismissed without examination")


class ComplaintRecord(models.Model):
    """A request for rectification or an appeal against a published decision (the award, a
    selection or a reduction decision), and the answer to it. The public timeline shows the kind,
    the dates and the answer, never who complained."""

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
    # An appeal is decided by the Market Court: the authority only records it, whether it came
    # after the last day (the court decides on timeliness), a ban on enforcement while it is
    # pending, and the court's decision with its date.
    late = models.BooleanField(default=False, editable=False)
    enforcement_banned = models.BooleanField(_("ban on enforcement (täytäntöönpanokielto)"), default=False)
    court_decided_on = models.DateField(_("date of the Market Court's decision"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["filed_on", "id"]

    @property
    def is_pending(self) -> bool:
        return self.outcome == ComplaintOutcome.PENDING

    @property
    def is_appeal(self) -> bool:
        return self.kind == ComplaintKind.MARKET_COURT_APPEAL

    @property
    def holds_contract(self) -> bool:
        """A pending request for rectification, or a pending appeal with a ban on enforcement."""
        return complaint_rules.holds(self.kind, self.is_pending, self.enforcement_banned)


class Complaint(ComplaintRecord):
    """A bidder's complaint against the award."""

    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="complaints")

    class Meta(ComplaintRecord.Meta):
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
