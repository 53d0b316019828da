"""Provider profiles and their services, in a shape compatible with the Finnish Service
Catalogue (PTV: organisation, service, service channel; texts per language)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised
from coprocure.core.models import Organisation, Procurement, TargetGroup
from coprocure.domain import partnership
from coprocure.participation.models import Activity


class Ownership(models.TextChoices):
    PRIVATE = "private", _("Privately owned")
    NON_PROFIT = "non_profit", _("Non-profit organisation")
    COOPERATIVE = "cooperative", _("Cooperative")
    PUBLIC = "public", _("Publicly owned")


class ProviderProfile(models.Model):
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="profile")
    description = TranslatedTextField(_("description"), max_length=2500, multiline=True)
    values = TranslatedTextField(_("values"), max_length=1000, multiline=True, blank=True)
    areas_served = models.JSONField(_("areas served"), default=list, help_text=_("Municipalities, one per line."))
    languages = models.JSONField(_("languages"), default=list)
    quality_certifications = models.CharField(_("quality certifications"), max_length=500, blank=True)
    ownership = models.CharField(_("ownership"), max_length=20, choices=Ownership.choices)
    profits_to_public_benefit = models.BooleanField(
        _("profits return to public-benefit work"), default=False,
    )
    last_confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("provider profile")
        verbose_name_plural = _("provider profiles")

    def __str__(self) -> str:
        return self.organisation.name


class PriceBasis(models.TextChoices):
    PER_DAY = "per_day", _("per day")
    PER_VISIT = "per_visit", _("per visit")
    PER_MONTH = "per_month", _("per client per month")
    PER_HOUR = "per_hour", _("per hour")
    LUMP_SUM = "lump_sum", _("lump sum")
    NEGOTIABLE = "negotiable", _("by agreement")


class ServiceClass(models.TextChoices):
    """Classes of the national service classification used by PTV for social and health care."""

    SUBSTANCE_ABUSE = "P10.6", _("Substance-abuse work and services")
    MENTAL_HEALTH = "P10.5", _("Mental-health services")
    HOUSING = "P10.3", _("Housing services")
    OLDER_PEOPLE = "P10.2", _("Services for older people")
    FAMILY = "P10.1", _("Child and family services")
    DISABILITY = "P10.4", _("Disability services")
    REHABILITATION = "P11.4", _("Rehabilitation")
    EMPLOYMENT = "P10.7", _("Rehabilitative work and employment support")


class Service(models.Model):
    provider = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="services")
    name = TranslatedTextField(_("name"), max_length=100)
    summary = TranslatedTextField(_("short description"), max_length=150)
    description = TranslatedTextField(_("description"), max_length=2500, multiline=True)
    service_class = models.CharField(_("service class"), max_length=10, choices=ServiceClass.choices)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True)
    areas = models.JSONField(_("areas"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    capacity = models.PositiveIntegerField(_("capacity (clients)"), null=True, blank=True)
    capacity_available = models.PositiveIntegerField(_("places available now"), null=True, blank=True)
    price_basis = models.CharField(_("price basis"), max_length=20, choices=PriceBasis.choices)
    outcome_measurement = TranslatedTextField(_("how outcomes are measured"), max_length=1000, multiline=True, blank=True)
    evidence = TranslatedTextField(_("evidence of outcomes"), max_length=1000, multiline=True, blank=True)
    accessibility = TranslatedTextField(_("accessibility"), max_length=1000, multiline=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["provider__name", "id"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        # The full-text GIN index is PostgreSQL-only; migration 0002 creates it there.
        indexes = [models.Index(fields=["service_class"])]

    def __str__(self) -> str:
        return localised(self.name)


class ChannelKind(models.TextChoices):
    LOCATION = "ServiceLocation", _("Place")
    PHONE = "Phone", _("Phone")
    ONLINE = "EChannel", _("Online")


class ServiceChannel(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    name = TranslatedTextField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("service channel")
        verbose_name_plural = _("service channels")


class Network(models.Model):
    """A competence network: organisations around a theme that list their competences and
    publish joint offers (seed 003's platform of the common good)."""

    name = TranslatedTextField(_("name"), max_length=150)
    theme = TranslatedTextField(_("theme"), max_length=300)
    description = TranslatedTextField(_("description"), max_length=2500, multiline=True, blank=True)
    coordinator = models.ForeignKey(
        Organisation, verbose_name=_("coordinating organisation"), on_delete=models.PROTECT, related_name="coordinated_networks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("competence network")
        verbose_name_plural = _("competence networks")

    def __str__(self) -> str:
        return localised(self.name)


class NetworkMember(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="network_memberships")
    competences = TranslatedTextField(_("competences"), max_length=1000, multiline=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["network", "organisation"], name="unique_network_member")]


class JointOffer(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="offers")
    title = TranslatedTextField(_("title"), max_length=150)
    description = TranslatedTextField(_("description"), max_length=2500, multiline=True)
    services = models.ManyToManyField(Service, verbose_name=_("members' services in the offer"), blank=True)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "id"]
        verbose_name = _("joint offer")
        verbose_name_plural = _("joint offers")


