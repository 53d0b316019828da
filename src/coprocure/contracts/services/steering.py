"""The steering group: members, meetings and their fees, decisions and members' positions."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require, require_accountable
from coprocure.domain import steering
from coprocure.domain.errors import DomainError

from ..models import Compensation, Contract, Decision, Meeting, MemberPosition, SteeringMember
from ._common import refuse


@transaction.atomic
def add_member(actor: User, contract: Contract, data: dict) -> SteeringMember:
    require(actor, "contracts.manage", contract.procurement)
    deputy_for = data.get("deputy_for")
    if deputy_for is not None and deputy_for.contract_id != contract.pk:
        raise refuse(DomainError("member_deputy_other_contract", "deputy_for"))
    member = SteeringMember.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.member_add", contract, None,
                 {"member": member.name, "role": member.role, "term_starts": member.term_starts,
                  "term_ends": member.term_ends, "deputy_for": member.deputy_for_id})
    return member


@transaction.atomic
def schedule_meeting(actor: User, contract: Contract, data: dict) -> Meeting:
    require(actor, "contracts.manage", contract.procurement)
    meeting = Meeting.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.meeting_schedule", meeting, None,
                 {"starts_at": meeting.starts_at, "agenda": meeting.agenda})
    return meeting


@transaction.atomic
def publish_agenda(actor: User, meeting: Meeting, now=None) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("contract__procurement").get(pk=meeting.pk)
    require(actor, "contracts.manage", meeting.contract.procurement)
    now = now or timezone.now()
    if meeting.agenda_published_at is not None:
        raise refuse(DomainError("agenda_already_published", "agenda"), status=409)
    try:
        steering.check_agenda_publishable(meeting.starts_at, now)
    except DomainError as error:
        raise refuse(error, status=409) from None
    meeting.agenda_published_at = now
    meeting.save(update_fields=["agenda_published_at"])
    audit.record(actor, "contracts.agenda_publish", meeting, None, {"published_at": now})
    return meeting


@transaction.atomic
def record_minutes(actor: User, meeting: Meeting, data: dict) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("contract__procurement").get(pk=meeting.pk)
    require(actor, "contracts.manage", meeting.contract.procurement)
    attendees = list(data.get("attendees", []))
    if any(member.contract_id != meeting.contract_id for member in attendees):
        raise refuse(DomainError("member_other_contract", "attendees"))
    before = {"minutes": meeting.minutes, "attendees": sorted(meeting.attendees.values_list("pk", flat=True))}
    meeting.minutes = data["minutes"]
    meeting.save(update_fields=["minutes"])
    meeting.attendees.set(attendees)
    audit.record(actor, "contracts.minutes_record", meeting, before,
                 {"minutes": meeting.minutes, "attendees": sorted(member.pk for member in attendees)})
    return meeting


@transaction.atomic
def record_compensation(actor: User, meeting: Meeting, data: dict) -> Compensation:
    require(actor, "contracts.manage", meeting.contract.procurement)
    member = data["member"]
    if member.contract_id != meeting.contract_id:
        raise refuse(DomainError("member_other_contract", "member"))
    try:
        steering.check_compensation(member.role, meeting.attendees.filter(pk=member.pk).exists())
    except DomainError as error:
        raise refuse(error) from None
    compensation, _created = Compensation.objects.update_or_create(
        meeting=meeting, member=member, defaults={"hours": data["hours"], "fee": data["fee"]},
    )
    audit.record(actor, "contracts.compensation_record", meeting, None,
                 {"member": member.pk, "hours": compensation.hours, "fee": compensation.fee})
    return compensation


def check_accountable(official: User | None, contract: Contract) -> None:
    if official is None:
        raise refuse(DomainError("accountable_required", "accountable_official"))
    require_accountable(official, contract.procurement.authority_id)


def _decision_snapshot(decision: Decision) -> dict:
    return {"number": decision.number, "title": decision.title, "decided": decision.decided,
            "reasoning": decision.reasoning, "proposed_by": decision.proposed_by,
            "proposer_role": decision.proposer_role, "accountable_official": decision.accountable_official_id,
            "decided_on": decision.decided_on, "is_confidential": decision.is_confidential,
            "confidentiality_reason": decision.confidentiality_reason}


@transaction.atomic
def record_decision(actor: User, contract: Contract, data: dict) -> Decision:
    """Record a decision with the official accountable for it; nobody else can carry it."""
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    require(actor, "contracts.decide", contract.procurement)
    check_accountable(data.get("accountable_official"), contract)
    try:
        steering.check_confidentiality(data.get("is_confidential", False), data.get("confidentiality_reason", ""))
    except DomainError as error:
        raise refuse(error) from None
    meeting = data.get("meeting")
    if meeting is not None and meeting.contract_id != contract.pk:
        raise refuse(DomainError("meeting_other_contract", "meeting"))
    number = (contract.decisions.aggregate(last=Max("number"))["last"] or 0) + 1
    decision = Decision.objects.create(contract=contract, number=number, recorded_by=actor, **data)
    audit.record(actor, "contracts.decision_record", decision, None, _decision_snapshot(decision))
    return decision


@transaction.atomic
def record_position(actor: User, decision: Decision, data: dict) -> MemberPosition:
    """Record, or correct, one member's position on a decision with their view in their own words."""
    decision = Decision.objects.select_for_update().select_related("contract__procurement").get(pk=decision.pk)
    require(actor, "contracts.decide", decision.contract.procurement)
    member = data["member"]
    if member.contract_id != decision.contract_id:
        raise refuse(DomainError("member_other_contract", "member"))
    view = data.get("view", "").strip()
    try:
        steering.check_position(data["position"], view)
    except DomainError as error:
        raise refuse(error) from None
    existing = decision.positions.filter(member=member).first()
    before = {"member": member.pk, "position": existing.position, "view": existing.view} if existing else None
    position, _created = MemberPosition.objects.update_or_create(
        decision=decision, member=member, defaults={"position": data["position"], "view": view, "recorded_by": actor},
    )
    audit.record(actor, "contracts.position_record", decision, before,
                 {"member": member.pk, "position": position.position, "view": position.view})
    return position
