"""/api/v1 endpoints for the contract period: the same forms and services as the web UI."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.schemas import ERRORS, TranslatedIn, TranslatedOut
from coprocure.core.selectors import visible_procurement

from . import selectors, services
from .forms import AmendmentForm, CompensationForm, ContractForm, DecisionForm, DocumentForm, MeetingForm, MemberForm, PartyForm, MinutesForm

router = Router(tags=["contracts"])


class PartyOut(Schema):
    id: int
    name: str
    role: str
    organisation: int | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation_id


class DocumentOut(Schema):
    title: str
    url: str


class AmendmentOut(Schema):
    version: int
    summary: TranslatedOut
    reason: TranslatedOut
    decision: int
    new_ends_on: date | None

    @staticmethod
    def resolve_decision(obj):
        return obj.decision_id


class MemberOut(Schema):
    id: int
    name: str
    role: str
    organisation: int | None
    term_starts: date
    term_ends: date | None
    deputy_for: int | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation_id

    @staticmethod
    def resolve_deputy_for(obj):
        return obj.deputy_for_id


class MeetingOut(Schema):
    id: int
    starts_at: datetime
    place: str
    agenda: TranslatedOut | None
    agenda_published_at: datetime | None
    materials: list[DocumentOut]


class ContractOut(Schema):
    id: int
    procurement: int
    kind: str
    title: TranslatedOut
    description: TranslatedOut
    starts_on: date
    ends_on: date
    options: TranslatedOut
    version: int
    parties: list[PartyOut]
    documents: list[DocumentOut]
    amendments: list[AmendmentOut]
    steering_group: list[MemberOut]

    @staticmethod
    def resolve_procurement(obj):
        return obj.procurement_id

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_documents(obj):
        return list(obj.documents.all())

    @staticmethod
    def resolve_amendments(obj):
        return list(obj.amendments.all())

    @staticmethod
    def resolve_steering_group(obj):
        return list(obj.steering_members.all())


class DecisionOut(Schema):
    id: int
    number: int
    decided_on: date
    is_confidential: bool
    confidentiality_reason: str
    accountable_official: int
    title: TranslatedOut | None = None
    decided: TranslatedOut | None = None
    reasoning: TranslatedOut | None = None
    proposed_by: str | None = None
    proposer_role: str | None = None
    client_view: TranslatedOut | None = None
    meeting: int | None = None


class ContractIn(Schema):
    kind: str
    title: TranslatedIn
    description: TranslatedIn = {}
    starts_on: date
    ends_on: date
    options: TranslatedIn = {}


class PartyIn(Schema):
    role: str
    organisation: int | None = None
    name: str = ""


class DocumentIn(Schema):
    title: str
    url: str


class AmendmentIn(Schema):
    summary: TranslatedIn
    reason: TranslatedIn
    decision: int
    new_ends_on: date | None = None


class MemberIn(Schema):
    name: str
    role: str
    organisation: int | None = None
    user: int | None = None
    term_starts: date
    term_ends: date | None = None
    deputy_for: int | None = None


class MaterialIn(Schema):
    title: str
    url: str


class MeetingIn(Schema):
    starts_at: datetime
    place: str = ""
    agenda: TranslatedIn
    materials: list[MaterialIn] = []


class MinutesIn(Schema):
    minutes: TranslatedIn
    attendees: list[int] = []


class CompensationIn(Schema):
    member: int
    hours: Decimal
    fee: Decimal


class CompensationOut(Schema):
    member: int
    hours: Decimal
    fee: Decimal


class DecisionIn(Schema):
    title: TranslatedIn
    decided: TranslatedIn
    reasoning: TranslatedIn
    proposed_by: str
    proposer_role: str
    client_view: TranslatedIn = {}
    meeting: int | None = None
    accountable_official: int | None = None
    decided_on: date
    is_confidential: bool = False
    confidentiality_reason: str = ""


def _meeting_out(meeting, can_manage: bool) -> dict:
    public = can_manage or meeting.agenda_published_at is not None
    return {"id": meeting.pk, "starts_at": meeting.starts_at, "place": meeting.place,
            "agenda": meeting.agenda if public else None, "agenda_published_at": meeting.agenda_published_at,
            "materials": meeting.materials if public else []}


def decision_out(decision, can_read_confidential: bool) -> dict:
    """A confidential decision shows only that it exists, when, its legal reason and who is accountable."""
    result = {"id": decision.pk, "number": decision.number, "decided_on": decision.decided_on,
              "is_confidential": decision.is_confidential, "confidentiality_reason": decision.confidentiality_reason,
              "accountable_official": decision.accountable_official_id}
    if can_read_confidential or not decision.is_confidential:
        result.update({"title": decision.title, "decided": decision.decided, "reasoning": decision.reasoning,
                       "proposed_by": decision.proposed_by, "proposer_role": decision.proposer_role,
                       "client_view": decision.client_view, "meeting": decision.meeting_id})
    return result


def _manageable(request, pk: int, permission: str = "contracts.manage"):
    contract = selectors.visible_contract(request.user, pk)
    if not request.user.has_perm(permission, contract.procurement):
        raise PermissionDenied(permission)
    return contract


@router.post("/procurements/{pk}/contracts", response={201: ContractOut, **ERRORS}, auth=SIGNED_IN)
def create_contract(request, pk: int, payload: ContractIn):
    procurement = visible_procurement(request.user, pk)
    contract = services.create_contract(request.user, procurement, validated(ContractForm, payload.dict()))
    return Status(201, selectors.contract_page(contract.pk))


@router.get("/contracts/{pk}", response={200: ContractOut, **ERRORS}, auth=ANYONE)
def get_contract(request, pk: int):
    return selectors.visible_contract(request.user, pk)


@router.post("/contracts/{pk}/parties", response={201: PartyOut, **ERRORS}, auth=SIGNED_IN)
def add_party(request, pk: int, payload: PartyIn):
    contract = _manageable(request, pk)
    return Status(201, services.add_party(request.user, contract, validated(PartyForm, payload.dict())))


@router.post("/contracts/{pk}/documents", response={201: DocumentOut, **ERRORS}, auth=SIGNED_IN)
def add_document(request, pk: int, payload: DocumentIn):
    contract = _manageable(request, pk)
    return Status(201, services.add_document(request.user, contract, validated(DocumentForm, payload.dict())))


@router.post("/contracts/{pk}/amendments", response={201: AmendmentOut, **ERRORS}, auth=SIGNED_IN)
def amend_contract(request, pk: int, payload: AmendmentIn):
    contract = _manageable(request, pk)
    data = validated(AmendmentForm, payload.dict(), contract=contract)
    return Status(201, services.amend_contract(request.user, contract, data))


@router.post("/contracts/{pk}/steering-group", response={201: MemberOut, **ERRORS}, auth=SIGNED_IN)
def add_member(request, pk: int, payload: MemberIn):
    contract = _manageable(request, pk)
    data = validated(MemberForm, payload.dict(), contract=contract)
    return Status(201, services.add_member(request.user, contract, data))


@router.get("/contracts/{pk}/meetings", response={200: list[MeetingOut], **ERRORS}, auth=ANYONE)
def list_meetings(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    can_manage = request.user.has_perm("contracts.manage", contract.procurement)
    return [_meeting_out(meeting, can_manage) for meeting in contract.meetings.all()]


@router.post("/contracts/{pk}/meetings", response={201: MeetingOut, **ERRORS}, auth=SIGNED_IN)
def schedule_meeting(request, pk: int, payload: MeetingIn):
    contract = _manageable(request, pk)
    body = payload.dict()
    body["materials"] = "\n".join(f"{item['title']} | {item['url']}" for item in body["materials"])
    meeting = services.schedule_meeting(request.user, contract, validated(MeetingForm, body))
    return Status(201, _meeting_out(meeting, True))


def _managed_meeting(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    if not request.user.has_perm("contracts.manage", meeting.contract.procurement):
        raise PermissionDenied("contracts.manage")
    return meeting


@router.post("/meetings/{pk}/publish", response={200: MeetingOut, **ERRORS}, auth=SIGNED_IN)
def publish_agenda(request, pk: int):
    return _meeting_out(services.publish_agenda(request.user, _managed_meeting(request, pk)), True)


@router.post("/meetings/{pk}/minutes", response={200: MeetingOut, **ERRORS}, auth=SIGNED_IN)
def record_minutes(request, pk: int, payload: MinutesIn):
    meeting = _managed_meeting(request, pk)
    data = validated(MinutesForm, payload.dict(), instance=meeting)
    return _meeting_out(services.record_minutes(request.user, meeting, data), True)


@router.post("/meetings/{pk}/compensations", response={201: CompensationOut, **ERRORS}, auth=SIGNED_IN)
def record_compensation(request, pk: int, payload: CompensationIn):
    meeting = _managed_meeting(request, pk)
    data = validated(CompensationForm, payload.dict(), meeting=meeting)
    compensation = services.record_compensation(request.user, meeting, data)
    return Status(201, {"member": compensation.member_id, "hours": compensation.hours, "fee": compensation.fee})


@router.get("/contracts/{pk}/decisions", response={200: list[DecisionOut], **ERRORS}, auth=ANYONE)
def list_decisions(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    full = selectors.can_read_confidential(request.user, contract)
    return [decision_out(decision, full) for decision in selectors.decisions_of(contract)]


@router.post("/contracts/{pk}/decisions", response={201: DecisionOut, **ERRORS}, auth=SIGNED_IN)
def record_decision(request, pk: int, payload: DecisionIn):
    contract = _manageable(request, pk, "contracts.decide")
    data = validated(DecisionForm, payload.dict(), contract=contract)
    return Status(201, decision_out(services.record_decision(request.user, contract, data), True))
