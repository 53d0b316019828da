"""The only code that writes contract-period data. Each function checks the actor's
permission, applies the domain rules, runs in one transaction and is audited."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from coprocure.caching import versions
from coprocure.audit import services as audit
from coprocure.core.models import Procurement, User
from coprocure.core import moderation
from coprocure.core.services import require, require_accountable
from coprocure.domain import complaints
from coprocure.domain import backlog, kra_levels, privacy, spreadsheet, steering, translation
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError, message_for
from coprocure.followup import services as followup
from coprocure.tendering.models import AwardDecision, ComplaintOutcome

from .models import (
    Amendment, Compensation, Contract, ContractDocument, Decision, DevelopmentProposal, Indicator, Kra, Measurement, Meeting,
    Party, PartyRole, SteeringMember,
)


def _refuse(error: DomainError, status: int = 422) -> ServiceError:
    return ServiceError.from_domain(error, status)


def _contract_snapshot(contract: Contract) -> dict:
    return {"kind": contract.kind, "title": contract.title, "starts_on": contract.starts_on,
            "ends_on": contract.ends_on, "version": contract.version}


@transaction.atomic
def create_contract(actor: User, procurement: Procurement, data: dict) -> Contract:
    """The contracting authority becomes the first party; providers are added next."""
    procurement = Procurement.objects.select_for_update().select_related("authority").get(pk=procurement.pk)
    require(actor, "contracts.manage", procurement)
    if procurement.phase != "contract":
        raise _refuse(DomainError("contract_needs_contract_phase"), status=409)
    _check_standstill(procurement)
    contract = Contract.objects.create(procurement=procurement, **data)
    Party.objects.create(contract=contract, organisation=procurement.authority, name=procurement.authority.name,
                         role=PartyRole.AUTHORITY)
    audit.record(actor, "contracts.contract_create", contract, None, _contract_snapshot(contract))
    return contract


def _check_standstill(procurement: Procurement) -> None:
    """After an award, the contract waits for the standstill to end and every complaint to be answered."""
    award = AwardDecision.objects.select_for_update().filter(tender__procurement=procurement).first()
    if award is None:
        return
    pending = award.complaints.filter(outcome=ComplaintOutcome.PENDING).count()
    try:
        complaints.check_can_sign(timezone.localdate(), award.standstill_ends_on, pending)
    except DomainError as error:
        raise _refuse(error, status=409) from None


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
        raise _refuse(error) from None
    meeting = data.get("meeting")
    if meeting is not None and meeting.contract_id != contract.pk:
        raise _refuse(DomainError("meeting_other_contract", "meeting"))
    number = (contract.decisions.aggregate(last=Max("number"))["last"] or 0) + 1
    decision = Decision.objects.create(contract=contract, number=number, recorded_by=actor, **data)
    audit.record(actor, "contracts.decision_record", decision, None, _decision_snapshot(decision))
    return decision


@transaction.atomic
def add_kra(actor: User, contract: Contract, data: dict) -> Kra:
    require(actor, "contracts.manage", contract.procurement)
    data.setdefault("ordering", contract.kras.count() + 1)
    kra = Kra.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.kra_add", kra, None, {"name": kra.name, "weight": kra.weight})
    return kra


def domain_indicator(indicator: Indicator, weight=None) -> kra_levels.Kra:
    def exact(value) -> Decimal:
        return value if isinstance(value, Decimal) else Decimal(str(value))

    return kra_levels.Kra(
        id=indicator.code, weight=exact(weight if weight is not None else indicator.kra.weight),
        direction=kra_levels.Direction(indicator.direction),
        minimum=exact(indicator.minimum), target=exact(indicator.target), excellent=exact(indicator.excellent),
    )


@transaction.atomic
def add_indicator(actor: User, kra: Kra, data: dict) -> Indicator:
    """The minimum, target and excellent levels must run in the indicator's direction."""
    require(actor, "contracts.manage", kra.contract.procurement)
    indicator = Indicator(kra=kra, **data)
    try:
        kra_levels.check_kra(domain_indicator(indicator, weight=kra.weight))
    except DomainError as error:
        raise _refuse(DomainError(error.code, "target", error.params)) from None
    if Indicator.objects.filter(kra__contract=kra.contract_id, code=indicator.code).exists():
        raise _refuse(DomainError("indicator_code_taken", "code"), status=409)
    reporter = indicator.reported_by
    if reporter is not None and reporter.contract_id != kra.contract_id:
        raise _refuse(DomainError("party_other_contract", "reported_by"))
    indicator.save()
    audit.record(actor, "contracts.indicator_add", indicator, None,
                 {"code": indicator.code, "unit": indicator.unit, "direction": indicator.direction,
                  "minimum": indicator.minimum, "target": indicator.target, "excellent": indicator.excellent})
    return indicator


