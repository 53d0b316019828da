"""Participation: the plan, activities where people are heard, and surveys.

Anonymous answers are stored so that nothing in the database links them to a person: a
``Response`` has no user, session, IP address or time finer than the day, its key is random
(a sequential id would give away the order of answering), and the one-time tokens that stop
double submission are stored as digests with no link to the answer they allowed.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField
from coprocure.core.fields import localised
from coprocure.core.models import Phase, Procurement
from coprocure.core.moderation import shown
from coprocure.domain import privacy
from coprocure.domain.roles import Role as DomainRole
from coprocure.domain.surveys import Channel as DomainChannel
from coprocure.domain.surveys import QuestionKind as DomainQuestionKind
from coprocure.domain.surveys import SurveyMode as DomainSurveyMode


class Aim(models.TextChoices):
    PARTICIPATION_WELLBEING = "participation_wellbeing", _("Participation and wellbeing")
    BETTER_SERVICES = "better_services", _("Better services")
    INNOVATIVE_SOLUTIONS = "innovative_solutions", _("Innovative solutions")
    EFFICIENT_RESOURCES = "efficient_resources", _("Efficient use of resources")


class ParticipationPlan(models.Model):
    """The governance model's questions for one procurement: why, on whose initiative, who
    takes part in which role and phase, by which methods, whom to reach, who is accountable."""

    procurement = models.OneToOneField(Procurement, on_delete=models.CASCADE, related_name="participation_plan")
    aims = models.JSONField(_("aims"), default=list)
    initiative = TranslatedTextField(
        _("on whose initiative"), max_length=1000, multiline=True, blank=True,
        help_text=_("Who proposed hearing people, and why."),
    )
    participant_roles = TranslatedTextField(
        _("participants' roles"), max_length=2000, multiline=True,
        help_text=_("Who takes part and what they do: service users, relatives, experts by experience, peers, residents, associations."),
    )
    phases = models.JSONField(_("phases"), default=list)
    methods = TranslatedTextField(_("methods"), max_length=2000, multiline=True)
    plain_summary = TranslatedTextField(
        _("plain-language summary"), max_length=600, multiline=True, blank=True,
        help_text=_("A few short sentences in plain language for readers who need it most."),
    )
    # How many people from each target group the procurement means to reach: {code: number}.
    # Kept as the plan states it; the target groups themselves are reference data.
    reach = models.JSONField(_("people to reach per target group"), default=dict)
    # The equality monitor compares participants with this population: {code: "percent"}, kept
    # as decimal strings so that a declared 12.5 % stays exactly that.
    reference_population = TranslatedTextField(
        _("reference population"), max_length=300, blank=True,
        help_text=_("Whom the shares describe, for example: the service's users in 2025."),
    )
    reference_shares = models.JSONField(_("shares of the reference population"), default=dict, blank=True)
    accountable_official = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accountable official"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="accountable_for_participation",
    )
    k_threshold = models.PositiveSmallIntegerField(
        _("smallest group shown"), default=privacy.DEFAULT_K, validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text=_("Results of fewer people than this are hidden so that nobody can be recognised."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("participation plan")
        verbose_name_plural = _("participation plans")

    def __str__(self) -> str:
        return str(self.procurement)

    def get_aims_display(self) -> list[str]:
        labels = dict(Aim.choices)
        return [labels[aim] for aim in self.aims if aim in labels]

    def reference_percentages(self) -> dict[str, Decimal]:
        return {code: Decimal(value) for code, value in self.reference_shares.items()}

    def get_phases_display(self) -> list[str]:
        labels = dict(Phase.choices)
        return [labels[phase] for phase in self.phases if phase in labels]


class ActivityKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    DISCUSSION_EVENT = "discussion_event", _("Discussion event")
    SURVEY = "survey", _("Survey")
    CUSTOMER_PANEL = "customer_panel", _("Customer panel")
    RESIDENT_PANEL = "resident_panel", _("Resident panel")
    CO_DESIGN = "co_design", _("User-driven co-design")
    SERVICE_DESIGN = "service_design", _("Service design")
    MARKET_DIALOGUE = "market_dialogue", _("Market dialogue")
    PARTNERSHIP_TABLE = "partnership_table", _("Partnership table")
    PEER_ACTIVITY = "peer_activity", _("Peer activity")


class Setting(models.TextChoices):
    """Outreach settings are where people already are; institutional is the authority's own premises."""

    SERVICE_CENTRE = "service_centre", _("Service centre")
    DROP_IN = "drop_in", _("Low-threshold drop-in")
    HOME_VISIT = "home_visit", _("Home visit")
    ONLINE = "online", _("Online")
    INSTITUTIONAL = "institutional", _("Authority's premises")


