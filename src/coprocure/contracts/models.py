"""The contract period: the contract and its parties, the steering group and its meetings,
and the decisions with the official accountable for each."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised
from coprocure.core.models import Organisation, Procurement
from coprocure.core.moderation import shown


class ContractKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership contract")
    ALLIANCE = "alliance", _("Alliance contract")
    CONVENTIONAL = "conventional", _("Conventional contract")


class Contract(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.PROTECT, related_name="contracts")
    kind = models.CharField(_("kind"), max_length=16, choices=ContractKind.choices)
    title = TranslatedTextField(_("title"), max_length=200)
    description = TranslatedTextField(_("description"), max_length=5000, multiline=True, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    options = TranslatedTextField(
        _("options"), max_length=1000, multiline=True, blank=True,
        help_text=_("Extension options, for example two optional years."),
    )
    # Raised by each amendment, so every reader can tell which version they are looking at.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="contract_ends_after_start"),
        ]

    def __str__(self) -> str:
        return localised(self.title) or f"#{self.pk}"


class PartyRole(models.TextChoices):
    AUTHORITY = "authority", _("Contracting authority")
    PROVIDER = "provider", _("Provider")
    CONSORTIUM_LEAD = "consortium_lead", _("Consortium lead")
    CONSORTIUM_MEMBER = "consortium_member", _("Consortium member")
    SUBCONTRACTOR = "subcontractor", _("Subcontractor")


class Party(models.Model):
    """One party to the contract. Consortium members who are not registered organisations are
    named only, so the parties list is complete even then."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="contract_parties",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    # What a consortium member does in the consortium, in its own words from the bid (for
    # example "peer support"); ``role`` says only that it is a member.
    consortium_role = models.CharField(_("role in the consortium"), max_length=200, blank=True)

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(fields=["contract", "organisation"], condition=Q(organisation__isnull=False),
                                    name="one_party_per_organisation"),
        ]

    def __str__(self) -> str:
        return self.name


class ContractDocument(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address (URL)"))
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    AUTHORITY_OFFICIAL = "authority_official", _("Authority official")
    PROVIDER_REPRESENTATIVE = "provider_representative", _("Provider representative")
    CLIENT_REPRESENTATIVE = "client_representative", _("Client representative (expert by experience)")
    PEER = "peer", _("Peer")


# Members who are paid a fee for their time, as experts by experience are.
COMPENSATED_ROLES = frozenset({MemberRole.CLIENT_REPRESENTATIVE, MemberRole.PEER})


class SteeringMember(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="steering_members")
    name = models.CharField(_("name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="steering_memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    role = models.CharField(_("role"), max_length=32, choices=MemberRole.choices)
    term_starts = models.DateField(_("term starts"))
    term_ends = models.DateField(_("term ends"), null=True, blank=True)
    deputy_for = models.ForeignKey(
        "self", verbose_name=_("deputy for"), null=True, blank=True, on_delete=models.SET_NULL, related_name="deputies",
    )

    class Meta:
        ordering = ["deputy_for_id", "role", "name"]
        verbose_name = _("steering group member")
        verbose_name_plural = _("steering group members")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_ends__isnull=True) | Q(term_ends__gte=models.F("term_starts")),
                name="member_term_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    agenda = TranslatedTextField(
        _("agenda"), max_length=3000, multiline=True,
        help_text=_("Write the agenda in plain language: short sentences, no abbreviations."),
    )
    # [{"title": ..., "url": ...}]: links to accessible materials (plain language, large print, audio).
    materials = models.JSONField(_("materials"), default=list, blank=True)
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, blank=True, editable=False)
    minutes = TranslatedTextField(_("minutes"), max_length=10000, multiline=True, blank=True)
    attendees = models.ManyToManyField(SteeringMember, verbose_name=_("attendance"), blank=True, related_name="meetings")

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d}"


