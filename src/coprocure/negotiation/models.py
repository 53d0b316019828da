"""Negotiation meetings per candidate with minutes the candidate confirms, written information
sent to every candidate still in the procedure (the information log), user representatives at
the table with their confidentiality commitment, and a dialogue participant's confidential
solutions, the close of a dialogue, and an innovation partnership's R&D milestones with their results
and acceptance decisions (docs/procedures.md, "Negotiation meetings and equal information" and
"Close of dialogue and R&D milestones")."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Organisation
from coprocure.procedures.models import Stage


class NegotiationMeeting(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="negotiation_meetings")
    # Named ``organisation`` so that the visibility policy sees the candidate as the owner.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("candidate"))
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online = models.BooleanField(_("online"), default=False)
    participants = models.TextField(_("participants"), max_length=2000)
    minutes = models.TextField(_("minutes"), max_length=20000, blank=True)
    # Business secrets the candidate told or the authority's own notes: the visibility policy
    # shows them to the procurement's staff only.
    confidential_minutes = models.TextField(_("confidential part of the minutes"), max_length=20000, blank=True)
    minutes_written_at = models.DateTimeField(null=True, blank=True, editable=False)
    candidate_comment = models.TextField(_("candidate's comment"), max_length=5000, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", editable=False)

    class Meta:
        ordering = ["starts_at", "id"]

    is_confidential = True  # the confidential part is the authority's own, always

    @property
    def procurement(self):
        return self.stage.procurement

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class UserRepresentative(models.Model):
    """A service user or expert by experience named to a meeting; the commitment is recorded
    before they see anything of the candidate's."""

    meeting = models.ForeignKey(NegotiationMeeting, on_delete=models.CASCADE, related_name="representatives")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("person"))
    commitment_signed_on = models.DateField(_("confidentiality commitment signed on"), null=True, blank=True)
    commitment_version = models.CharField(_("version of the commitment text"), max_length=50, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_representative_per_meeting")]

    @property
    def committed(self) -> bool:
        return self.commitment_signed_on is not None and bool(self.commitment_version)


class WrittenInformation(models.Model):
    """Information given in writing in a round: always to every candidate still in the procedure."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="written_information")
    text = models.TextField(_("information"), max_length=10000)
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    recipients = models.ManyToManyField(Organisation, related_name="+", editable=False)
    emails_queued = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["sent_at", "id"]


class DialogueSolution(models.Model):
    """A dialogue participant's proposed solution: its own and the authority's, never passed on."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="dialogue_solutions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("proposed solution"), max_length=20000)
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     editable=False)

    class Meta:
        ordering = ["submitted_at", "id"]


class Decided(models.Model):
    """What every decision here records: its reasons, and who decided when."""

    reasons = models.TextField(_("reasons"), max_length=5000)
    decided_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   editable=False)

    class Meta:
        abstract = True


class DialogueClosure(Decided):
    """The accountable official's decision closing a competitive dialogue: public, and told to every
    participant still in the procedure through the information log. It says that solutions meeting
    the needs were identified, never whose or which (each stays confidential to its participant)."""

    stage = models.OneToOneField(Stage, on_delete=models.CASCADE, related_name="dialogue_closure")
    closed_on = models.DateField(_("date of the close of dialogue"))
    solutions_identified = models.BooleanField(_("solutions meeting the needs were identified"), default=False)
    information = models.OneToOneField(WrittenInformation, on_delete=models.PROTECT, related_name="+",
                                       editable=False)


class Milestone(models.Model):
    """An R&D milestone of an innovation partnership, set by the authority before its stage opens."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("milestone"), max_length=200)
    to_show = models.TextField(_("what must be shown"), max_length=5000)
    due_at = models.DateTimeField(_("due"))
    price_share = models.DecimalField(_("share of the price tied to it (%)"), max_digits=5, decimal_places=2,
                                      null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)])

    class Meta:
        ordering = ["due_at", "id"]

    def __str__(self) -> str:
        return self.name


class MilestoneResult(models.Model):
    """A partner's result for a milestone: it may hold trade secrets, so its text is the partner's
    and the authority's only (the visibility policy protects it as a dialogue solution is)."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="results")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("result"), max_length=20000)
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["milestone", "organisation"], name="one_result_per_partner")]

    @property
    def procurement(self):
        return self.milestone.stage.procurement


class MilestoneDecision(Decided):
    """The accountable official's acceptance decision on one partner's milestone: public as an
    outcome (accepted or not, and why), never with the result's content."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="decisions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("partner"))
    accepted = models.BooleanField(_("accepted"))

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [models.UniqueConstraint(fields=["milestone", "organisation"],
                                               name="one_decision_per_partner_milestone")]


class PartnershipEnd(Decided):
    """The accountable official's decision ending one partner's partnership after a milestone not accepted."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="partnership_ends")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("partner"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["stage", "organisation"], name="one_end_per_partner")]
