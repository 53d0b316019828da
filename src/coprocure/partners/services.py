"""The only code that writes provider profiles and services."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import IntegrityError, connection, transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.fields.json import KT
from django.utils import timezone, translation
from django.utils.translation import gettext

from coprocure.audit import services as audit
from coprocure.core.services import require
from coprocure.core.models import Organisation, OrganisationKind
from coprocure.domain import freshness, identifiers, organisation_list, partnership, spreadsheet
from coprocure.domain.errors import DomainError
from coprocure.errors import RowsRejected, ServiceError, message_for
from coprocure.outbox import services as outbox

from .models import (
    ActionPoint, ConsortiumInvitation, ExpressionOfInterest, JointOffer, Network, NetworkMember, PartnershipTable, ProviderProfile, Service, ServiceChannel, TableSeat,
)
from .selectors import CONFIGS


def refresh_search(service_ids) -> None:
    """Weighted document: name (A), short description (B), description and provider name (C),
    each language with its own stemmer."""
    if connection.vendor != "postgresql":
        return
    vector = SearchVector(Value(""))
    for language, config in CONFIGS.items():
        vector = (
            vector
            + SearchVector(KT(f"name__{language}__text"), config=config, weight="A")
            + SearchVector(KT(f"summary__{language}__text"), config=config, weight="B")
            + SearchVector(KT(f"description__{language}__text"), config=config, weight="C")
        )
    vector = vector + SearchVector("provider__name", config="simple", weight="C")
    # UPDATE … SET cannot join the provider's name directly; a correlated subquery can.
    document = Service.objects.filter(pk=OuterRef("pk")).annotate(document=vector).values("document")[:1]
    Service.objects.filter(pk__in=list(service_ids)).update(search_vector=Subquery(document))


# Kept on the organisation, given on its profile: EU award notices name every tenderer's postcode
# and region (BT-512, BT-507). A field left out of a request stays as it was.
ORGANISATION_FIELDS = ("postcode", "nuts_region")


@transaction.atomic
def save_profile(actor, organisation, data: dict) -> ProviderProfile:
    profile = ProviderProfile.objects.filter(organisation=organisation).first()
    require(actor, "partners.edit_profile", organisation)
    data = dict(data)
    given = {name: data.pop(name) for name in ORGANISATION_FIELDS if name in data}
    _save_organisation_fields(actor, organisation, given)
    before = None if profile is None else {"updated_at": profile.updated_at}
    profile = profile or ProviderProfile(organisation=organisation)
    for name, value in data.items():
        setattr(profile, name, value)
    profile.last_confirmed_at = timezone.now()
    profile.save()
    audit.record(actor, "provider_profile.save", profile, before, {"organisation": organisation.pk})
    return profile


def _save_organisation_fields(actor, organisation, given: dict) -> None:
    before = {name: getattr(organisation, name) for name in given}
    if before == given:
        return
    for name, value in given.items():
        setattr(organisation, name, value)
    organisation.save(update_fields=[*given, "updated_at"])
    audit.record(actor, "organisation.address", organisation, before, given)


@transaction.atomic
def confirm_profile(actor, profile: ProviderProfile) -> ProviderProfile:
    """The owner says the information is still true; freshness restarts."""
    require(actor, "partners.edit_profile", profile.organisation)
    profile.last_confirmed_at = timezone.now()
    profile.save(update_fields=["last_confirmed_at", "updated_at"])
    audit.record(actor, "provider_profile.confirm", profile, None, {"confirmed_at": profile.last_confirmed_at})
    return profile


@transaction.atomic
def save_service(actor, organisation, data: dict, service: Service | None = None, channels: list[dict] | None = None) -> Service:
    require(actor, "partners.edit_profile", organisation)
    target_groups = data.pop("target_groups", None)
    created = service is None
    service = service or Service(provider=organisation)
    for name, value in data.items():
        setattr(service, name, value)
    service.save()
    if target_groups is not None:
        service.target_groups.set(target_groups)
    if channels is not None:
        service.channels.all().delete()
        ServiceChannel.objects.bulk_create(ServiceChannel(service=service, **channel) for channel in channels)
    refresh_search([service.pk])
    audit.record(actor, "service.create" if created else "service.update", service, None,
                 {"provider": organisation.pk, "name": service.name})
    return service


def remind_stale_profiles(now=None) -> int:
    """Send one reminder per freshness period to each stale profile's own people."""
    now = now or timezone.now()
    period = settings.COPROCURE_PROFILE_FRESHNESS_DAYS
    reminded = 0
    for profile in ProviderProfile.objects.select_related("organisation").prefetch_related("organisation__people"):
        state = freshness.assess(profile.last_confirmed_at, now, period, profile.last_reminded_at)
        people = [person for person in profile.organisation.people.all() if person.is_active and person.email]
        if not state.reminder_due or not people:
            continue
        with transaction.atomic():
            for person in people:
                with translation.override(person.preferred_language):
                    outbox.send(
                        to=person.email, cause=f"stale-profile:{profile.pk}:{now:%Y-%m-%d}",
                        subject=gettext("Please check your organisation's information in CoProcure"),
                        body=gettext("The information about %(name)s was last confirmed more than %(days)s days ago. "
                                     "Please check it and press \"The information is up to date\" on your provider "
                                     "page, so that organisers and clients can trust it.") % {
                            "name": profile.organisation.name, "days": period},
                    )
            ProviderProfile.objects.filter(pk=profile.pk).update(last_reminded_at=now)
        reminded += 1
    return reminded


