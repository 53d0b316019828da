"""/api/v1 endpoints for providers and their services, and the PTV-shaped export."""


from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import form_data, validated
from coprocure.api.schemas import ERRORS, TranslatedIn, TranslatedOut
from coprocure.interop import spreadsheets
from coprocure.core.selectors import visible_procurement
from coprocure.domain.errors import DomainError
from coprocure.errors import RowsRejected, ServiceError

from . import ptv, selectors, services
from .forms import FollowUpDoneForm, FollowUpForm, InterestForm, InviteForm, PartnerInviteForm, MemberForm, NetworkForm, OfferForm, ProfileForm, ServiceForm, TableForm
from .models import FollowUp, ProviderProfile, Service
from .selectors import ServiceFilters

router = Router(tags=["providers"])


class ServiceOut(Schema):
    id: int
    provider: int
    provider_name: str
    name: TranslatedOut
    summary: TranslatedOut
    service_class: str
    target_groups: list[str]
    areas: list[str]
    languages: list[str]
    capacity: int | None
    capacity_available: int | None
    price_basis: str

    @staticmethod
    def resolve_provider(obj):
        return obj.provider_id

    @staticmethod
    def resolve_provider_name(obj):
        return obj.provider.name

    @staticmethod
    def resolve_target_groups(obj):
        return [group.code for group in obj.target_groups.all()]


class SearchParams(Schema):
    q: str = ""
    target_group: str = ""
    area: str = ""
    language: str = ""
    kind: str = ""
    service_class: str = ""
    capacity_available: bool = False


@router.get("/services", response={200: list[ServiceOut], **ERRORS}, auth=ANYONE)
@paginate
def search_services(request, params: Query[SearchParams]):
    """Full-text search (Finnish, Swedish and English word forms) with filters."""
    return selectors.search_services(ServiceFilters(**params.dict()))


class PtvPage(Schema):
    count: int
    items: list[dict]


@router.get("/ptv/organisations", response={200: PtvPage, **ERRORS}, auth=ANYONE)
def ptv_organisations(request, limit: Annotated[int, Field(ge=1, le=500)] = 100,
                      offset: Annotated[int, Field(ge=0, le=1_000_000)] = 0):
    """Provider profiles with their services and channels in the shape of the PTV open API.
    Paged so that one request never loads the whole registry."""
    profiles = selectors.profiles_for_export()
    return {"count": profiles.count(), "items": [ptv.organisation(p) for p in profiles[offset:offset + limit]]}


@router.get("/ptv/organisations/{organisation_id}", response={200: dict, **ERRORS}, auth=ANYONE)
def ptv_organisation(request, organisation_id: int):
    try:
        return ptv.organisation(selectors.provider_page(organisation_id))
    except ProviderProfile.DoesNotExist:
        raise Http404 from None


class ProfileIn(Schema):
    description: TranslatedIn
    values: TranslatedIn | None = None
    areas_served: list[str]
    languages: list[str]
    quality_certifications: str = ""
    ownership: str
    profits_to_public_benefit: bool = False


class ProfileOut(Schema):
    organisation: int = Field(..., alias="organisation_id")
    description: TranslatedOut
    areas_served: list[str]
    languages: list[str]
    ownership: str
    profits_to_public_benefit: bool
    last_confirmed_at: datetime | None


class ServiceIn(Schema):
    name: TranslatedIn
    summary: TranslatedIn
    description: TranslatedIn
    service_class: str
    target_groups: list[str] = []
    areas: list[str]
    languages: list[str]
    capacity: int | None = None
    capacity_available: int | None = None
    price_basis: str
    outcome_measurement: TranslatedIn | None = None
    evidence: TranslatedIn | None = None
    accessibility: TranslatedIn | None = None
    location_address: str = ""
    phone: str = ""
    web_address: str = ""


@router.put("/providers/{organisation_id}/profile", response={200: ProfileOut, **ERRORS}, auth=SIGNED_IN)
def put_profile(request, organisation_id: int, payload: ProfileIn):
    """Describe the organisation (its own people only); saving also confirms it is up to date."""
    organisation = selectors.editable_organisation(request.user, organisation_id)
    profile = ProviderProfile.objects.filter(organisation=organisation).first()
    data = validated(ProfileForm, payload.dict(), instance=profile)
    return services.save_profile(request.user, organisation, data)