@transaction.atomic
def submit_proposal(contract: Contract, data: dict, submitter: User | None = None) -> DevelopmentProposal:
    """Store a development proposal. Without a signed-in submitter it is anonymous: no user,
    no session, no address and no audit entry (whose time would identify the moment), only the
    day; the text is redacted before it is stored, since the trail is public."""
    procurement = contract.procurement
    if submitter is not None and not submitter.has_perm("contracts.propose", procurement):
        raise PermissionDenied("contracts.propose")
    if procurement.phase == "closed":
        raise _refuse(DomainError("proposals_closed"), status=409)
    try:
        text = backlog.check_text(data["text"])
    except DomainError as error:
        raise _refuse(error) from None
    text, redacted = privacy.redact(text)
    proposal = DevelopmentProposal.objects.create(
        contract=contract, text=text, redacted=redacted, proposer_kind=data["proposer_kind"],
        submitted_by=submitter, submitted_on=timezone.localdate(),
    )
    if submitter is not None:
        audit.record(submitter, "contracts.proposal_submit", proposal, None, {"text": proposal.text})
    return proposal


@transaction.atomic
def decide_proposal(actor: User, proposal: DevelopmentProposal, data: dict) -> DevelopmentProposal:
    """Move a proposal along the backlog and say publicly what became of it."""
    proposal = DevelopmentProposal.objects.select_for_update().select_related("contract__procurement").get(pk=proposal.pk)
    require(actor, "contracts.manage", proposal.contract.procurement)
    try:
        backlog.check_status(data["status"], bool(translation.normalise(data.get("status_reason"))),
                             bool(translation.normalise(data.get("outcome"))))
    except DomainError as error:
        raise _refuse(error) from None
    kras = list(data.pop("kras", []))
    if any(kra.contract_id != proposal.contract_id for kra in kras):
        raise _refuse(DomainError("kra_other_contract", "kras"))
    before = {"status": proposal.status, "owner": proposal.owner_id}
    for name, value in data.items():
        setattr(proposal, name, value)
    proposal.save()
    proposal.kras.set(kras)
    audit.record(actor, "contracts.proposal_decide", proposal, before,
                 {"status": proposal.status, "owner": proposal.owner_id, "status_reason": proposal.status_reason,
                  "outcome": proposal.outcome, "kras": sorted(kra.pk for kra in kras)})
    followup.proposal_decided(proposal)
    return proposal


@transaction.atomic
def redact_proposal(actor: User, proposal: DevelopmentProposal, data: dict) -> DevelopmentProposal:
    """Hide part of a proposal's public text with a reason. The original stays as it was sent;
    the author, if they signed in with an address, is told what was hidden and why."""
    proposal = DevelopmentProposal.objects.select_for_update(of=("self",)).select_related(
        "contract__procurement", "submitted_by").get(pk=proposal.pk)
    require(actor, "contracts.manage", proposal.contract.procurement)
    redaction = moderation.new_redaction(proposal.text, data, actor)
    proposal.redactions = [*proposal.redactions, redaction]
    proposal.save(update_fields=["redactions"])
    audit.record(actor, "contracts.proposal_redact", proposal, None,
                 {"start": redaction["start"], "end": redaction["end"], "reason": redaction["reason"]})
    author = proposal.submitted_by
    if author is not None and author.email:
        transaction.on_commit(lambda: moderation.tell_author(author, proposal, redaction["reason"],
                                                             reverse("you_said_we_did", args=[proposal.contract_id])))
    return proposal


def indicator_specs(contract: Contract) -> dict[str, spreadsheet.IndicatorSpec]:
    return {
        indicator.code: spreadsheet.IndicatorSpec(indicator.code, indicator.unit, indicator.frequency)
        for indicator in Indicator.objects.filter(kra__contract=contract)
    }


def check_report(contract: Contract, table: list[list]) -> tuple[list[spreadsheet.Row], list[spreadsheet.RowError]]:
    """Every row checked against the contract's indicators, period and earlier reports."""
    existing = frozenset(
        Measurement.objects.filter(indicator__kra__contract=contract).values_list("indicator__code", "period_start")
    )
    return spreadsheet.validate(table, indicator_specs(contract), contract.starts_on, contract.ends_on, existing)


class ReportRejected(ServiceError):
    """Row-level problems in a report; nothing of it was stored."""

    def __init__(self, row_errors: list[spreadsheet.RowError]):
        errors: dict[str | None, list[tuple[str, str]]] = {}
        for problem in row_errors:
            errors.setdefault(f"rows.{problem.row}.{problem.field}", []).append(
                (problem.code, message_for(problem.code, problem.params)))
        super().__init__(errors, status=422)
        self.row_errors = row_errors


@transaction.atomic
def report_measurements(actor: User, contract: Contract, table: list[list], source: str) -> list[Measurement]:
    """Store a provider's report, all rows or none."""
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    require(actor, "contracts.report", contract)
    rows, errors = check_report(contract, table)
    if errors:
        raise ReportRejected(errors)
    indicators = {indicator.code: indicator for indicator in Indicator.objects.filter(kra__contract=contract)}
    try:
        with transaction.atomic():
            stored = Measurement.objects.bulk_create([
                Measurement(indicator=indicators[row.indicator], period_start=row.period.start,
                            period_end=row.period.end, value=row.value, source=source, reported_by=actor)
                for row in rows
            ])
    except IntegrityError:
        # Another report for the same period landed between the check and the insert.
        raise _refuse(DomainError("upload_duplicate_period", "period"), status=409) from None
    # A bulk insert sends no signals: the outcome dashboard's cached copies are made stale here.
    versions.procurement_changed(contract.procurement_id)
    audit.record(actor, "contracts.report", contract, None, {
        "source": source, "rows": [[row.indicator, row.period.start.isoformat(), str(row.value)] for row in rows],
    })
    return stored