@transaction.atomic
def create_network(actor, data: dict) -> Network:
    require(actor, "partners.create_network")
    network = Network.objects.create(coordinator=actor.organisation, **data)
    NetworkMember.objects.create(network=network, organisation=actor.organisation)
    audit.record(actor, "network.create", network, None, {"name": network.name, "coordinator": actor.organisation_id})
    return network


@transaction.atomic
def add_member(actor, network: Network, business_id: str) -> NetworkMember:
    require(actor, "partners.manage_network", network)
    try:
        normalised = identifiers.normalise_business_id(business_id)
    except DomainError as error:
        raise ServiceError.from_domain(error) from None
    organisation = Organisation.objects.filter(business_id=normalised).exclude(kind=OrganisationKind.AUTHORITY).first()
    if organisation is None:
        raise ServiceError.from_domain(DomainError("business_id_not_registered", "business_id"))
    member, created = NetworkMember.objects.get_or_create(network=network, organisation=organisation)
    if not created:
        raise ServiceError.from_domain(DomainError("network_member_exists", "business_id"), status=409)
    audit.record(actor, "network.member_add", network, None, {"organisation": organisation.pk})
    return member


@transaction.atomic
def set_competences(actor, member: NetworkMember, competences: dict) -> NetworkMember:
    require(actor, "partners.edit_membership", member)
    member.competences = competences
    member.save(update_fields=["competences"])
    audit.record(actor, "network.competences", member.network, None, {"organisation": member.organisation_id})
    return member


@transaction.atomic
def publish_offer(actor, network: Network, data: dict) -> JointOffer:
    require(actor, "partners.manage_network", network)
    chosen = list(data.pop("services", []))
    members = set(network.members.values_list("organisation_id", flat=True))
    if any(service.provider_id not in members for service in chosen):
        raise ServiceError.from_domain(DomainError("offer_service_not_member", "services"))
    offer = JointOffer.objects.create(network=network, **data)
    offer.services.set(chosen)
    audit.record(actor, "network.offer_publish", network, None, {"offer": offer.pk, "title": offer.title})
    return offer


def _registered(business_id: str) -> Organisation:
    try:
        normalised = identifiers.normalise_business_id(business_id)
    except DomainError as error:
        raise ServiceError.from_domain(error) from None
    organisation = Organisation.objects.filter(business_id=normalised).first()
    if organisation is None:
        raise ServiceError.from_domain(DomainError("business_id_not_registered", "business_id"))
    return organisation


@transaction.atomic
def save_table(actor, activity, data: dict) -> PartnershipTable:
    """Write the agenda and minutes; the first save seats the authority's own staff."""
    require(actor, "partners.manage_table", activity.procurement)
    if activity.kind != "partnership_table":
        raise ServiceError.from_domain(DomainError("not_partnership_table", None), status=409)
    table = PartnershipTable.objects.filter(activity=activity).first()
    created = table is None
    table = table or PartnershipTable(activity=activity)
    for name, value in data.items():
        setattr(table, name, value)
    table.save()
    if created:
        TableSeat.objects.create(table=table, organisation=activity.procurement.authority, role=partnership.AUTHORITY,
                                 invited_at=timezone.now(), invited_by=actor)
    audit.record(actor, "partnership_table.create" if created else "partnership_table.update", table, None,
                 {"activity": activity.pk})
    return table