class PartnershipTable(models.Model):
    """The partnership table of an activity of kind ``partnership_table``: its public agenda,
    who sits at it, the minutes and what was agreed to do next."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="partnership_table")
    agenda = TranslatedTextField(
        _("agenda"), max_length=5000, multiline=True,
        help_text=_("What will be discussed, in plain language."),
    )
    minutes = TranslatedTextField(_("minutes"), max_length=20000, multiline=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partnership table")
        verbose_name_plural = _("partnership tables")

    def __str__(self) -> str:
        return str(self.activity)


class SeatRole(models.TextChoices):
    AUTHORITY = partnership.AUTHORITY, _("Authority staff")
    PROVIDER = partnership.PROVIDER, _("Provider")
    USER_REPRESENTATIVE = partnership.USER_REPRESENTATIVE, _("User representatives")


class TableSeat(models.Model):
    """An organisation at the table: invited by the authority, signed up by its own people, or both."""

    table = models.ForeignKey(PartnershipTable, on_delete=models.CASCADE, related_name="seats")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="table_seats")
    role = models.CharField(_("role"), max_length=24, choices=SeatRole.choices)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signed_up_at = models.DateTimeField(_("signed up"), null=True, blank=True)
    signed_up_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["role", "organisation__name", "id"]
        constraints = [models.UniqueConstraint(fields=["table", "organisation"], name="unique_table_seat")]


class ActionPoint(models.Model):
    """What the table agreed to do next: what, who and by when, and whether it is done. (Hearing
    what became of what one said is another thing, the followup app's follow-up.)"""

    table = models.ForeignKey(PartnershipTable, on_delete=models.CASCADE, related_name="action_points")
    what = TranslatedTextField(_("what"), max_length=500)
    who = models.CharField(_("who"), max_length=200)
    due_on = models.DateField(_("by when"))
    done = models.BooleanField(_("done"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done", "due_on", "id"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")


class ExpressionOfInterest(models.Model):
    """An organisation's public note on a procurement: what it can provide and which partners it
    looks for. The organisation leads the consortium that may grow out of it."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="expressions_of_interest")
    organisation = models.ForeignKey(Organisation, verbose_name=_("lead"), on_delete=models.CASCADE,
                                     related_name="expressions_of_interest")
    can_provide = TranslatedTextField(_("we can provide"), max_length=2000, multiline=True)
    looking_for = TranslatedTextField(_("we are looking for partners for"), max_length=2000, multiline=True)
    published_at = models.DateTimeField(auto_now_add=True)
    formed_at = models.DateTimeField(_("consortium formed"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "id"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [models.UniqueConstraint(fields=["procurement", "organisation"], name="one_interest_per_organisation")]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.procurement}"


class ConsortiumInvitation(models.Model):
    """A partner invited into the lead's consortium with a role; a member once it accepts."""

    interest = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="consortium_invitations")
    role = models.CharField(_("role in the consortium"), max_length=200)
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "id"]
        constraints = [models.UniqueConstraint(fields=["interest", "organisation"], name="one_invitation_per_partner")]
