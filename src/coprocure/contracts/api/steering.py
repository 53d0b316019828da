"""The steering group: members, meetings and their fees, decisions and members' positions."""

from __future__ import annotations

from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core import visibility

from .. import selectors, services
from ..forms import CompensationForm, DecisionForm, MeetingForm, MemberForm, MinutesForm, PositionForm
from ..schemas import (
    CompensationIn, CompensationOut, DecisionIn, DecisionOut, MeetingIn, MeetingOut, MemberIn, MemberOut, MinutesIn,
    PositionIn, PositionOut,
)
from . import router
from ._common import contract_by_pk, decision_by_pk, meeting_by_pk, procurement_of


def meeting_out(user, meeting) -> dict:
    public = visibility.may_show(user, meeting, "agenda")
    return {"id": meeting.pk, "starts_at": meeting.starts_at, "place": meeting.place,
            "agenda": meeting.agenda if public else None, "agenda_published_at": meeting.agenda_published_at,
            "materials": meeting.materials if public else []}


def position_out(position) -> dict:
    return {"member": position.member_id, "name": position.member.name, "role": position.member.role,
            "position": position.position, "view": position.view, "client_view": position.is_client_view}


def decision_out(user, decision) -> dict:
    """A confidential decision shows only that it exists, when, its legal reason and who is
    accountable; the rest is shown as the visibility policy decides."""
    result = {"id": decision.pk, "number": decision.number, "decided_on": decision.decided_on,
              "is_confidential": decision.is_confidential, "confidentiality_reason": decision.confidentiality_reason,
              "accountable_official": decision.accountable_official_id}
    if visibility.may_show(user, decision, "decided"):
        result.update({"title": decision.title, "decided": decision.decided, "reasoning": decision.reasoning,
                       "proposed_by": decision.proposed_by, "proposer_role": decision.proposer_role,
                       "client_view": decision.client_view, "meeting": decision.meeting_id,
                       "positions": [position_out(position) for position in decision.positions.all()]})
    return result


def meeting_form_data(payload: MeetingIn) -> dict:
    """The form takes the materials one per line, as ``title | address``."""
    body = payload.dict()
    body["materials"] = "\n".join(f"{item['title']} | {item['url']}" for item in body["materials"])
    return body


@router.post("/contracts/{pk}/steering-group", response={201: MemberOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=contract_by_pk, of=procurement_of)
def add_member(request, pk: int, payload: MemberIn):
    contract = target(request)
    data = validated(MemberForm, payload.dict(), contract=contract)
    return Status(201, services.add_member(request.user, contract, data))


@router.get("/contracts/{pk}/meetings", response={200: list[MeetingOut], **ERRORS}, auth=ANYONE)
@permitted(None, load=contract_by_pk)
def list_meetings(request, pk: int):
    return [meeting_out(request.user, meeting) for meeting in target(request).meetings.all()]


@router.post("/contracts/{pk}/meetings", response={201: MeetingOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=contract_by_pk, of=procurement_of)
def schedule_meeting(request, pk: int, payload: MeetingIn):
    data = validated(MeetingForm, meeting_form_data(payload))
    return Status(201, meeting_out(request.user, services.schedule_meeting(request.user, target(request), data)))


@router.post("/meetings/{pk}/publish", response={200: MeetingOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=meeting_by_pk, of=procurement_of)
def publish_agenda(request, pk: int):
    return meeting_out(request.user, services.publish_agenda(request.user, target(request)))


@router.post("/meetings/{pk}/minutes", response={200: MeetingOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=meeting_by_pk, of=procurement_of)
def record_minutes(request, pk: int, payload: MinutesIn):
    meeting = target(request)
    data = validated(MinutesForm, payload.dict(), instance=meeting)
    return meeting_out(request.user, services.record_minutes(request.user, meeting, data))


@router.post("/meetings/{pk}/compensations", response={201: CompensationOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=meeting_by_pk, of=procurement_of)
def record_compensation(request, pk: int, payload: CompensationIn):
    meeting = target(request)
    data = validated(CompensationForm, payload.dict(), meeting=meeting)
    compensation = services.record_compensation(request.user, meeting, data)
    return Status(201, {"member": compensation.member_id, "hours": compensation.hours, "fee": compensation.fee})


@router.get("/contracts/{pk}/decisions", response={200: list[DecisionOut], **ERRORS}, auth=ANYONE)
@permitted(None, load=contract_by_pk)
def list_decisions(request, pk: int):
    return [decision_out(request.user, decision) for decision in selectors.decisions_of(target(request))]


@router.post("/contracts/{pk}/decisions", response={201: DecisionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.decide", load=contract_by_pk, of=procurement_of)
def record_decision(request, pk: int, payload: DecisionIn):
    contract = target(request)
    data = validated(DecisionForm, payload.dict(), contract=contract)
    return Status(201, decision_out(request.user, services.record_decision(request.user, contract, data)))


@router.post("/decisions/{pk}/positions", response={201: PositionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.decide", load=decision_by_pk, of=procurement_of)
def record_position(request, pk: int, payload: PositionIn):
    decision = target(request)
    data = validated(PositionForm, payload.dict(), decision=decision)
    return Status(201, position_out(services.record_position(request.user, decision, data)))