@transaction.atomic
def invite_to_table(actor, table: PartnershipTable, business_id: str) -> TableSeat:
    require(actor, "partners.manage_table", table.activity.procurement)
    organisation = _registered(business_id)
    seat, created = TableSeat.objects.get_or_create(
        table=table, organisation=organisation, defaults={"role": partnership.seat_role(organisation.kind)},
    )
    if seat.invited_at is not None:
        raise ServiceError.from_domain(DomainError("table_already_invited", "business_id"), status=409)
    seat.invited_at, seat.invited_by = timezone.now(), actor
    seat.save(update_fields=["invited_at", "invited_by"])
    audit.record(actor, "partnership_table.invite", table, None, {"organisation": organisation.pk})
    return seat


@transaction.atomic
def invite_matching_providers(actor, table: PartnershipTable) -> list[Organisation]:
    """Invite every registered provider with a service matching the procurement's service area
    in the authority's home municipality (domain.partnership.matches); those already at the
    table keep their seat. Returns the newly invited organisations."""
    procurement = table.activity.procurement
    require(actor, "partners.manage_table", procurement)
    classes = partnership.SERVICE_CLASSES.get(procurement.service_area, frozenset())
    seated = set(table.seats.values_list("organisation_id", flat=True))
    candidates = (
        Service.objects.filter(service_class__in=classes, provider__profile__isnull=False)
        .exclude(provider__kind=OrganisationKind.AUTHORITY).exclude(provider_id__in=seated)
        .select_related("provider").order_by("provider__name", "id")
    )
    municipality = procurement.authority.municipality
    invited: dict[int, Organisation] = {}
    for service in candidates:
        if service.provider_id not in invited and partnership.matches(
            service.service_class, service.areas, procurement.service_area, municipality,
        ):
            invited[service.provider_id] = service.provider
    now = timezone.now()
    TableSeat.objects.bulk_create(
        TableSeat(table=table, organisation=organisation, role=partnership.seat_role(organisation.kind),
                  invited_at=now, invited_by=actor)
        for organisation in invited.values()
    )
    audit.record(actor, "partnership_table.invite_matching", table, None, {"organisations": sorted(invited)})
    return list(invited.values())


@transaction.atomic
def sign_up_for_table(actor, table: PartnershipTable) -> TableSeat:
    """A representative signs their own organisation up, invited or not."""
    require(actor, "partners.sign_up_for_table", table.activity.procurement)
    organisation = actor.organisation
    seat, _created = TableSeat.objects.get_or_create(
        table=table, organisation=organisation, defaults={"role": partnership.seat_role(organisation.kind)},
    )
    if seat.signed_up_at is not None:
        raise ServiceError.from_domain(DomainError("table_already_signed_up", None), status=409)
    seat.signed_up_at, seat.signed_up_by = timezone.now(), actor
    seat.save(update_fields=["signed_up_at", "signed_up_by"])
    audit.record(actor, "partnership_table.sign_up", table, None, {"organisation": organisation.pk})
    return seat


@transaction.atomic
def add_action_point(actor, table: PartnershipTable, data: dict) -> ActionPoint:
    require(actor, "partners.manage_table", table.activity.procurement)
    point = ActionPoint.objects.create(table=table, **data)
    audit.record(actor, "partnership_table.action_point", table, None, {"action_point": point.pk, "who": point.who})
    return point


@transaction.atomic
def set_action_point_done(actor, point: ActionPoint, done: bool) -> ActionPoint:
    require(actor, "partners.manage_table", point.table.activity.procurement)
    before = {"done": point.done}
    point.done = done
    point.save(update_fields=["done"])
    audit.record(actor, "partnership_table.action_point_done", point.table, before, {"done": done})
    return point


def _domain(check, *args, status: int = 409) -> None:
    try:
        check(*args)
    except DomainError as error:
        raise ServiceError.from_domain(error, status=status) from None


