"""The invitation to tender and what it is built from: the objectives (with the insights they
answer), the quality criteria, the lots and the clarification questions."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised
from coprocure.core.models import Procurement
from coprocure.domain.complaints import COMPLAINT_DAYS
from coprocure.domain.scoring import QualityMethod as DomainQualityMethod
from coprocure.domain.scoring import TieRule as DomainTieRule
from coprocure.participation.models import Insight


class Objective(models.Model):
    """An outcome the procurement seeks (not an output), and how it was agreed."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="objectives")
    statement = TranslatedTextField(_("objective"), max_length=500, multiline=True)
    plain_summary = TranslatedTextField(_("plain-language summary"), max_length=300, multiline=True, blank=True)
    insights = models.ManyToManyField(Insight, verbose_name=_("insights it answers"), blank=True, related_name="objectives")
    agreed_how = TranslatedTextField(
        _("how it was agreed"), max_length=1000, multiline=True, blank=True,
        help_text=_("Who agreed the objective and how, for example in a panel session with experts by experience."),
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return localised(self.statement)


class QualityMethod(models.TextChoices):
    ABSOLUTE = DomainQualityMethod.ABSOLUTE.value, _("Absolute: points against the scale")
    RELATIVE = DomainQualityMethod.RELATIVE.value, _("Relative: points against the best bid")


class TieRule(models.TextChoices):
    QUALITY_THEN_LOTS = DomainTieRule.QUALITY_THEN_LOTS.value, _("More quality points, then drawing lots")
    PRICE_THEN_LOTS = DomainTieRule.PRICE_THEN_LOTS.value, _("Lower price, then drawing lots")
    QUALITY_THEN_EARLIER = DomainTieRule.QUALITY_THEN_EARLIER.value, _("More quality points, then earlier bid, then drawing lots")
    PRICE_THEN_EARLIER = DomainTieRule.PRICE_THEN_EARLIER.value, _("Lower price, then earlier bid, then drawing lots")


class Tender(models.Model):
    """The invitation to tender of one procurement; the procedure is the procurement's."""

    procurement = models.OneToOneField(Procurement, on_delete=models.CASCADE, related_name="tender")
    service_description = TranslatedTextField(_("service description"), max_length=10000, multiline=True)
    deadline = models.DateTimeField(_("deadline for bids"))
    consortia_allowed = models.BooleanField(_("consortia may bid"), default=True)
    quality_method = models.CharField(
        _("quality points"), max_length=16, choices=QualityMethod.choices, default=QualityMethod.ABSOLUTE
    )
    tie_rule = models.CharField(_("tie rule"), max_length=32, choices=TieRule.choices, default=TieRule.QUALITY_THEN_EARLIER)
    complaint_days = models.PositiveSmallIntegerField(
        _("days for complaints"), default=COMPLAINT_DAYS,
        help_text=_("How many days after the award decision bidders can ask for rectification or appeal."),
    )
    price_weight = models.DecimalField(
        _("price weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)],
        help_text=_("Price and quality weights together must make 100."),
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The tender's bid-sealing key pair: the public key seals, the private key is stored only
    # wrapped by settings.COPROCURE_BID_KEY and unwrapped at opening.
    public_key = models.BinaryField(null=True, editable=False)
    wrapped_private_key = models.BinaryField(null=True, editable=False)
    # Two officials open the bids: one asks, another confirms (services.open_bids).
    opening_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    opening_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    # Drawing lots between truly tied bids: a seed generated at the opening, its SHA-256 shown
    # from then on, the seed itself stored only wrapped by the bid key and revealed in the award.
    draw_commitment = models.CharField(_("commitment of the draw"), max_length=64, blank=True, editable=False)
    wrapped_draw_seed = models.BinaryField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")

    def __str__(self) -> str:
        return str(self.procurement)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_opened(self) -> bool:
        return self.opened_at is not None


class QualityCriterion(models.Model):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="criteria")
    name = TranslatedTextField(_("name"), max_length=200)
    description = TranslatedTextField(_("description"), max_length=3000, multiline=True, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    scale_max = models.PositiveSmallIntegerField(_("top of the scale"), default=5, validators=[MinValueValidator(1)])
    # What each score means, {"0": {"fi": {...}}, "5": {...}}: evaluators and bidders read the same levels.
    levels = models.JSONField(_("described levels"), default=dict, blank=True)
    objectives = models.ManyToManyField(Objective, verbose_name=_("objectives"), blank=True, related_name="criteria")
    ordering = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["ordering", "id"]
        verbose_name = _("quality criterion")
        verbose_name_plural = _("quality criteria")

    def __str__(self) -> str:
        return localised(self.name)

    @property
    def key(self) -> str:
        return f"c{self.pk}"


class Lot(models.Model):
    """A part of the tender that is bid for and awarded on its own. A tender without lots is
    compared as one implicit lot, so lots are added only when the service is split."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = TranslatedTextField(_("title"), max_length=200)
    description = TranslatedTextField(_("description"), max_length=3000, multiline=True, blank=True)
    estimated_value = models.DecimalField(_("estimated value (EUR, VAT 0 %)"), max_digits=14, decimal_places=2,
                                          null=True, blank=True, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["number"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [models.UniqueConstraint(fields=["tender", "number"], name="one_lot_per_number")]

    def __str__(self) -> str:
        return f"{self.number}. {localised(self.title)}"

    @property
    def key(self) -> str:
        return str(self.number)


class Clarification(models.Model):
    """A bidder's question and the official's answer, both public to every bidder."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="clarifications")
    question = models.TextField(_("question"), max_length=2000)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer"), max_length=4000, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("clarification question")
        verbose_name_plural = _("clarification questions")