OUTREACH_SETTINGS = frozenset({Setting.SERVICE_CENTRE, Setting.DROP_IN, Setting.HOME_VISIT, Setting.ONLINE})

ACCESSIBILITY = {
    "step_free": _("Step-free access"),
    "induction_loop": _("Induction loop"),
    "sign_language": _("Sign language"),
    "plain_language": _("Plain language"),
    "interpreter": _("Interpreter"),
    "quiet_room": _("Quiet room"),
}


class Activity(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=32, choices=ActivityKind.choices)
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    title = TranslatedTextField(_("title"), max_length=200)
    description = TranslatedTextField(_("description"), max_length=5000, multiline=True, blank=True)
    plain_summary = TranslatedTextField(
        _("plain-language summary"), max_length=600, multiline=True, blank=True,
        help_text=_("A few short sentences in plain language for readers who need it most."),
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    setting = models.CharField(_("setting"), max_length=20, choices=Setting.choices, default=Setting.INSTITUTIONAL)
    step_free = models.BooleanField(ACCESSIBILITY["step_free"], default=False)
    induction_loop = models.BooleanField(ACCESSIBILITY["induction_loop"], default=False)
    sign_language = models.BooleanField(ACCESSIBILITY["sign_language"], default=False)
    plain_language = models.BooleanField(ACCESSIBILITY["plain_language"], default=False)
    interpreter = models.BooleanField(ACCESSIBILITY["interpreter"], default=False)
    quiet_room = models.BooleanField(ACCESSIBILITY["quiet_room"], default=False)
    languages = models.JSONField(_("languages"), default=list)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    registration = models.BooleanField(
        _("registration"), default=False, help_text=_("People sign up in advance; when it is full, they join a waiting list."),
    )
    confirmation_hours = models.PositiveSmallIntegerField(
        _("hours to confirm a place"), default=48, validators=[MinValueValidator(1), MaxValueValidator(336)],
        help_text=_("When a place frees up, the next person on the waiting list has this long to confirm it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="activity_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return localised(self.title) or self.get_kind_display()

    @property
    def is_outreach(self) -> bool:
        return self.setting in OUTREACH_SETTINGS

    def accessibility(self) -> list[str]:
        return [str(label) for name, label in ACCESSIBILITY.items() if getattr(self, name)]


class SurveyMode(models.TextChoices):
    ANONYMOUS = DomainSurveyMode.ANONYMOUS.value, _("Anonymous")
    IDENTIFIED = DomainSurveyMode.IDENTIFIED.value, _("Identified (invited panels)")


class Survey(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="surveys")
    title = TranslatedTextField(_("title"), max_length=200)
    intro = TranslatedTextField(_("introduction"), max_length=2000, multiline=True, blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=16, choices=SurveyMode.choices, default=SurveyMode.ANONYMOUS)
    k_threshold = models.PositiveSmallIntegerField(
        _("smallest group shown"), default=privacy.DEFAULT_K, validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text=_("Results of fewer people than this are hidden so that nobody can be recognised."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return localised(self.title) or f"#{self.pk}"

    @property
    def procurement(self) -> Procurement:
        return self.activity.procurement


class QuestionKind(models.TextChoices):
    LIKERT = DomainQuestionKind.LIKERT.value, _("Scale 1–5")
    SINGLE = DomainQuestionKind.SINGLE.value, _("One choice")
    MULTIPLE = DomainQuestionKind.MULTIPLE.value, _("Several choices")
    NUMBER = DomainQuestionKind.NUMBER.value, _("Number")
    TEXT = DomainQuestionKind.TEXT.value, _("Free text")


LIKERT_LABELS = [
    (1, _("1 – Very poor")), (2, _("2 – Poor")), (3, _("3 – Neither good nor poor")),
    (4, _("4 – Good")), (5, _("5 – Very good")),
]
OTHER_LABEL = _("Something else")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    text = TranslatedTextField(_("question"), max_length=500)
    help = TranslatedTextField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # One choice per line, the same lines in each language; a choice's value is its line
    # number, so translations can be added later without changing stored answers.
    choices = TranslatedTextField(
        _("choices"), max_length=2000, multiline=True, blank=True,
        help_text=_("One choice per line, in the same order in every language."),
    )
    allow_other = models.BooleanField(_("allow “something else”"), default=False)
    minimum = models.IntegerField(_("smallest number"), null=True, blank=True)
    maximum = models.IntegerField(_("largest number"), null=True, blank=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["ordering", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return localised(self.text)

    @property
    def key(self) -> str:
        return f"q{self.pk}"


class Channel(models.TextChoices):
    ONLINE = DomainChannel.ONLINE.value, _("Online")
    ASSISTED = DomainChannel.ASSISTED.value, _("Assisted on site")
    PAPER = DomainChannel.PAPER.value, _("Paper")
    PHONE = DomainChannel.PHONE.value, _("Phone interview")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    AGE_18_29 = "18_29", _("18–29")
    AGE_30_64 = "30_64", _("30–64")
    AGE_65_74 = "65_74", _("65–74")
    AGE_75_PLUS = "75_plus", _("75 or over")


class Response(models.Model):
    """One person's answers to one survey.

    No user, session, IP address or time of day: only the day. ``participant`` is set in
    identified mode only (a database constraint enforces it). The background is a snapshot
    given when answering, so equality figures for the past do not change with a profile.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    mode = models.CharField(max_length=16, choices=SurveyMode.choices, editable=False)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    answered_on = models.DateField(_("answered on"))
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    target_group = models.CharField(_("target group"), max_length=50, blank=True)
    age_band = models.CharField(_("age"), max_length=16, choices=AgeBand.choices, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mode=SurveyMode.ANONYMOUS) | Q(participant__isnull=True),
                name="anonymous_response_has_no_participant",
            )
        ]


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()
    redacted = models.BooleanField(default=False, help_text=_("Personal data was removed from the text."))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]


class AnswerToken(models.Model):
    """A one-time permission to answer. Only the digest is stored and nothing refers to the
    response it allowed, not even a time of use, so a token can never be joined to an answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tokens")
    digest = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("answer token")
        verbose_name_plural = _("answer tokens")

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, survey: Survey) -> str:
        raw = secrets.token_urlsafe(24)
        cls.objects.create(survey=survey, digest=cls.digest_of(raw))
        return raw


class InsightStatus(models.TextChoices):
    OPEN = "open", _("Being considered")
    TAKEN_UP = "taken_up", _("Taken up")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


class Insight(models.Model):
    """A finding from what people said, with where it came from. Insights are the raw material
    of objectives and quality criteria; the "you said, we did" page follows each one to what
    became of it (tendering links objectives to insights), or to the public reason it was not
    taken up."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="insights")
    statement = TranslatedTextField(_("insight"), max_length=500, multiline=True)
    plain_summary = TranslatedTextField(_("plain-language summary"), max_length=300, multiline=True, blank=True)
    activity = models.ForeignKey(
        Activity, verbose_name=_("from activity"), null=True, blank=True, on_delete=models.SET_NULL, related_name="insights"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("from survey question"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="insights",
    )
    # Short quotations from answers, redacted like every free text that is shown publicly.
    excerpts = models.JSONField(_("quoted excerpts"), default=list, blank=True)
    # Moderation hides parts of excerpts and never changes them: [{excerpt, start, end, reason, by, at}].
    redactions = models.JSONField(default=list, blank=True, editable=False)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    target_groups = models.ManyToManyField("core.TargetGroup", verbose_name=_("target groups"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=InsightStatus.choices, default=InsightStatus.OPEN)
    status_reason = TranslatedTextField(
        _("reason"), max_length=1000, multiline=True, blank=True,
        help_text=_("Required when an insight is not taken up: the reason is shown publicly."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("insight")
        verbose_name_plural = _("insights")

    def __str__(self) -> str:
        return localised(self.statement)

    @property
    def public_excerpts(self) -> list[str]:
        return [shown(excerpt, [r for r in self.redactions if r["excerpt"] == index])
                for index, excerpt in enumerate(self.excerpts)]


class PublishedAnswer(models.Model):
    """A free-text answer, or an excerpt of one, that staff chose to show publicly. The text is
    copied from the answer (already cleaned of identity codes, phone numbers and e-mail
    addresses) and nothing points back to the answer or its response. Moderation hides parts of
    it with a reason and never changes it; every output shows ``public_text``. ``author`` is set
    only for an identified survey's answer, so that the person can be told about a redaction."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="published_answers")
    text = models.TextField(_("answer or excerpt"), max_length=2000)
    redactions = models.JSONField(default=list, blank=True, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    chosen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question__ordering", "question_id", "chosen_at", "id"]
        verbose_name = _("published answer")
        verbose_name_plural = _("published answers")

    def __str__(self) -> str:
        return self.public_text

    @property
    def public_text(self) -> str:
        return shown(self.text, self.redactions)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("You have a place")
    OFFERED = "offered", _("A place is waiting for your confirmation")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("The offered place was not confirmed in time")


# Statuses that hold one of the activity's places.
HOLDS_PLACE = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
ACTIVE = (*HOLDS_PLACE, RegistrationStatus.WAITING)


class Registration(models.Model):
    """One person's sign-up for an activity. The target group and age band are a snapshot given
    when signing up, so attendance figures for a past phase do not change with a profile."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    offer_expires_at = models.DateTimeField(_("confirm by"), null=True, blank=True)
    dietary = models.CharField(_("dietary needs"), max_length=300, blank=True)
    assistance = models.BooleanField(_("I need assistance to move or to find my way"), default=False)
    interpreter = models.CharField(_("interpreter, which language"), max_length=100, blank=True)
    needs = models.TextField(_("what I need to take part"), max_length=2000, blank=True)
    target_group = models.CharField(_("target group"), max_length=50, blank=True)
    age_band = models.CharField(_("age"), max_length=16, choices=AgeBand.choices, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], condition=Q(status__in=[s.value for s in ACTIVE]),
                name="one_active_registration_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="offer_has_expiry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.activity}"


class AnswerBatch(models.Model):
    """Answers collected on paper or by interview and entered together. It records who entered
    how many answers, through which channel and when, and nothing that points to the answers:
    the responses carry only their channel and day, like every other anonymous answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="batches")
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    place = models.CharField(_("where the answers were collected"), max_length=200, blank=True)
    answer_count = models.PositiveIntegerField(_("answers"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        ordering = ["-entered_at", "-id"]
        verbose_name = _("batch of answers")
        verbose_name_plural = _("batches of answers")


# The roles whose work at activities is recognised and paid.
EXPERT_ROLES = (DomainRole.EXPERT_BY_EXPERIENCE.value, DomainRole.PEER.value)


class Contribution(models.Model):
    """An expert by experience's or peer's work at one activity, for payroll: hours, fee and
    travel costs. One row per person and activity; correcting it replaces the figures."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="contributions")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="contributions")
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    fee = models.DecimalField(_("fee (€)"), max_digits=7, decimal_places=2)
    travel_cost = models.DecimalField(_("travel costs (€)"), max_digits=7, decimal_places=2, default=0)
    work = models.CharField(_("what they did"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["activity__starts_at", "activity_id", "id"]
        verbose_name = _("expert's contribution")
        verbose_name_plural = _("experts' contributions")
        constraints = [models.UniqueConstraint(fields=["activity", "person"], name="one_contribution_per_activity")]