def _save_service(request, organisation, payload, service=None):
    form = ServiceForm(data=form_data(ServiceForm, payload.dict()), instance=service)
    if not form.is_valid():
        raise ServiceError.from_form(form)
    saved = services.save_service(request.user, organisation, form.service_data(), service=service, channels=form.channels())
    return selectors.search_services(ServiceFilters()).get(pk=saved.pk)


@router.post("/providers/{organisation_id}/services", response={201: ServiceOut, **ERRORS}, auth=SIGNED_IN)
def create_service(request, organisation_id: int, payload: ServiceIn):
    organisation = selectors.editable_organisation(request.user, organisation_id)
    if not ProviderProfile.objects.filter(organisation=organisation).exists():
        raise ServiceError.from_domain(DomainError("profile_missing", "organisation"), status=409)
    return Status(201, _save_service(request, organisation, payload))


@router.put("/providers/{organisation_id}/services/{service_id}", response={200: ServiceOut, **ERRORS}, auth=SIGNED_IN)
def update_service(request, organisation_id: int, service_id: int, payload: ServiceIn):
    organisation = selectors.editable_organisation(request.user, organisation_id)
    service = get_object_or_404(Service, pk=service_id, provider=organisation)
    return _save_service(request, organisation, payload, service)


class NetworkMemberOut(Schema):
    organisation: int = Field(..., alias="organisation_id")
    name: str
    competences: TranslatedOut

    @staticmethod
    def resolve_name(obj):
        return obj.organisation.name


class JointOfferOut(Schema):
    id: int
    title: TranslatedOut
    description: TranslatedOut
    services: list[int]

    @staticmethod
    def resolve_services(obj):
        return [service.pk for service in obj.services.all()]


class NetworkOut(Schema):
    id: int
    name: TranslatedOut
    theme: TranslatedOut
    description: TranslatedOut
    coordinator: int = Field(..., alias="coordinator_id")
    members: list[NetworkMemberOut]
    offers: list[JointOfferOut]

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.all())

    @staticmethod
    def resolve_offers(obj):
        return list(obj.offers.all())


class NetworkIn(Schema):
    name: TranslatedIn
    theme: TranslatedIn
    description: TranslatedIn | None = None


class MemberIn(Schema):
    business_id: str


class OfferIn(Schema):
    title: TranslatedIn
    description: TranslatedIn
    services: list[int] = []


@router.get("/networks", response={200: list[NetworkOut], **ERRORS}, auth=ANYONE)
def list_networks(request):
    return list(selectors.networks().prefetch_related("offers__services"))


@router.get("/networks/{pk}", response={200: NetworkOut, **ERRORS}, auth=ANYONE)
def get_network(request, pk: int):
    return selectors.network_page(pk)


@router.post("/networks", response={201: NetworkOut, **ERRORS}, auth=SIGNED_IN)
def create_network(request, payload: NetworkIn):
    if not request.user.has_perm("partners.create_network"):
        raise PermissionDenied
    network = services.create_network(request.user, validated(NetworkForm, payload.dict()))
    return Status(201, selectors.network_page(network.pk))


@router.post("/networks/{pk}/members", response={201: NetworkOut, **ERRORS}, auth=SIGNED_IN)
def add_network_member(request, pk: int, payload: MemberIn):
    network = selectors.network_page(pk)
    if not request.user.has_perm("partners.manage_network", network):
        raise PermissionDenied
    services.add_member(request.user, network, validated(MemberForm, payload.dict())["business_id"])
    return Status(201, selectors.network_page(pk))


@router.post("/networks/{pk}/offers", response={201: NetworkOut, **ERRORS}, auth=SIGNED_IN)
def publish_offer(request, pk: int, payload: OfferIn):
    network = selectors.network_page(pk)
    if not request.user.has_perm("partners.manage_network", network):
        raise PermissionDenied
    services.publish_offer(request.user, network, validated(OfferForm, payload.dict(), network=network))
    return Status(201, selectors.network_page(pk))


class SeatOut(Schema):
    organisation: int = Field(..., alias="organisation_id")
    name: str
    role: str
    invited_at: datetime | None
    signed_up_at: datetime | None

    @staticmethod
    def resolve_name(obj):
        return obj.organisation.name


class FollowUpOut(Schema):
    id: int
    what: TranslatedOut
    who: str
    due_on: date
    done: bool


