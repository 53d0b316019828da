"""An alliance contract's commercial model per period, the providers' cost lines and the
frozen settlement statements. The arithmetic lives in coprocure.domain.settlement."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coprocure.contracts.models import Contract, Party


class FeeKind(models.TextChoices):
    """The fee's basis, a term of the alliance agreement (coprocure.domain.settlement.FeeKind)."""

    TARGET_RATE = "target_rate", _("A share of the target cost")
    FIXED = "fixed", _("A fixed amount in euros")
    RATE = "rate", _("A share of the actual cost (only where spending more can never raise the margin)")


class MissingKra(models.TextChoices):
    MINIMUM = "minimum", _("At the minimum level (−1): not measuring does not pay")
    TARGET = "target", _("At the target level (0): neither bonus nor sanction")


def _euros(label, **extra):
    return models.DecimalField(label, max_digits=14, decimal_places=2, validators=[MinValueValidator(0)], **extra)


def _share(label):
    return models.DecimalField(label, max_digits=5, decimal_places=4,
                               validators=[MinValueValidator(0), MaxValueValidator(1)],
                               help_text=_("A fraction between 0 and 1, for example 0.5 for half."))


class SettlementPeriod(models.Model):
    """One period of an alliance contract with the commercial model agreed for it."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="settlement_periods")
    label = models.SlugField(_("period"), max_length=20, help_text=_("For example 2025 or 2025-H1."))
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    target_cost = _euros(_("target cost (EUR)"))
    fee_kind = models.CharField(_("fee"), max_length=12, choices=FeeKind.choices, default=FeeKind.TARGET_RATE)
    fee_amount = models.DecimalField(
        _("fee rate or amount"), max_digits=14, decimal_places=4, validators=[MinValueValidator(0)],
        help_text=_("A rate such as 0.08 for 8 per cent, or euros for a fixed fee."),
    )
    gain_share = _share(_("providers' share of savings"))
    pain_share = _share(_("providers' share of overrun"))
    gain_cap = _euros(_("cap on the savings share (EUR)"), null=True, blank=True)
    pain_cap = _euros(_("cap on the overrun share (EUR)"), null=True, blank=True)
    kra_bonus_pool = _euros(_("KRA bonus pool (EUR)"))
    kra_sanction_pool = _euros(_("KRA sanction pool (EUR)"))
    missing_kra = models.CharField(_("an unreported KRA value counts"), max_length=8, choices=MissingKra.choices,
                                   default=MissingKra.MINIMUM)
    downside_beyond_fee = models.BooleanField(
        _("the agreement lets the overrun share and the KRA sanction exceed the fee"), default=False,
        help_text=_("Leave unticked unless the alliance agreement explicitly says so: otherwise only part of the "
                    "fee is at risk and the audited costs are always paid."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract_id", "starts_on"]
        verbose_name = _("settlement period")
        verbose_name_plural = _("settlement periods")
        constraints = [
            models.UniqueConstraint(fields=["contract", "label"], name="unique_settlement_period_label"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="settlement_period_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.label


class ProviderSplit(models.Model):
    period = models.ForeignKey(SettlementPeriod, on_delete=models.CASCADE, related_name="splits")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    percent = models.DecimalField(_("share of the payment (%)"), max_digits=7, decimal_places=4)

    class Meta:
        ordering = ["party__name", "id"]
        constraints = [models.UniqueConstraint(fields=["period", "party"], name="one_split_per_party")]


class CostStatus(models.TextChoices):
    REPORTED = "reported", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class CostLine(models.Model):
    period = models.ForeignKey(SettlementPeriod, on_delete=models.PROTECT, related_name="cost_lines")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    amount = _euros(_("amount (EUR)"))
    category = models.CharField(_("category"), max_length=100, help_text=_("For example staff, rent or travel."))
    evidence = models.CharField(_("evidence"), max_length=500,
                                help_text=_("An invoice number, a ledger reference or a link to the document."))
    status = models.CharField(_("status"), max_length=10, choices=CostStatus.choices, default=CostStatus.REPORTED)
    reason = models.CharField(_("reason"), max_length=1000, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["period_id", "id"]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")


class Statement(models.Model):
    """An approved, frozen statement: the published JSON document, never changed afterwards.
    A correction is a new statement that names the one it replaces."""

    period = models.ForeignKey(SettlementPeriod, on_delete=models.PROTECT, related_name="statements")
    document = models.JSONField()
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period_id", "-approved_at", "-id"]
        verbose_name = _("settlement statement")
        verbose_name_plural = _("settlement statements")


class Matter(models.TextChoices):
    """Matters the alliance agreement gives its leadership group (coprocure.domain.alliance)."""

    TARGET_COST = "target_cost", _("Target cost")
    FEE = "fee", _("Fee")
    KRAS = "kras", _("Key result areas and their levels")
    COST_CATEGORIES = "cost_categories", _("Cost categories")
    OPERATIONS = "operations", _("Running the service")
    OTHER = "other", _("Other matter")


class PartyStance(models.TextChoices):
    SUPPORTS = "supports", _("Agrees")
    OPPOSES = "opposes", _("Does not agree")
    ABSTAINS = "abstains", _("Abstains")


class LeadershipDecision(models.Model):
    """A decision of the alliance leadership group (allianssin johtoryhmä): the contract's
    decision with its accountable official, and the matter it concerns."""

    decision = models.OneToOneField("contracts.Decision", on_delete=models.PROTECT, related_name="leadership")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="leadership_decisions")
    matter = models.CharField(_("matter"), max_length=20, choices=Matter.choices)

    class Meta:
        ordering = ["contract_id", "-decision__decided_on", "-decision__number"]
        verbose_name = _("alliance leadership group decision")
        verbose_name_plural = _("alliance leadership group decisions")


class PartyPosition(models.Model):
    """One party's position on a leadership-group decision, given by its representative."""

    leadership = models.ForeignKey(LeadershipDecision, on_delete=models.CASCADE, related_name="positions")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    stance = models.CharField(_("position"), max_length=10, choices=PartyStance.choices)
    representative = models.CharField(_("representative"), max_length=200, blank=True)
    view = models.TextField(_("view in their own words"), max_length=3000, blank=True)

    class Meta:
        ordering = ["party__role", "party__name", "id"]
        constraints = [models.UniqueConstraint(fields=["leadership", "party"], name="one_stance_per_party")]


