"""The plan, the activities where people are heard, and the experts' paid work at them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised
from coprocure.core.models import Phase, Procurement
from coprocure.domain import evaluation, privacy
from coprocure.domain.roles import Role as DomainRole


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


ACCESSIBILITY = {
    "step_free": _("Step-free access"),
    "induction_loop": _("Induction loop"),
    "sign_language": _("Sign language"),
    "plain_language": _("Plain language"),  # selkeä kieli / klarspråk; easy language (selkokieli) is another thing
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
        return evaluation.is_outreach(self.setting)

    def accessibility(self) -> list[str]:
        return [str(label) for name, label in ACCESSIBILITY.items() if getattr(self, name)]


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
