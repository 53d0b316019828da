"""A procurement's procedure as a sequence of stages, its published versions, and the first
stage of a two-stage procedure: the call for participation, the sealed requests to participate,
the check of each suitability requirement and the selection decision (docs/procedures.md)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField
from coprocure.core.models import Organisation, Procurement
from coprocure.domain import deadlines
from coprocure.domain import procedure as rules
from coprocure.domain.complaints import COMPLAINT_DAYS, complaint_deadline
from coprocure.tendering.models import ComplaintRecord, NotificationChannel

from . import models_final  # noqa: F401  (the end of the competition's models, registered with the app)


class StageKind(models.TextChoices):
    MARKET_DIALOGUE = rules.StageKind.MARKET_DIALOGUE.value, _("Market dialogue")
    PARTICIPATION_REQUESTS = rules.StageKind.PARTICIPATION_REQUESTS.value, _("Requests to participate and selection")
    NEGOTIATION_ROUND = rules.StageKind.NEGOTIATION_ROUND.value, _("Negotiation round")
    DIALOGUE = rules.StageKind.DIALOGUE.value, _("Dialogue")
    FINAL_TENDERS = rules.StageKind.FINAL_TENDERS.value, _("Final tenders")
    TENDERS = rules.StageKind.TENDERS.value, _("Tenders")
    RD_MILESTONE = rules.StageKind.RD_MILESTONE.value, _("Research and development milestone")


class StageState(models.TextChoices):
    PLANNED = rules.StageState.PLANNED.value, _("Planned")
    OPEN = rules.StageState.OPEN.value, _("Open")
    CLOSED = rules.StageState.CLOSED.value, _("Closed")
    SKIPPED = rules.StageState.SKIPPED.value, _("Not held (award on the initial bids)")


class ProcedurePlan(models.Model):
    """What the procedure announces beside its stages; ``version`` is the number of the last
    published version (0 while the procedure is still being composed)."""

    procurement = models.OneToOneField(Procurement, on_delete=models.CASCADE, related_name="procedure_plan")
    reduction_criteria = TranslatedTextField(
        _("criteria for reducing the number of candidates"), max_length=3000, multiline=True, blank=True,
        help_text=_("Needed when candidates may be reduced between rounds: announced before the procedure begins."),
    )
    award_on_initial_bids = models.BooleanField(
        _("the right to award on the initial bids without negotiating is reserved"), default=False,
        help_text=_("Announced before the procedure begins: after the first round's initial bids are opened, the "
                    "accountable official may award on them and the later rounds are not held."))
    version = models.PositiveIntegerField(default=0, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Stage(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="procedure_stages")
    order = models.PositiveSmallIntegerField(editable=False)
    kind = models.CharField(_("kind of stage"), max_length=32, choices=StageKind.choices)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("deadline"))
    reduces_candidates = models.BooleanField(_("candidates may be reduced at the end of this stage"), default=False)
    state = models.CharField(max_length=16, choices=StageState.choices, default=StageState.PLANNED, editable=False)

    class Meta:
        ordering = ["order"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [models.UniqueConstraint(fields=["procurement", "order"], name="one_stage_per_place")]

    def as_rule(self) -> rules.PlannedStage:
        return rules.PlannedStage(rules.StageKind(self.kind), self.opens_at, self.closes_at, self.reduces_candidates,
                                  rules.StageState(self.state))


class ProcedureVersion(models.Model):
    """A published version of the procedure, kept as published: what candidates were told."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="procedure_versions")
    number = models.PositiveIntegerField()
    stages = models.JSONField()
    reduction_criteria = models.JSONField(default=dict)
    award_on_initial_bids = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["procurement", "number"], name="one_procedure_version_number")]


class SealedOpening(models.Model):
    """What a stage with sealed submissions keeps for their opening: its key pair, made when the
    stage opens (tendering.sealing), and the two officials who open them after the deadline."""

    public_key = models.BinaryField(null=True, editable=False)
    wrapped_private_key = models.BinaryField(null=True, editable=False)
    opening_requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+", editable=False)
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", editable=False)

    @property
    def procurement(self):
        return self.stage.procurement  # each kind belongs to one stage, under its own related name

    @property
    def is_opened(self) -> bool:
        return self.opened_at is not None

    class Meta:
        abstract = True


class SealedSubmission(models.Model):
    """A submission sealed until its stage is opened: until then only ``sealed_content`` holds
    what it says; ``content`` is written at the opening."""

    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    sealed_content = models.BinaryField(editable=False)
    content = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["submitted_at", "id"]


class PublishedDecision(models.Model):
    """A decision of the procedure published when made, with its rectification and appeal
    instructions: its complaint period runs from its deemed receipt."""

    accountable_official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField(_("reasons"), max_length=5000)
    decided_on = models.DateField(_("decided on"))
    channel = models.CharField(_("sent how"), max_length=16, choices=NotificationChannel.choices,
                               default=NotificationChannel.ELECTRONIC)
    complaint_days = models.PositiveSmallIntegerField(default=COMPLAINT_DAYS, editable=False)
    published_at = models.DateTimeField(editable=False)

    @property
    def received_on(self):
        return deadlines.deemed_received(self.decided_on, self.channel)

    @property
    def complaints_until(self):
        return complaint_deadline(self.received_on, self.complaint_days)

    class Meta:
        abstract = True