class Compensation(models.Model):
    """The fee paid to an expert by experience for one meeting: their work is paid work."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="compensations")
    member = models.ForeignKey(SteeringMember, on_delete=models.PROTECT, related_name="compensations")
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    fee = models.DecimalField(_("fee (EUR)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("compensation")
        verbose_name_plural = _("compensations")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_compensation_per_meeting")]


class ProposerRole(models.TextChoices):
    AUTHORITY = "authority", _("Contracting authority")
    PROVIDER = "provider", _("Provider")
    CLIENT_REPRESENTATIVE = "client_representative", _("Client representative (expert by experience)")
    PEER = "peer", _("Peer")
    SERVICE_USERS = "service_users", _("Service users")
    STEERING_GROUP = "steering_group", _("Steering group")


class Decision(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions",
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    title = TranslatedTextField(_("title"), max_length=200)
    decided = TranslatedTextField(_("what was decided"), max_length=5000, multiline=True)
    reasoning = TranslatedTextField(_("reasoning"), max_length=5000, multiline=True)
    proposed_by = models.CharField(_("whose proposal"), max_length=200)
    proposer_role = models.CharField(_("proposer's role"), max_length=32, choices=ProposerRole.choices)
    client_view = TranslatedTextField(
        _("client representatives' view"), max_length=3000, multiline=True, blank=True,
        help_text=_("In their own words, shown with the decision even when it differs from it."),
    )
    accountable_official = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accountable official"), on_delete=models.PROTECT,
        related_name="accountable_decisions",
    )
    decided_on = models.DateField(_("decided on"))
    is_confidential = models.BooleanField(_("confidential"), default=False)
    confidentiality_reason = models.CharField(
        _("legal reason for confidentiality"), max_length=300, blank=True,
        help_text=_("The section of law, for example: Act on the Openness of Government Activities 24 § 1 (20)."),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="unique_decision_number"),
            models.CheckConstraint(
                condition=Q(is_confidential=False) | ~Q(confidentiality_reason=""), name="confidential_decision_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return localised(self.title)


class Position(models.TextChoices):
    SUPPORTS = "supports", _("Supports")
    OPPOSES = "opposes", _("Opposes")
    ABSTAINS = "abstains", _("Abstains")
    DISSENT = "dissent", _("Dissents (view recorded)")


class MemberPosition(models.Model):
    """One steering-group member's position on a decision. The view is kept as the member gave
    it, in their own words, and is public with the decision."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="positions")
    member = models.ForeignKey(SteeringMember, verbose_name=_("member"), on_delete=models.PROTECT,
                               related_name="positions")
    position = models.CharField(_("position on the decision"), max_length=12, choices=Position.choices)
    view = models.TextField(
        _("view in their own words"), max_length=3000, blank=True,
        help_text=_("Write it as the member said it. Required when the member dissents."),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["member__role", "member__name", "id"]
        verbose_name = _("member's position")
        verbose_name_plural = _("members' positions")
        constraints = [models.UniqueConstraint(fields=["decision", "member"], name="one_position_per_member")]

    @property
    def is_client_view(self) -> bool:
        return self.member.role == MemberRole.CLIENT_REPRESENTATIVE


class Amendment(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="amendments")
    version = models.PositiveIntegerField(_("version"), editable=False)
    summary = TranslatedTextField(_("what changes"), max_length=3000, multiline=True)
    reason = TranslatedTextField(_("reason"), max_length=3000, multiline=True)
    decision = models.ForeignKey(
        Decision, verbose_name=_("approving decision"), on_delete=models.PROTECT, related_name="amendments",
    )
    new_ends_on = models.DateField(_("new end date"), null=True, blank=True,
                                   help_text=_("Only when the amendment changes the contract's end, for example an option used."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [models.UniqueConstraint(fields=["contract", "version"], name="unique_amendment_version")]


class Unit(models.TextChoices):
    PERCENT = "percent", _("per cent (%)")
    COUNT = "count", _("number of people or events")
    DAYS = "days", _("days")
    EUR = "eur", _("euros")
    SCORE = "score", _("score")


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", _("Higher is better")
    LOWER_IS_BETTER = "lower_is_better", _("Lower is better")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class DataSource(models.TextChoices):
    PROVIDER_REPORT = "provider_report", _("Provider report")
    SURVEY = "survey", _("Survey of service users")
    REGISTER = "register", _("Register")


class Kra(models.Model):
    """A key result area. Its weight is its share of the KRA score in an alliance settlement;
    the settlement reads the levels from the KRA's first indicator (``main_indicator``)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="kras")
    name = TranslatedTextField(_("name"), max_length=200)
    description = TranslatedTextField(_("description"), max_length=2000, multiline=True, blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=4, validators=[MinValueValidator(0)],
        help_text=_("The KRA's share of the whole, between 0 and 1; the weights of a contract's KRAs add up to 1."),
    )
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["ordering", "id"]
        verbose_name = _("key result area")
        verbose_name_plural = _("key result areas")

    def __str__(self) -> str:
        return localised(self.name)

    @property
    def main_indicator(self):
        indicators = list(self.indicators.all())
        return indicators[0] if indicators else None


class Indicator(models.Model):
    kra = models.ForeignKey(Kra, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(
        _("short code"), max_length=40,
        help_text=_("Used in report files, for example asumisen-pysyvyys. Unique within the contract."),
    )
    name = TranslatedTextField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=4, null=True, blank=True)
    minimum = models.DecimalField(_("minimum level"), max_digits=14, decimal_places=4)
    target = models.DecimalField(_("target level"), max_digits=14, decimal_places=4)
    excellent = models.DecimalField(_("excellent level"), max_digits=14, decimal_places=4)
    frequency = models.CharField(_("how often measured"), max_length=16, choices=Frequency.choices)
    data_source = models.CharField(_("data source"), max_length=20, choices=DataSource.choices)
    reported_by = models.ForeignKey(
        Party, verbose_name=_("who reports"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return localised(self.name)


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source = models.CharField(max_length=8, choices=[("ui", "UI"), ("api", "API"), ("upload", _("file")),
                                                     ("survey", _("survey answers"))])
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "period_start"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start"], name="one_measurement_per_period"),
        ]


class SurveyRound(models.Model):
    """One period's round of the short recurring survey behind a user-reported indicator: the
    Likert question whose answers dated in the period make the period's value."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="survey_rounds")
    survey = models.ForeignKey("participation.Survey", on_delete=models.PROTECT, related_name="indicator_rounds")
    question = models.ForeignKey("participation.Question", verbose_name=_("question (scale 1–5)"),
                                 on_delete=models.PROTECT, related_name="indicator_rounds")
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "period_start"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [models.UniqueConstraint(fields=["indicator", "period_start"], name="one_round_per_period")]


class ReportReminder(models.Model):
    """A reminder sent for one indicator's late or missing report: one per period, ever, so a
    daily run does not repeat itself."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="reminders")
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    recipients = models.PositiveIntegerField(_("recipients"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "period_start"]
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [models.UniqueConstraint(fields=["indicator", "period_start"], name="one_reminder_per_period")]


class ProposalStatus(models.TextChoices):
    NEW = "new", _("New")
    UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
    TRIAL = "trial", _("Being tried out")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Not taken up")


class ProposerKind(models.TextChoices):
    SERVICE_USER = "service_user", _("I use the service")
    RELATIVE = "relative", _("I am a relative or close person")
    CLIENT_REPRESENTATIVE = "client_representative", _("Client representative or expert by experience")
    STAFF = "staff", _("I work in the service")
    OTHER = "other", _("Someone else")


class DevelopmentProposal(models.Model):
    """An idea for improving the service. An anonymous proposal has no user, session, IP
    address or time of day: only the day it came, and its text is redacted on arrival."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="proposals")
    text = models.TextField(_("your idea"), max_length=2000)
    redacted = models.BooleanField(default=False, help_text=_("Personal data was removed from the text."))
    proposer_kind = models.CharField(_("who you are"), max_length=32, choices=ProposerKind.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="development_proposals",
    )
    submitted_on = models.DateField(_("received on"))
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
    """A one-time permission to send the idea form once, as the survey's answer tokens are:
    only the digest is kept, and nothing refers to the proposal it allowed, not even a time, so
    a token cannot be joined back to an idea."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("idea form token")
        verbose_name_plural = _("idea form tokens")

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, contract: Contract) -> str:
        raw = secrets.token_urlsafe(24)
        cls.objects.create(contract=contract, digest=cls.digest_of(raw))
        return raw