class CostCategory(models.Model):
    """A cost category agreed in advance: cost lines must use one of the contract's categories."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="cost_categories")
    name = models.CharField(_("name"), max_length=100)
    leadership = models.ForeignKey(LeadershipDecision, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="categories")

    class Meta:
        ordering = ["contract_id", "name"]
        verbose_name = _("cost category")
        verbose_name_plural = _("cost categories")
        constraints = [models.UniqueConstraint(fields=["contract", "name"], name="unique_cost_category")]

    def __str__(self) -> str:
        return self.name


class Auditor(models.Model):
    """The alliance's auditor (tilintarkastaja): reads the cost evidence open-book and reports
    on each settlement period. Appointed by the authority's staff; reads, never changes costs."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="auditors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alliance_audits")
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    appointed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract_id", "appointed_at"]
        verbose_name = _("auditor")
        verbose_name_plural = _("auditors")
        constraints = [models.UniqueConstraint(fields=["contract", "user"], name="one_appointment_per_auditor")]


class Opinion(models.TextChoices):
    CLEAN = "clean", _("The costs are as reported and agreed")
    QUALIFIED = "qualified", _("The costs are as reported and agreed, with the remarks below")
    ADVERSE = "adverse", _("The costs are not as reported or agreed")


class AuditReport(models.Model):
    """The auditor's report on one settlement period's costs, needed before the statement."""

    period = models.ForeignKey(SettlementPeriod, on_delete=models.PROTECT, related_name="audit_reports")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opinion = models.CharField(_("opinion"), max_length=10, choices=Opinion.choices)
    findings = models.TextField(_("findings"), max_length=5000,
                                help_text=_("What was checked and what was found, for the leadership group."))
    audited_cost = _euros(_("costs audited (EUR)"))
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period_id", "-issued_at", "-id"]
        verbose_name = _("audit report")
        verbose_name_plural = _("audit reports")


class Element(models.TextChoices):
    """What the parties agree in the development phase (coprocure.domain.development.ELEMENTS)."""

    TARGET_COST = "target_cost", _("Target cost")
    KRAS = "kras", _("Key result areas and their levels")
    OPERATING_MODEL = "operating_model", _("Operating model")


class DevelopmentPhase(models.Model):
    """An alliance's development phase (kehitysvaihe). It ends with the accountable official's
    switch to the service phase, which freezes the agreed drafts into the contract."""

    contract = models.OneToOneField(Contract, on_delete=models.PROTECT, related_name="development_phase")
    started_at = models.DateTimeField(auto_now_add=True)
    frozen_at = models.DateTimeField(_("service phase began"), null=True, blank=True)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    # The contract's term that every settlement period uses, copied from the agreed draft.
    target_cost = _euros(_("agreed target cost per settlement period (EUR)"), null=True, blank=True)

    class Meta:
        verbose_name = _("development phase")
        verbose_name_plural = _("development phases")


class DevelopmentDraft(models.Model):
    """One numbered draft of the target cost, the KRAs or the operating model, with the party
    and the person who proposed it. Never changed: a change is the next version."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="development_drafts")
    element = models.CharField(_("what is agreed"), max_length=20, choices=Element.choices)
    version = models.PositiveIntegerField(_("version"))
    party = models.ForeignKey(Party, verbose_name=_("proposed by party"), on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    target_cost = _euros(_("target cost per settlement period (EUR)"), null=True, blank=True)
    kras = models.JSONField(_("key result areas"), default=list, blank=True)
    text = models.TextField(_("operating model"), max_length=10000, blank=True)
    note = models.CharField(_("what changes and why"), max_length=1000, blank=True)
    # Set by the switch to the service phase on the agreed draft of each element: from then on
    # the draft is public (coprocure.domain.visibility), the others stay with the parties.
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["contract_id", "element", "-version"]
        verbose_name = _("development-phase draft")
        verbose_name_plural = _("development-phase drafts")
        constraints = [models.UniqueConstraint(fields=["contract", "element", "version"],
                                               name="one_draft_per_version")]


class DraftPosition(models.Model):
    """A party's position on one draft, given by a person working for that party."""

    draft = models.ForeignKey(DevelopmentDraft, on_delete=models.PROTECT, related_name="positions")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    stance = models.CharField(_("position"), max_length=10, choices=PartyStance.choices)
    view = models.TextField(_("view in their own words"), max_length=3000, blank=True)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["draft_id", "party__role", "party__name"]
        constraints = [models.UniqueConstraint(fields=["draft", "party"], name="one_draft_position_per_party")]
