"""The only code that writes alliance settlement data. Each function checks the actor's
permission, applies the settlement rules, runs in one transaction and is audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.contracts import services as contracts
from coprocure.contracts.models import Contract, PartyRole
from coprocure.contracts.selectors import settlement_kras
from coprocure.core.models import User
from coprocure.core.services import require, require_accountable
from coprocure.domain import alliance as rules
from coprocure.domain import development, settlement
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError, fail

from . import selectors
from .models import (
    AuditReport, Auditor, CostCategory, CostLine, CostStatus, DevelopmentPhase, LeadershipDecision, Matter, PartyPosition, ProviderSplit,
    SettlementPeriod, Statement,
)


def _period_snapshot(period: SettlementPeriod) -> dict:
    return {name: getattr(period, name) for name in (
        "label", "starts_on", "ends_on", "target_cost", "fee_kind", "fee_amount", "gain_share", "pain_share", "gain_cap",
        "pain_cap", "kra_bonus_pool", "kra_sanction_pool", "missing_kra", "downside_beyond_fee")}


@transaction.atomic
def create_period(actor: User, contract: Contract, data: dict) -> SettlementPeriod:
    """A period with its commercial model; the settlement rules check the terms before anything is stored."""
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    require(actor, "alliance.manage", contract)
    if contract.kind != "alliance":
        raise fail("settlement_needs_alliance", status=409)
    phase = DevelopmentPhase.objects.filter(contract=contract).first()
    try:
        development.check_service_phase(phase is not None and phase.frozen_at is not None)
        data = {**data, "target_cost": development.period_target_cost(phase.target_cost, data.get("target_cost"))}
    except DomainError as error:
        raise ServiceError.from_domain(error, status=409 if error.field is None else 422) from None
    split = data.pop("split")
    if any(party.contract_id != contract.pk or party.role == PartyRole.AUTHORITY for party in split):
        raise fail("party_other_contract", "split")
    if contract.settlement_periods.filter(label=data["label"]).exists():
        raise fail("settlement_period_taken", "label", status=409)
    period = SettlementPeriod(contract=contract, **data)
    model = settlement.CommercialModel(
        target_cost=period.target_cost, fee=settlement.Fee(period.fee_kind, period.fee_amount),
        gain_share=period.gain_share, pain_share=period.pain_share, gain_cap=period.gain_cap, pain_cap=period.pain_cap,
        kra_bonus_pool=period.kra_bonus_pool, kra_sanction_pool=period.kra_sanction_pool,
        missing_kra=settlement.MissingValue(period.missing_kra), downside_beyond_fee=period.downside_beyond_fee,
        kras=tuple(domain_kra for _kra, domain_kra in settlement_kras(contract)),
        split=tuple(settlement.ProviderShare(str(party.pk), percent) for party, percent in split.items()),
    )
    try:
        settlement.settle(model, settlement.Period(period.label, ()))
    except DomainError as error:
        raise ServiceError.from_domain(error) from None
    period.save()
    ProviderSplit.objects.bulk_create(ProviderSplit(period=period, party=party, percent=percent)
                                      for party, percent in split.items())
    audit.record(actor, "alliance.period_create", contract, None,
                 {**_period_snapshot(period), "split": {party.name: percent for party, percent in split.items()}})
    return period


def _lock_open_period(period: SettlementPeriod) -> SettlementPeriod:
    period = SettlementPeriod.objects.select_for_update().select_related("contract__procurement").get(pk=period.pk)
    if period.statements.exists():
        raise fail("settlement_period_closed", status=409)
    return period


@transaction.atomic
def report_cost(actor: User, period: SettlementPeriod, data: dict) -> CostLine:
    """A provider's cost line; it counts only once the authority's staff approve it."""
    period = SettlementPeriod.objects.select_related("contract__procurement").get(pk=period.pk)
    require(actor, "alliance.report_costs", period.contract)
    period = _lock_open_period(period)
    party = period.contract.parties.exclude(role=PartyRole.AUTHORITY).get(organisation_id=actor.organisation_id)
    try:
        rules.check_cost_category(data.get("category", ""),
                                  period.contract.cost_categories.values_list("name", flat=True))
    except DomainError as error:
        raise ServiceError.from_domain(error) from None
    line = CostLine.objects.create(period=period, party=party, reported_by=actor, **data)
    audit.record(actor, "alliance.cost_report", line, None,
                 {"period": period.label, "party": party.name, "amount": line.amount, "category": line.category,
                  "evidence": line.evidence})
    return line


@transaction.atomic
def decide_cost(actor: User, line: CostLine, data: dict) -> CostLine:
    """Approve or reject a cost line, with a reason that the provider and the audit trail keep."""
    line = CostLine.objects.select_for_update().select_related("period__contract__procurement").get(pk=line.pk)
    require(actor, "alliance.approve_costs", line.period.contract)
    _lock_open_period(line.period)
    if not data["reason"].strip():
        raise fail("cost_reason_required", "reason")
    before = {"status": line.status, "reason": line.reason}
    line.status = CostStatus.APPROVED if data["approve"] else CostStatus.REJECTED
    line.reason = data["reason"].strip()
    line.decided_by, line.decided_at = actor, timezone.now()
    line.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit.record(actor, "alliance.cost_decide", line, before, {"status": line.status, "reason": line.reason})
    return line


@transaction.atomic
def approve_statement(actor: User, period: SettlementPeriod) -> Statement:
    """Freeze the period's settlement as computed now. A period already settled gets a new
    statement only when the figures changed, linked to the one it corrects."""
    period = SettlementPeriod.objects.select_for_update().select_related("contract__procurement").get(pk=period.pk)
    require(actor, "alliance.approve_statement", period.contract)
    require_accountable(actor, period.contract.procurement.authority_id, field=None, status=403)
    if period.cost_lines.filter(status=CostStatus.REPORTED).exists():
        raise fail("settlement_costs_pending", status=409)
    try:
        rules.check_audited(period.audit_reports.count())
    except DomainError as error:
        raise ServiceError.from_domain(error, status=409) from None
    period = selectors.period_page(period.pk)
    try:
        document = settlement.to_json_dict(selectors.draft(period).settle())
    except DomainError as error:
        raise ServiceError.from_domain(error, status=409) from None
    previous = selectors.latest_statement(period)
    if previous is not None and previous.document == document:
        raise fail("settlement_unchanged", status=409)
    statement = Statement.objects.create(period=period, document=document, replaces=previous, approved_by=actor)
    audit.record(actor, "alliance.statement_approve", statement, None,
                 {"period": period.label, "payment": document["payment"], "replaces": previous and previous.pk})
    return statement


# The alliance as a body: its leadership group, the agreed cost categories and the auditor.

@transaction.atomic
def record_leadership_decision(actor: User, contract: Contract, data: dict) -> LeadershipDecision:
    """A leadership-group decision: every party's position, unanimity on commercial matters, and
    the contract's decision with its accountable official, who stays accountable. Nothing is
    stored unless all of it holds."""
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    require(actor, "alliance.decide", contract)
    if contract.kind != "alliance":
        raise fail("settlement_needs_alliance", status=409)
    data = dict(data)
    matter, positions = data.pop("matter"), data.pop("positions")
    text = data.pop("categories", "") or ""
    parties = {str(party.pk): party for party in contract.parties.all()}
    if any(str(party.pk) not in parties for party in positions):
        raise fail("party_other_contract", "matter")
    try:
        rules.check_leadership(matter, parties, {str(party.pk): given["stance"] for party, given in positions.items()})
        categories = rules.parse_categories(text)
    except DomainError as error:
        raise ServiceError.from_domain(error) from None
    if matter == Matter.COST_CATEGORIES and not categories:
        raise fail("cost_categories_required", "categories")
    if matter != Matter.COST_CATEGORIES and categories:
        raise fail("cost_categories_other_matter", "categories")
    taken = set(contract.cost_categories.filter(name__in=categories).values_list("name", flat=True))
    if taken:
        raise fail("cost_category_taken", "categories", status=409, name=sorted(taken)[0])
    decision = contracts.record_decision(actor, contract, data)
    leadership = LeadershipDecision.objects.create(decision=decision, contract=contract, matter=matter)
    PartyPosition.objects.bulk_create(
        PartyPosition(leadership=leadership, party=party, stance=given["stance"],
                      representative=given["representative"].strip(), view=given["view"].strip())
        for party, given in positions.items())
    CostCategory.objects.bulk_create(CostCategory(contract=contract, name=name, leadership=leadership)
                                     for name in categories)
    audit.record(actor, "alliance.leadership_decide", decision, None, {
        "matter": matter, "categories": categories,
        "positions": {party.name: given["stance"] for party, given in positions.items()}})
    return leadership


@transaction.atomic
def appoint_auditor(actor: User, contract: Contract, data: dict) -> Auditor:
    """The auditor reads the costs open-book; someone working for a provider party cannot audit them."""
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    require(actor, "alliance.manage", contract)
    if contract.kind != "alliance":
        raise fail("settlement_needs_alliance", status=409)
    user = data["user"]
    providers = contract.parties.exclude(role=PartyRole.AUTHORITY).values_list("organisation_id", flat=True)
    if user.organisation_id is not None and user.organisation_id in set(providers):
        raise fail("auditor_not_independent", "user")
    if contract.auditors.filter(user=user).exists():
        raise fail("auditor_already_appointed", "user", status=409)
    auditor = Auditor.objects.create(contract=contract, user=user, appointed_by=actor)
    audit.record(actor, "alliance.auditor_appoint", contract, None, {"auditor": user.pk})
    return auditor


@transaction.atomic
def issue_audit_report(actor: User, period: SettlementPeriod, data: dict) -> AuditReport:
    """The auditor's report on the period's costs; the statement cannot be approved before one exists."""
    period = SettlementPeriod.objects.select_for_update().select_related("contract__procurement").get(pk=period.pk)
    require(actor, "alliance.audit", period.contract)
    if not data.get("findings", "").strip():
        raise fail("audit_findings_required", "findings")
    report = AuditReport.objects.create(period=period, auditor=actor, opinion=data["opinion"],
                                        findings=data["findings"].strip(), audited_cost=data["audited_cost"])
    audit.record(actor, "alliance.audit_report", report, None, {
        "period": period.label, "opinion": report.opinion, "audited_cost": report.audited_cost})
    return report