class TableOut(Schema):
    activity: int = Field(..., alias="activity_id")
    agenda: TranslatedOut
    minutes: TranslatedOut
    seats: list[SeatOut]
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_seats(obj):
        return list(obj.seats.all())

    @staticmethod
    def resolve_follow_ups(obj):
        return list(obj.follow_ups.all())


class TableIn(Schema):
    agenda: TranslatedIn
    minutes: TranslatedIn | None = None


class InviteIn(Schema):
    business_id: str


class FollowUpIn(Schema):
    what: TranslatedIn
    who: str
    due_on: str


class FollowUpDoneIn(Schema):
    done: bool


def _table(request, pk: int):
    table = selectors.table_of(selectors.table_activity(request.user, pk))
    if table is None:
        raise ServiceError.from_domain(DomainError("table_missing", None), status=409)
    return table


def _manage(request, procurement) -> None:
    if not request.user.has_perm("partners.manage_table", procurement):
        raise PermissionDenied


@router.get("/activities/{pk}/table", response={200: TableOut, **ERRORS}, auth=ANYONE)
def get_table(request, pk: int):
    """The partnership table's agenda, who takes part, minutes and follow-ups."""
    return _table(request, pk)


@router.put("/activities/{pk}/table", response={200: TableOut, **ERRORS}, auth=SIGNED_IN)
def put_table(request, pk: int, payload: TableIn):
    activity = selectors.table_activity(request.user, pk)
    _manage(request, activity.procurement)
    table = selectors.table_of(activity)
    services.save_table(request.user, activity, validated(TableForm, payload.dict(), instance=table))
    return selectors.table_of(activity)


@router.post("/activities/{pk}/table/invitations", response={201: TableOut, **ERRORS}, auth=SIGNED_IN)
def invite_to_table(request, pk: int, payload: InviteIn):
    table = _table(request, pk)
    _manage(request, table.activity.procurement)
    services.invite_to_table(request.user, table, validated(InviteForm, payload.dict())["business_id"])
    return Status(201, _table(request, pk))


@router.post("/activities/{pk}/table/invite-matching", response={201: TableOut, **ERRORS}, auth=SIGNED_IN)
def invite_matching_providers(request, pk: int):
    """Invite every registered provider whose services match the procurement's service area
    in the authority's home municipality."""
    table = _table(request, pk)
    _manage(request, table.activity.procurement)
    services.invite_matching_providers(request.user, table)
    return Status(201, _table(request, pk))


@router.post("/activities/{pk}/table/sign-up", response={201: TableOut, **ERRORS}, auth=SIGNED_IN)
def sign_up_for_table(request, pk: int):
    """The caller's own organisation signs up."""
    table = _table(request, pk)
    if not request.user.has_perm("partners.sign_up_for_table", table.activity.procurement):
        raise PermissionDenied
    services.sign_up_for_table(request.user, table)
    return Status(201, _table(request, pk))


@router.post("/activities/{pk}/table/follow-ups", response={201: FollowUpOut, **ERRORS}, auth=SIGNED_IN)
def add_follow_up(request, pk: int, payload: FollowUpIn):
    table = _table(request, pk)
    _manage(request, table.activity.procurement)
    return Status(201, services.add_follow_up(request.user, table, validated(FollowUpForm, payload.dict())))


@router.put("/follow-ups/{pk}", response={200: FollowUpOut, **ERRORS}, auth=SIGNED_IN)
def set_follow_up_done(request, pk: int, payload: FollowUpDoneIn):
    follow_up = get_object_or_404(FollowUp.objects.select_related("table__activity__procurement"), pk=pk)
    if not request.user.has_perm("participation.view", follow_up.table.activity.procurement):
        raise Http404
    _manage(request, follow_up.table.activity.procurement)
    return services.set_follow_up_done(request.user, follow_up, validated(FollowUpDoneForm, payload.dict())["done"])


class PartnerOut(Schema):
    organisation: int = Field(..., alias="organisation_id")
    name: str
    role: str
    accepted_at: datetime | None

    @staticmethod
    def resolve_name(obj):
        return obj.organisation.name