@transaction.atomic
def express_interest(actor, procurement, data: dict) -> ExpressionOfInterest:
    require(actor, "partners.express_interest", procurement)
    _domain(partnership.check_open_for_interest, procurement.phase)
    if ExpressionOfInterest.objects.filter(procurement=procurement, organisation=actor.organisation_id).exists():
        raise ServiceError.from_domain(DomainError("interest_exists", None), status=409)
    interest = ExpressionOfInterest.objects.create(procurement=procurement, organisation=actor.organisation, **data)
    audit.record(actor, "consortium.interest", interest, None, {"procurement": procurement.pk})
    return interest


@transaction.atomic
def invite_partner(actor, interest: ExpressionOfInterest, business_id: str, role: str) -> ConsortiumInvitation:
    require(actor, "partners.lead_consortium", interest)
    _domain(partnership.check_open_for_interest, interest.procurement.phase)
    if interest.formed_at is not None:
        raise ServiceError.from_domain(DomainError("consortium_already_formed", None), status=409)
    organisation = _registered(business_id)
    if organisation.pk == interest.organisation_id:
        raise ServiceError.from_domain(DomainError("consortium_invite_self", "business_id"))
    if organisation.is_authority:
        raise ServiceError.from_domain(DomainError("business_id_not_registered", "business_id"))
    invitation, created = ConsortiumInvitation.objects.get_or_create(
        interest=interest, organisation=organisation, defaults={"role": role},
    )
    if not created:
        raise ServiceError.from_domain(DomainError("consortium_already_invited", "business_id"))
    audit.record(actor, "consortium.invite", interest, None, {"organisation": organisation.pk, "role": role})
    return invitation


@transaction.atomic
def accept_invitation(actor, interest: ExpressionOfInterest) -> ConsortiumInvitation:
    """The invited organisation's own people accept; the lead sees it before forming."""
    invitation = interest.invitations.select_for_update().filter(
        organisation=actor.organisation_id, accepted_at__isnull=True).first()
    if invitation is None or not actor.has_perm("partners.edit_profile", invitation.organisation):
        raise ServiceError.from_domain(DomainError("consortium_no_invitation", None), status=409)
    if interest.formed_at is not None:
        raise ServiceError.from_domain(DomainError("consortium_already_formed", None), status=409)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit.record(actor, "consortium.accept", interest, None, {"organisation": invitation.organisation_id})
    return invitation


@transaction.atomic
def form_consortium(actor, interest: ExpressionOfInterest) -> ExpressionOfInterest:
    """The lead closes the circle: the partners who accepted are the consortium, with their roles."""
    require(actor, "partners.lead_consortium", interest)
    interest = ExpressionOfInterest.objects.select_for_update().select_related("procurement").get(pk=interest.pk)
    _domain(partnership.check_open_for_interest, interest.procurement.phase)
    _domain(partnership.check_can_form, interest.formed_at is not None,
            interest.invitations.filter(accepted_at__isnull=False).count())
    interest.formed_at = timezone.now()
    interest.save(update_fields=["formed_at"])
    members = list(interest.invitations.filter(accepted_at__isnull=False).values_list("organisation_id", "role"))
    audit.record(actor, "consortium.form", interest, None, {"members": members})
    return interest


def check_organisation_list(table: list[list]) -> tuple[list[organisation_list.OrganisationRow], list[spreadsheet.RowError]]:
    registered = frozenset(Organisation.objects.filter(business_id__isnull=False).values_list("business_id", flat=True))
    return organisation_list.validate(table, registered)


@transaction.atomic
def import_organisations(actor, table: list[list]) -> list[Organisation]:
    """Create every organisation of the list, or none."""
    require(actor, "partners.import_organisations")
    rows, errors = check_organisation_list(table)
    if errors:
        raise RowsRejected(errors)
    try:
        with transaction.atomic():
            created = Organisation.objects.bulk_create([
                Organisation(name=row.name, kind=row.kind, business_id=row.business_id, municipality=row.municipality)
                for row in rows
            ])
    except IntegrityError:
        # Someone registered one of these business IDs between the check and now.
        raise ServiceError.from_domain(DomainError("business_id_duplicate", "file"), status=409) from None
    # A list has no row of its own to hang the entry on; the importer stands for it.
    audit.record(actor, "organisations.import", actor, None, {"business_ids": [row.business_id for row in rows]})
    return created
