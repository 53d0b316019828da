"""What a notice needs beyond CoProcure's other data, and each notice sent to the notice service."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.contracts.models import Amendment
from coprocure.core.models import Organisation, Procurement
from coprocure.domain.notice_kinds import ModificationReason, NoticeKind
from coprocure.domain.regions import NUTS_CODES

from .reference import CPV_CODES

KIND_CHOICES = [
    (NoticeKind.PRE_MARKET_CONSULTATION.value, _("Pre-market consultation (E1)")),
    (NoticeKind.PRIOR_INFORMATION.value, _("Prior information notice (E2)")),
    (NoticeKind.CONTRACT_NOTICE_LIGHT.value, _("Contract notice, social and health services (20)")),
    (NoticeKind.CONTRACT_NOTICE_NATIONAL.value, _("National contract notice (E3)")),
    (NoticeKind.AWARD_NOTICE_LIGHT.value, _("Contract award notice, social and health services (33)")),
    (NoticeKind.AWARD_NOTICE_NATIONAL.value, _("National contract award notice (E4)")),
    (NoticeKind.MODIFICATION.value, _("Contract modification notice (38)")),
]


class NoticeDetails(models.Model):
    """Codes and the buyer's contact details, picked by staff from lists."""

    procurement = models.OneToOneField(Procurement, on_delete=models.CASCADE, related_name="notice_details")
    cpv = models.CharField(_("main CPV code"), max_length=8, blank=True, choices=sorted(CPV_CODES.items()))
    nuts = models.CharField(_("region (NUTS 3)"), max_length=5, blank=True,
                            choices=sorted(NUTS_CODES.items(), key=lambda item: item[1]))
    buyer_street = models.CharField(_("buyer's street address"), max_length=200, blank=True)
    buyer_postcode = models.CharField(_("buyer's postcode"), max_length=5, blank=True)
    buyer_city = models.CharField(_("buyer's town"), max_length=100, blank=True)
    buyer_email = models.EmailField(_("buyer's e-mail address for notices"), blank=True)
    buyer_phone = models.CharField(_("buyer's telephone for notices"), max_length=30, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notice details")


class CompanySize(models.TextChoices):
    """eForms economic-operator-size (BT-165), the EU's SME definition (Recommendation 2003/361/EC)."""

    MICRO = "micro", _("Micro enterprise (under 10 persons)")
    SMALL = "small", _("Small enterprise (under 50 persons)")
    MEDIUM = "medium", _("Medium-sized enterprise (under 250 persons)")
    LARGE = "large", _("Large enterprise")


class OrganisationSize(models.Model):
    """A tenderer's size: an award notice counts the tenders by it (BT-760) and a 33 states each winner's (BT-165)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="notice_size")
    size = models.CharField(_("size"), max_length=8, choices=CompanySize.choices)

    class Meta:
        verbose_name = _("organisation size")


MODIFICATION_REASONS = [
    (ModificationReason.OPTIONS.value, _("Review clauses or options of the contract")),
    (ModificationReason.ADDITIONAL.value, _("Additional services by the original provider")),
    (ModificationReason.UNFORESEEABLE.value, _("Circumstances a diligent buyer could not foresee")),
    (ModificationReason.NEW_CONTRACTOR.value, _("A new provider replaces the original one by succession")),
    (ModificationReason.NOT_SUBSTANTIAL.value, _("A modification that is not substantial")),
    (ModificationReason.DE_MINIMIS.value, _("A modification under the minimal values (de minimis)")),
]


class ModificationDetails(models.Model):
    """What a contract modification notice (38) says of an amendment beyond the amendment itself:
    the ground of the modification as the directive names it, and the contract's value before and
    after it (without VAT)."""

    amendment = models.OneToOneField(Amendment, on_delete=models.CASCADE, related_name="notice_modification")
    reason_code = models.CharField(_("ground of the modification"), max_length=8, blank=True,
                                   choices=MODIFICATION_REASONS)
    value_before = models.DecimalField(_("contract value before the modification (EUR)"), max_digits=14,
                                       decimal_places=2, null=True, blank=True)
    value_after = models.DecimalField(_("contract value after the modification (EUR)"), max_digits=14,
                                      decimal_places=2, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("modification notice details")


class SubmissionStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    ACCEPTED = "accepted", _("Accepted by the notice service")
    REJECTED = "rejected", _("Rejected by the notice service")
    INVALID = "invalid", _("Not sent: fails the eForms rules")
    FAILED = "failed", _("Could not be sent")


class Submission(models.Model):
    """One notice sent to the notice service. Its UUID is both the notice's identifier in the
    XML (BT-701) and the idempotency key, so a retry can never publish it twice."""

    procurement = models.ForeignKey(Procurement, on_delete=models.PROTECT, related_name="notice_submissions")
    kind = models.CharField(_("notice"), max_length=3, choices=KIND_CHOICES)
    # The amendment a modification notice (38) announces; empty for every other kind.
    amendment = models.ForeignKey(Amendment, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="notice_submissions")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    xml = models.BinaryField(editable=False)
    status = models.CharField(max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    publication_id = models.CharField(_("notice identifier"), max_length=64, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    violations = models.JSONField(default=list, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("notice submission")
        constraints = [
            # One notice of a kind waiting or published per procurement (per amendment for a
            # modification notice): a second one is refused.
            models.UniqueConstraint(
                fields=["procurement", "kind"],
                condition=models.Q(status__in=["queued", "accepted"], amendment__isnull=True),
                name="notices_one_live_submission_per_kind",
            ),
            models.UniqueConstraint(
                fields=["amendment", "kind"],
                condition=models.Q(status__in=["queued", "accepted"], amendment__isnull=False),
                name="notices_one_live_submission_per_amendment",
            ),
        ]
