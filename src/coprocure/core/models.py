"""Organisations, people, procurements and the roles people hold in them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, _user_has_perm
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coprocure.domain.errors import DomainError
from coprocure.domain.identifiers import normalise_business_id
from coprocure.domain.lifecycle import Phase as DomainPhase
from coprocure.domain.regions import NUTS_CODES
from coprocure.domain.roles import Role as DomainRole
from coprocure.errors import message_for

from .fields import TranslatedTextField, localised


def validate_business_id(value: str) -> None:
    """The same check digit rule for every path that writes an organisation, the admin included."""
    try:
        normalise_business_id(value)
    except DomainError as error:
        raise ValidationError(message_for(error.code), code=error.code) from None


class OrganisationKind(models.TextChoices):
    AUTHORITY = "authority", _("Contracting authority")
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association")
    FOUNDATION = "foundation", _("Foundation")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    USER_ASSOCIATION = "user_association", _("User or patient association")


class BuyerLegalType(models.TextChoices):
    """The eForms buyer-legal-type (BT-11) values that fit Finnish contracting authorities."""

    REGIONAL = "ra", _("Regional authority (wellbeing services county)")
    LOCAL = "la", _("Local authority (municipality)")
    CENTRAL = "cga", _("Central government authority")
    PUBLIC_LAW = "body-pl", _("Body governed by public law")
    PUBLIC_LAW_REGIONAL = "body-pl-ra", _("Body governed by public law, controlled by a regional authority")
    PUBLIC_LAW_LOCAL = "body-pl-la", _("Body governed by public law, controlled by a local authority")
    PUBLIC_LAW_CENTRAL = "body-pl-cga", _("Body governed by public law, controlled by a central government authority")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    business_id = models.CharField(
        _("business ID"), max_length=9, unique=True, null=True, blank=True,
        help_text=_("Finnish business ID (Y-tunnus), for example 0201256-6."),
        validators=[validate_business_id],
    )
    municipality = models.CharField(_("home municipality"), max_length=100, blank=True)
    # The EU notices name every tenderer's postcode and region (BT-512, BT-507).
    postcode = models.CharField(_("postcode"), max_length=5, blank=True,
                                validators=[RegexValidator(r"^\d{5}$", _("A Finnish postcode has five digits."))])
    nuts_region = models.CharField(_("region (NUTS 3)"), max_length=5, blank=True,
                                   choices=sorted(NUTS_CODES.items(), key=lambda item: item[1]))
    website = models.URLField(_("website"), blank=True)
    # What kind of contracting authority it is, as the EU notices (Hilma, TED) state it.
    legal_type = models.CharField(_("legal type of the contracting authority"), max_length=12, blank=True,
                                  choices=BuyerLegalType.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=OrganisationKind.AUTHORITY) | Q(business_id__isnull=False),
                name="organisation_business_id_unless_authority",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_authority(self) -> bool:
        return self.kind == OrganisationKind.AUTHORITY


class Position(models.TextChoices):
    """A person's position in their own organisation (not in a procurement)."""

    NONE = "", _("No position")
    OFFICIAL = "official", _("Official (viranhaltija)")
    STAFF = "staff", _("Staff member")
    REPRESENTATIVE = "representative", _("Representative")


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="people",
    )
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, default="fi"
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_perm(self, perm, obj=None):
        """No blanket superuser pass: site administrators get exactly what the rules in
        ``coprocure.permissions`` grant them, so sealed bids and accountable decisions stay out
        of their reach. (Django's model permissions still let them use the admin.)"""
        if not self.is_active:
            return False
        return _user_has_perm(self, perm, obj)

    @property
    def is_official(self) -> bool:
        return self.position == Position.OFFICIAL and self.organisation_id is not None and self.organisation.is_authority


class TargetGroup(models.Model):
    code = models.SlugField(unique=True)
    name = TranslatedTextField(_("name"), max_length=100)
    ordering = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["ordering", "code"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self) -> str:
        return localised(self.name) or self.code


