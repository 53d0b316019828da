"""The JSON shapes of providers and their services, competence networks, partnership tables,
consortia and organisation lists in /api/v1."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from coprocure.api.schemas import TranslatedIn, TranslatedOut


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


class PtvPage(Schema):
    count: int
    items: list[dict]


class ProfileIn(Schema):
    description: TranslatedIn
    values: TranslatedIn | None = None
    areas_served: list[str]
    languages: list[str]
    quality_certifications: str = ""
    ownership: str
    profits_to_public_benefit: bool = False
    # The organisation's postcode and region (NUTS 3 code, e.g. FI19B); left out: unchanged.
    postcode: str | None = None
    nuts_region: str | None = None


class ProfileOut(Schema):
    organisation: int = Field(..., alias="organisation_id")
    description: TranslatedOut
    areas_served: list[str]
    languages: list[str]
    ownership: str
    profits_to_public_benefit: bool
    last_confirmed_at: datetime | None
    postcode: str
    nuts_region: str

    @staticmethod
    def resolve_postcode(profile) -> str:
        return profile.organisation.postcode

    @staticmethod
    def resolve_nuts_region(profile) -> str:
        return profile.organisation.nuts_region


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


class SeatOut(Schema):
    organisation: int = Field(..., alias="organisation_id")
    name: str
    role: str
    invited_at: datetime | None
    signed_up_at: datetime | None

    @staticmethod
    def resolve_name(obj):
        return obj.organisation.name


class ActionPointOut(Schema):
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
    action_points: list[ActionPointOut]

    @staticmethod
    def resolve_seats(obj):
        return list(obj.seats.all())

    @staticmethod
    def resolve_action_points(obj):
        return list(obj.action_points.all())


class TableIn(Schema):
    agenda: TranslatedIn
    minutes: TranslatedIn | None = None


class InviteIn(Schema):
    business_id: str


class ActionPointIn(Schema):
    what: TranslatedIn
    who: str
    due_on: str


class ActionPointDoneIn(Schema):
    done: bool


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


class ImportedRow(Schema):
    row: int
    name: str
    kind: str
    business_id: str
    municipality: str


class ImportOut(Schema):
    imported: bool
    rows: list[ImportedRow]