class InterestOut(Schema):
    id: int
    procurement: int = Field(..., alias="procurement_id")
    lead: int = Field(..., alias="organisation_id")
    lead_name: str
    can_provide: TranslatedOut
    looking_for: TranslatedOut
    published_at: datetime
    formed_at: datetime | None
    invitations: list[PartnerOut]
    members: list[dict]

    @staticmethod
    def resolve_lead_name(obj):
        return obj.organisation.name

    @staticmethod
    def resolve_invitations(obj):
        return list(obj.invitations.all())

    @staticmethod
    def resolve_members(obj):
        """Once formed: the partners in the shape the bid endpoint takes as ``members``."""
        if obj.formed_at is None:
            return []
        return [{"organisation": i.organisation_id, "role": i.role} for i in obj.invitations.all() if i.accepted_at]


class InterestIn(Schema):
    can_provide: TranslatedIn
    looking_for: TranslatedIn


class PartnerInviteIn(Schema):
    business_id: str
    role: str


@router.get("/procurements/{pk}/interests", response={200: list[InterestOut], **ERRORS}, auth=ANYONE)
def list_interests(request, pk: int):
    return list(selectors.interests_of(visible_procurement(request.user, pk)))


@router.post("/procurements/{pk}/interests", response={201: InterestOut, **ERRORS}, auth=SIGNED_IN)
def express_interest(request, pk: int, payload: InterestIn):
    """Publish the caller's organisation's expression of interest; it leads any consortium that follows."""
    procurement = visible_procurement(request.user, pk)
    if not request.user.has_perm("partners.express_interest", procurement):
        raise PermissionDenied
    interest = services.express_interest(request.user, procurement, validated(InterestForm, payload.dict()))
    return Status(201, selectors.interest_page(request.user, interest.pk))


@router.get("/interests/{pk}", response={200: InterestOut, **ERRORS}, auth=ANYONE)
def get_interest(request, pk: int):
    return selectors.interest_page(request.user, pk)


@router.post("/interests/{pk}/invitations", response={201: InterestOut, **ERRORS}, auth=SIGNED_IN)
def invite_partner(request, pk: int, payload: PartnerInviteIn):
    interest = selectors.interest_page(request.user, pk)
    if not request.user.has_perm("partners.lead_consortium", interest):
        raise PermissionDenied
    data = validated(PartnerInviteForm, payload.dict())
    services.invite_partner(request.user, interest, data["business_id"], data["role"])
    return Status(201, selectors.interest_page(request.user, pk))


@router.post("/interests/{pk}/accept", response={200: InterestOut, **ERRORS}, auth=SIGNED_IN)
def accept_invitation(request, pk: int):
    """The caller's organisation accepts its invitation (409 when it has none open)."""
    services.accept_invitation(request.user, selectors.interest_page(request.user, pk))
    return selectors.interest_page(request.user, pk)


@router.post("/interests/{pk}/form", response={200: InterestOut, **ERRORS}, auth=SIGNED_IN)
def form_consortium(request, pk: int):
    interest = selectors.interest_page(request.user, pk)
    if not request.user.has_perm("partners.lead_consortium", interest):
        raise PermissionDenied
    services.form_consortium(request.user, interest)
    return selectors.interest_page(request.user, pk)


class ImportedRow(Schema):
    row: int
    name: str
    kind: str
    business_id: str
    municipality: str


class ImportOut(Schema):
    imported: bool
    rows: list[ImportedRow]


@router.post("/organisations/import", response={200: ImportOut, 201: ImportOut, **ERRORS}, auth=SIGNED_IN,
             tags=["organisations"])
def import_organisations(request, file: UploadedFile = File(...), dry_run: bool = False):
    """A CSV (semicolons or commas, UTF-8 with or without BOM, or Windows-1252) or XLSX list with
    the columns nimi, tyyppi, y-tunnus and kotikunta; all rows or none. Errors name the row as
    ``rows.N.field`` (the header is row 1). ``dry_run=true`` only checks."""
    if not request.user.has_perm("partners.import_organisations"):
        raise PermissionDenied
    table = spreadsheets.read_upload(file)
    rows, errors = services.check_organisation_list(table)
    if errors:
        raise RowsRejected(errors)
    if not dry_run:
        services.import_organisations(request.user, table)
    body = {"imported": not dry_run, "rows": [
        {"row": r.number, "name": r.name, "kind": r.kind, "business_id": r.business_id, "municipality": r.municipality}
        for r in rows]}
    return Status(200 if dry_run else 201, body)