class Phase(models.TextChoices):
    PREPARATION = DomainPhase.PREPARATION.value, _("Preparation")
    TENDERING = DomainPhase.TENDERING.value, _("Tendering")
    CONTRACT = DomainPhase.CONTRACT.value, _("Contract period")
    CLOSED = DomainPhase.CLOSED.value, _("Closed")


class Procedure(models.TextChoices):
    OPEN = "open", _("Open procedure")
    RESTRICTED = "restricted", _("Restricted procedure")
    NEGOTIATED = "negotiated", _("Negotiated procedure")
    COMPETITIVE_DIALOGUE = "competitive_dialogue", _("Competitive dialogue")
    INNOVATION_PARTNERSHIP = "innovation_partnership", _("Innovation partnership")
    LIGHT = "light", _("Light procedure for social and health services")


class ContractKind(models.TextChoices):
    """The contract model a procurement leads to: a matter of the contract, not of the procedure
    that chooses the parties (an alliance is usually chosen by a negotiated procedure). Defined
    here so that a procurement can name the kind it intends before any contract exists."""

    PARTNERSHIP = "partnership", _("Partnership contract")
    ALLIANCE = "alliance", _("Alliance contract")
    CONVENTIONAL = "conventional", _("Conventional contract")


class ServiceArea(models.TextChoices):
    SUBSTANCE_ABUSE = "substance_abuse", _("Substance-abuse services")
    MENTAL_HEALTH = "mental_health", _("Mental-health services")
    HOUSING_SUPPORT = "housing_support", _("Housing support")
    OLDER_PEOPLE = "older_people", _("Services for older people")
    CHILDREN_FAMILIES = "children_families", _("Child and family services")
    DISABILITY = "disability", _("Disability services")
    EMPLOYMENT = "employment", _("Employment and rehabilitative work")
    HEALTH_CARE = "health_care", _("Health care")
    OTHER = "other", _("Other social and health services")


