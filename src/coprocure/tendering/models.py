"""Tendering: objectives, award criteria, the invitation to tender, sealed bids, blind
evaluation and the award decision.

The golden thread runs insight → objective → quality criterion, so every criterion can show
which user insights it came from. A bid's price and answers exist before opening only as
``sealed_content`` (see ``sealing``); the plain ``price`` and ``answers`` columns are written
by ``services.open_bids`` and stay empty until then.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised
from coprocure.core.models import Organisation, Procurement
from coprocure.core.moderation import shown
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
    QUALITY_THEN_EARLIER = DomainTieRule.QUALITY_THEN_EARLIER.value, _("More quality points, then earlier bid")
    PRICE_THEN_EARLIER = DomainTieRule.PRICE_THEN_EARLIER.value, _("Lower price, then earlier bid")


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
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
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


class ConflictDeclaration(models.Model):
    """A panel member's declaration, made before any bid is shown to them."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="declarations")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    has_conflict = models.BooleanField(_("I have a conflict of interest"), default=False)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [models.UniqueConstraint(fields=["tender", "evaluator"], name="one_declaration_per_evaluator")]


class Score(models.Model):
    """One evaluator's score of one bid on one criterion, with the justification."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(QualityCriterion, on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    justification = models.TextField(_("justification"), max_length=3000)
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["bid_id", "criterion__ordering", "criterion_id", "evaluator_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["bid", "criterion", "evaluator"], name="one_score_per_evaluator")]


class FinalScore(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="final_scores")
    criterion = models.ForeignKey(QualityCriterion, on_delete=models.CASCADE, related_name="final_scores")
    score = models.DecimalField(max_digits=30, decimal_places=20)
    method = models.CharField(max_length=16)
    reason = models.TextField(_("reason"), blank=True)
    settled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    settled_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("final score")
        verbose_name_plural = _("final scores")
        constraints = [models.UniqueConstraint(fields=["bid", "criterion"], name="one_final_score")]


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


class DocumentKind(models.TextChoices):
    SERVICE_DESCRIPTION = "service_description", _("Service description")
    MINIMUM_REQUIREMENTS = "minimum_requirements", _("Minimum requirements")


class TenderDocument(models.Model):
    """The service description or the minimum requirements of a tender: numbered sections
    edited together by staff and user representatives, published as versions that never change."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=32, choices=DocumentKind.choices)

    class Meta:
        verbose_name = _("tender document")
        verbose_name_plural = _("tender documents")
        constraints = [models.UniqueConstraint(fields=["tender", "kind"], name="one_document_per_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class DocumentSection(models.Model):
    """The working text of one section; what bidders read is the published ``DocumentVersion``."""

    document = models.ForeignKey(TenderDocument, on_delete=models.CASCADE, related_name="sections")
    # Kept for life, so versions can be compared and a minimum requirement cited by its number.
    number = models.PositiveSmallIntegerField(editable=False)
    heading = TranslatedTextField(_("heading"), max_length=200)
    text = TranslatedTextField(_("text"), max_length=10000, multiline=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_section_per_number")]

    def __str__(self) -> str:
        return f"{self.number}. {localised(self.heading)}"

    def snapshot(self) -> dict:
        return {"number": self.number, "heading": self.heading, "text": self.text}


class DocumentVersion(models.Model):
    """A published version of a document, frozen: a later change is a new version."""

    document = models.ForeignKey(TenderDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(editable=False)
    sections = models.JSONField(editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    published_at = models.DateTimeField(editable=False)

    class Meta:
        ordering = ["number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_version_per_number")]


class SectionComment(models.Model):
    """A co-editor's comment on a section, shown publicly as moderated (``public_text``)."""

    section = models.ForeignKey(DocumentSection, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                               editable=False)
    text = models.TextField(_("comment"), max_length=2000)
    redactions = models.JSONField(default=list, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    @property
    def public_text(self) -> str:
        return shown(self.text, self.redactions)
