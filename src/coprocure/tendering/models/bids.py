"""Bids, their attachments and their consortium members. A bid's price and answers exist before
opening only as ``sealed_content`` (see ``sealing``); the plain ``price`` and ``answers``
columns are written by ``services.open_bids`` and stay empty until then."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Organisation

from .tender import Lot, Tender


class Bid(models.Model):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="bids")
    lead = models.ForeignKey(Organisation, verbose_name=_("lead bidder"), on_delete=models.PROTECT, related_name="bids_led")
    # Which lot the bid is for is as public to the authority as who bids; empty without lots.
    lot = models.ForeignKey(Lot, verbose_name=_("lot"), null=True, blank=True, on_delete=models.PROTECT,
                            related_name="bids")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    sealed_content = models.BinaryField(editable=False)
    price = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True, editable=False)
    answers = models.JSONField(null=True, blank=True, editable=False)
    exclusion_reason = models.TextField(_("reason for exclusion"), blank=True)
    # The number of the published minimum requirement the bid failed, when that is the reason.
    failed_requirement = models.PositiveSmallIntegerField(_("failed minimum requirement"), null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("bid")
        verbose_name_plural = _("bids")

    def __str__(self) -> str:
        return f"{self.lead} #{self.pk}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_consortium(self) -> bool:
        return len(self.members.all()) > 0


class BidAttachment(models.Model):
    """A file of a bid. Until opening only ``sealed_content`` holds anything (the name, kind and
    bytes, encrypted like the bid); ``services.open_bids`` fills in the rest."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="attachments")
    sealed_content = models.BinaryField(editable=False)
    name = models.CharField(max_length=200, blank=True, editable=False)
    kind = models.CharField(max_length=16, blank=True, editable=False)
    content = models.BinaryField(null=True, editable=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("bid attachment")
        verbose_name_plural = _("bid attachments")


class BidMember(models.Model):
    """Another organisation of a consortium bid, beside the lead."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="bid_memberships")
    role = models.CharField(_("role in the consortium"), max_length=200)

    class Meta:
        verbose_name = _("consortium member")
        verbose_name_plural = _("consortium members")
        constraints = [models.UniqueConstraint(fields=["bid", "organisation"], name="one_membership_per_bid")]