class Procurement(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    authority = models.ForeignKey(
        Organisation, verbose_name=_("contracting authority"), on_delete=models.PROTECT,
        related_name="procurements", limit_choices_to={"kind": OrganisationKind.AUTHORITY},
    )
    title = TranslatedTextField(_("title"), max_length=200)
    summary = TranslatedTextField(_("summary"), max_length=5000, multiline=True)
    plain_summary = TranslatedTextField(
        _("plain-language summary"), max_length=600, multiline=True, blank=True,
        help_text=_("A few short sentences in plain language for readers who need it most."),
    )
    service_area = models.CharField(_("service area"), max_length=32, choices=ServiceArea.choices)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True)
    procedure = models.CharField(_("procedure"), max_length=32, choices=Procedure.choices)
    intended_contract_kind = models.CharField(_("intended contract kind"), max_length=16,
                                              choices=ContractKind.choices, blank=True)
    estimated_value = models.DecimalField(
        _("estimated value (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices, default=Phase.PREPARATION)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Public procurements are listed on the front page and in open data.")
    )
    accountable_official = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accountable official"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="accountable_for",
    )
    partnership_4p = TranslatedTextField(
        _("4P partnership"), max_length=2000, multiline=True, blank=True,
        help_text=_("How the public body, companies, NGOs and the people who use the services work together."),
    )
    co_production = TranslatedTextField(
        _("co-production"), max_length=2000, multiline=True, blank=True,
        help_text=_("How service users take part in designing, producing and evaluating the service."),
    )
    outcome_based = TranslatedTextField(
        _("outcome-based"), max_length=2000, multiline=True, blank=True,
        help_text=_("Which outcomes for users and society the parties agree to seek, instead of outputs."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")
        indexes = [models.Index(fields=["is_public", "phase", "-created_at"])]

    def __str__(self) -> str:
        return localised(self.title) or self.reference

    def numbered_reference(self) -> str:
        """The reference a saved procurement is known by: CP-<year created>-<row number>, short
        enough to read out on the phone and unique because the row number is."""
        return f"CP-{self.created_at:%Y}-{self.pk:05d}"


class RoleChoice(models.TextChoices):
    OFFICIAL = DomainRole.OFFICIAL.value, _("Official")
    STAFF = DomainRole.STAFF.value, _("Staff")
    PROVIDER_REPRESENTATIVE = DomainRole.PROVIDER_REPRESENTATIVE.value, _("Provider representative")
    EXPERT_BY_EXPERIENCE = DomainRole.EXPERT_BY_EXPERIENCE.value, _("Expert by experience")
    PEER = DomainRole.PEER.value, _("Peer")
    SERVICE_USER = DomainRole.SERVICE_USER.value, _("Service user")
    RELATIVE = DomainRole.RELATIVE.value, _("Relative")
    RESIDENT = DomainRole.RESIDENT.value, _("Resident")
    EVALUATOR = DomainRole.EVALUATOR.value, _("Evaluator")


class ProcurementRole(models.Model):
    Role = RoleChoice
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="procurement_roles")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role in a procurement")
        verbose_name_plural = _("roles in procurements")
        constraints = [models.UniqueConstraint(fields=["procurement", "user", "role"], name="unique_procurement_role")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class PhaseChange(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="phase_changes")
    source = models.CharField(max_length=16, choices=Phase.choices)
    target = models.CharField(max_length=16, choices=Phase.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")


class Conformance(models.TextChoices):
    """The three statuses the Act on the Provision of Digital Services (306/2019) lets a statement declare."""

    FULL = "full", _("fully conforms")
    PARTIAL = "partial", _("partially conforms")
    NOT = "not", _("does not conform")


class AccessibilityAssessment(models.Model):
    """One assessment of the service against WCAG 2.2 AA, declared by staff in the accessibility
    statement. The latest one is the statement's conformance status; its date is the date of
    the statement. The automated checks of ``make test`` (axe, the Nu Html Checker, reflow at
    320 px) are one source of it, a manual review the other (docs/accessibility.md)."""

    conformance = models.CharField(_("conformance"), max_length=8, choices=Conformance.choices)
    assessed_on = models.DateField(_("assessed on"))
    method = TranslatedTextField(_("how it was assessed"), max_length=1000, multiline=True)
    contact_email = models.EmailField(
        _("contact for accessibility feedback"), help_text=_("Feedback sent through the statement is forwarded here."),
    )

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("accessibility assessment")
        verbose_name_plural = _("accessibility assessments")

    def __str__(self) -> str:
        return f"{self.assessed_on:%Y-%m-%d} – {self.get_conformance_display()}"


class KnownAccessibilityIssue(models.Model):
    """A known shortcoming, listed in the statement until it is fixed."""

    description = TranslatedTextField(_("description"), max_length=2000, multiline=True)
    criterion = models.CharField(_("WCAG success criterion"), max_length=60, blank=True, help_text=_("For example 1.4.10 Reflow"))
    workaround = TranslatedTextField(_("how to get the content another way"), max_length=2000, multiline=True, blank=True)
    fixed_on = models.DateField(_("fixed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("known accessibility issue")
        verbose_name_plural = _("known accessibility issues")

    def __str__(self) -> str:
        return localised(self.description)[:80]


class AccessibilityFeedback(models.Model):
    """Feedback on accessibility sent through the statement. The law gives the authority 14
    days to answer (Act 306/2019, section 17); ``answer_by`` is that day."""

    message = models.TextField(_("your feedback"), max_length=5000)
    page = models.CharField(_("the page or service concerned"), max_length=300, blank=True)
    contact = models.EmailField(_("your e-mail address for the answer"), blank=True)
    received_on = models.DateField(_("received on"), auto_now_add=True)
    answer_by = models.DateField(_("answer by"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self) -> str:
        return f"{self.received_on:%Y-%m-%d}: {self.message[:60]}"
