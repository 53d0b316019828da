"""The only code that writes contract-period data. Each function checks the actor's
permission, applies the domain rules, runs in one transaction and is audited."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import Procurement, User
from coprocure.core.services import as_person, require
from coprocure.domain import roles, steering
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from .models import Amendment, Compensation, Contract, ContractDocument, Decision, Meeting, Party, PartyRole, SteeringMember


def _refuse(error: DomainError, status: int = 422) -> ServiceError:
    return ServiceError.from_domain(error, status)


def _contract_snapshot(contract: Contract) -> dict:
    return {"kind": contract.kind, "title": contract.title, "starts_on": contract.starts_on,
            "ends_on": contract.ends_on, "version": contract.version}


@transaction.atomic
def create_contract(actor: User, procurement: Procurement, data: dict) -> Contract:
    """The contracting authority becomes the first party; providers are added next."""
    require(actor, "contracts.manage", procurement)
    if procurement.phase != "contract":
        raise _refuse(DomainError("contract_needs_contract_phase"), status=409)
    contract = Contract.objects.create(procurement=procurement, **data)
    Party.objects.create(contract=contract, organisation=procurement.authority, name=procurement.authority.name,
                         role=PartyRole.AUTHORITY)
    audit.record(actor, "contracts.contract_create", contract, None, _contract_snapshot(contract))
    return contract


@transaction.atomic
def add_party(actor: User, contract: Contract, data: dict) -> Party:
    require(actor, "contracts.manage", contract.procurement)
    organisation = data.get("organisation")
    if organisation is not None and contract.parties.filter(organisation=organisation).exists():
        raise _refuse(DomainError("party_duplicate", "organisation"), status=409)
    if data.get("role") == PartyRole.AUTHORITY:
        raise _refuse(DomainError("party_second_authority", "role"))
    party = Party.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.party_add", contract, None,
                 {"party": party.name, "organisation": party.organisation_id, "role": party.role})
    return party


@transaction.atomic
def add_document(actor: User, contract: Contract, data: dict) -> ContractDocument:
    require(actor, "contracts.manage", contract.procurement)
    document = ContractDocument.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.document_add", contract, None, {"title": document.title, "url": document.url})
    return document


@transaction.atomic
def amend_contract(actor: User, contract: Contract, data: dict) -> Amendment:
    """A new version of the contract, approved by a recorded decision of this contract."""
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    require(actor, "contracts.manage", contract.procurement)
    decision = data["decision"]
    if decision.contract_id != contract.pk:
        raise _refuse(DomainError("amendment_decision_other_contract", "decision"))
    try:
        steering.check_new_end(contract.starts_on, data.get("new_ends_on"))
    except DomainError as error:
        raise _refuse(error) from None
    before = _contract_snapshot(contract)
    contract.version += 1
    if data.get("new_ends_on"):
        contract.ends_on = data["new_ends_on"]
    contract.save(update_fields=["version", "ends_on", "updated_at"])
    amendment = Amendment.objects.create(contract=contract, version=contract.version, created_by=actor, **data)
    audit.record(actor, "contracts.amend", contract, before,
                 {**_contract_snapshot(contract), "reason": amendment.reason, "decision": decision.pk})
    return amendment


@transaction.atomic
def add_member(actor: User, contract: Contract, data: dict) -> SteeringMember:
    require(actor, "contracts.manage", contract.procurement)
    deputy_for = data.get("deputy_for")
    if deputy_for is not None and deputy_for.contract_id != contract.pk:
        raise _refuse(DomainError("member_deputy_other_contract", "deputy_for"))
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
        raise _refuse(DomainError("agenda_already_published", "agenda"), status=409)
    try:
        steering.check_agenda_publishable(meeting.starts_at, now)
    except DomainError as error:
        raise _refuse(error, status=409) from None
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
        raise _refuse(DomainError("member_other_contract", "attendees"))
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
        raise _refuse(DomainError("member_other_contract", "member"))
    try:
        steering.check_compensation(member.role, meeting.attendees.filter(pk=member.pk).exists())
    except DomainError as error:
        raise _refuse(error) from None
    compensation, _created = Compensation.objects.update_or_create(
        meeting=meeting, member=member, defaults={"hours": data["hours"], "fee": data["fee"]},
    )
    audit.record(actor, "contracts.compensation_record", meeting, None,
                 {"member": member.pk, "hours": compensation.hours, "fee": compensation.fee})
    return compensation


def check_accountable(official: User | None, contract: Contract) -> None:
    if official is None:
        raise _refuse(DomainError("accountable_required", "accountable_official"))
    try:
        roles.check_accountable(as_person(official), contract.procurement.authority_id)
    except DomainError as error:
        raise _refuse(error) from None


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
        raise _refuse(error) from None
    meeting = data.get("meeting")
    if meeting is not None and meeting.contract_id != contract.pk:
        raise _refuse(DomainError("meeting_other_contract", "meeting"))
    number = (contract.decisions.aggregate(last=Max("number"))["last"] or 0) + 1
    decision = Decision.objects.create(contract=contract, number=number, recorded_by=actor, **data)
    audit.record(actor, "contracts.decision_record", decision, None, _decision_snapshot(decision))
    return decision