class CallForParticipation(SealedOpening):
    """The call of a requests-to-participate stage. Its key pair is made when the stage opens and
    seals the requests as a tender's seals bids (tendering.sealing)."""

    stage = models.OneToOneField(Stage, on_delete=models.CASCADE, related_name="call")
    min_candidates = models.PositiveSmallIntegerField(_("least number of candidates to invite"), default=1,
                                                      validators=[MinValueValidator(1)])
    max_candidates = models.PositiveSmallIntegerField(
        _("most candidates to invite"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Leave empty to invite every suitable candidate."))
    consortia_allowed = models.BooleanField(_("consortia may ask to participate"), default=True)

    class Meta:
        verbose_name = _("call for participation")
        verbose_name_plural = _("calls for participation")


class SuitabilityRequirement(models.Model):
    call = models.ForeignKey(CallForParticipation, on_delete=models.CASCADE, related_name="requirements")
    number = models.PositiveSmallIntegerField(editable=False)
    text = TranslatedTextField(_("suitability requirement"), max_length=1000, multiline=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="one_requirement_number")]


class SelectionCriterion(models.Model):
    call = models.ForeignKey(CallForParticipation, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(editable=False)
    text = TranslatedTextField(_("selection criterion"), max_length=1000, multiline=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="one_criterion_number")]


class ParticipationRequest(SealedSubmission):
    """An organisation's or consortium's request; sealed, it says who the consortium's members are
    and gives the evidence per requirement."""

    call = models.ForeignKey(CallForParticipation, on_delete=models.CASCADE, related_name="requests")
    lead = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="participation_requests")

    class Meta(SealedSubmission.Meta):
        verbose_name = _("request to participate")
        verbose_name_plural = _("requests to participate")

    @property
    def tender(self):
        """The visibility policy's ``opened`` fact: a request is sealed until its call is opened."""
        return self.call


class RequirementCheck(models.Model):
    request = models.ForeignKey(ParticipationRequest, on_delete=models.CASCADE, related_name="checks")
    requirement = models.ForeignKey(SuitabilityRequirement, on_delete=models.CASCADE, related_name="checks")
    met = models.BooleanField(_("requirement met"))
    reason = models.TextField(_("reason"), max_length=2000)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "requirement"], name="one_check_per_requirement")]


class SelectionDecision(PublishedDecision):
    """Which candidates are invited to the next stage, with reasons per candidate; published when
    made, with its rectification and appeal instructions (tendering.instructions)."""

    call = models.OneToOneField(CallForParticipation, on_delete=models.CASCADE, related_name="decision")

    class Meta:
        verbose_name = _("selection decision")
        verbose_name_plural = _("selection decisions")

    @property
    def procurement(self):
        return self.call.stage.procurement


class CandidateSelection(models.Model):
    decision = models.ForeignKey(SelectionDecision, on_delete=models.CASCADE, related_name="candidates")
    request = models.OneToOneField(ParticipationRequest, on_delete=models.PROTECT, related_name="selection")
    selected = models.BooleanField(_("selected"))
    reason = models.TextField(_("reason"), max_length=2000)

    class Meta:
        ordering = ["-selected", "request__submitted_at", "id"]


class SealedRound(SealedOpening):
    """The sealed initial bids of a negotiation round or dialogue stage. Its key pair is made when
    the stage opens (tendering.sealing); two officials open the bids after the deadline."""

    stage = models.OneToOneField(Stage, on_delete=models.CASCADE, related_name="sealed_round")


class RoundBid(SealedSubmission):
    """A selected candidate's initial bid in a round: until the opening only ``sealed_content``
    holds what it says (the price and the description of the offer)."""

    round = models.ForeignKey(SealedRound, on_delete=models.CASCADE, related_name="bids")
    lead = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="round_bids")

    class Meta(SealedSubmission.Meta):
        verbose_name = _("initial bid")
        verbose_name_plural = _("initial bids")

    @property
    def tender(self):
        """The visibility policy's ``opened`` fact: an initial bid is sealed until its round is opened."""
        return self.round


class ReductionDecision(PublishedDecision):
    """The accountable official's decision at the end of a round marked ``reduces_candidates``:
    which candidates go on, by the announced reduction criteria, with a reason per candidate."""

    stage = models.OneToOneField(Stage, on_delete=models.CASCADE, related_name="reduction")

    class Meta:
        verbose_name = _("decision reducing the candidates")
        verbose_name_plural = _("decisions reducing the candidates")

    @property
    def procurement(self):
        return self.stage.procurement


class CandidateReduction(models.Model):
    decision = models.ForeignKey(ReductionDecision, on_delete=models.CASCADE, related_name="candidates")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kept = models.BooleanField(_("goes on"))
    reason = models.TextField(_("reason"), max_length=2000)

    class Meta:
        ordering = ["-kept", "organisation__name", "id"]
        constraints = [models.UniqueConstraint(fields=["decision", "organisation"], name="one_reduction_per_candidate")]


class DecisionComplaint(ComplaintRecord):
    """A candidate's request for rectification of, or appeal against, a selection decision or a
    decision reducing the candidates: the award's remedies (tendering.Complaint), the same rules."""

    selection = models.ForeignKey(SelectionDecision, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="complaints", editable=False)
    reduction = models.ForeignKey(ReductionDecision, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="complaints", editable=False)

    class Meta(ComplaintRecord.Meta):
        verbose_name = _("complaint about a decision of the procedure")
        verbose_name_plural = _("complaints about decisions of the procedure")
        constraints = [models.CheckConstraint(
            condition=models.Q(selection__isnull=False, reduction__isnull=True)
            | models.Q(selection__isnull=True, reduction__isnull=False),
            name="complaint_about_one_decision")]

    @property
    def decision(self):
        return self.selection or self.reduction
