"""/api/v1 endpoints for alliance settlements: the same forms and services as the web UI. Each
endpoint declares its permission with ``coprocure.api.permissions.permitted``; every alliance
permission is asked of the contract."""

from __future__ import annotations

from typing import Any

from ninja import Router
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import form_data, validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core import visibility
from coprocure.errors import ServiceError

from . import selectors, services
from .forms import (
    POSITION_PREFIX, REPRESENTATIVE_PREFIX, SPLIT_PREFIX, VIEW_PREFIX, AuditorForm, AuditReportForm, CostDecisionForm,
    CostLineForm, LeadershipDecisionForm, PeriodForm,
)
from .schemas import (
    AuditorIn, AuditorOut, AuditReportIn, AuditReportOut, CostDecisionIn, CostLineIn, CostLineOut, LeadershipDecisionIn,
    PeriodIn, PeriodOut, StatementOut,
)

router = Router(tags=["alliance"])

period_by_pk = by_pk(selectors.visible_period)


def period_by_label(request, **path):
    return selectors.visible_period_by_label(request.user, int(path["pk"]), path["label"])


period_by_label.path_parameter = "pk"


def contract_of(record):
    return record.contract



@router.get("/contracts/{pk}/settlements/{label}", response={200: dict[str, Any], **ERRORS}, auth=ANYONE)
@permitted(None, load=period_by_label)
def get_settlement(request, pk: int, label: str):
    """The approved statement as published, or the current draft computation (status "draft")."""
    return selectors.published(target(request))


@router.post("/contracts/{pk}/settlements", response={201: PeriodOut, **ERRORS}, auth=SIGNED_IN)
@permitted("alliance.manage", load=by_pk(selectors.visible_alliance))
def create_period(request, pk: int, payload: PeriodIn):
    contract = target(request)
    data = payload.dict()
    # The form has one split field per provider party, made for this contract: the form is
    # given the payload as is instead of through ``validated``, which reads the declared fields.
    fields = {key: value for key, value in data.items() if key != "split" and value is not None}
    fields.update({f"{SPLIT_PREFIX}{party}": percent for party, percent in data["split"].items()})
    form = PeriodForm(fields, contract=contract)
    if not form.is_valid():
        raise ServiceError.from_form(form)
    return Status(201, services.create_period(request.user, contract, dict(form.cleaned_data)))


@router.post("/settlements/{pk}/cost-lines", response={201: CostLineOut, **ERRORS}, auth=SIGNED_IN)
@permitted("alliance.report_costs", load=period_by_pk, of=contract_of)
def report_cost(request, pk: int, payload: CostLineIn):
    period = target(request)
    data = validated(CostLineForm, payload.dict(), contract=period.contract)
    return Status(201, services.report_cost(request.user, period, data))


@router.post("/cost-lines/{pk}/decision", response={200: CostLineOut, **ERRORS}, auth=SIGNED_IN)
@permitted("alliance.approve_costs", load=by_pk(selectors.visible_cost_line), of=lambda line: line.period.contract)
def decide_cost(request, pk: int, payload: CostDecisionIn):
    return services.decide_cost(request.user, target(request), validated(CostDecisionForm, payload.dict()))


@router.post("/settlements/{pk}/approval", response={201: StatementOut, **ERRORS}, auth=SIGNED_IN)
@permitted("alliance.approve_statement", load=period_by_pk, of=contract_of)
def approve_statement(request, pk: int):
    return Status(201, services.approve_statement(request.user, target(request)))


# The alliance as a body: leadership-group decisions, agreed cost categories, the auditor, the open book.

def leadership_out(user, item) -> dict:
    readable = visibility.may_show(user, item.decision, "decided")
    return {"decision": item.decision_id, "number": item.decision.number, "matter": item.matter,
            "decided_on": item.decision.decided_on, "accountable_official": item.decision.accountable_official_id,
            "categories": [category.name for category in item.categories.all()],
            "positions": [{"party": position.party_id, "name": position.party.name, "position": position.stance,
                           "representative": position.representative, "view": position.view}
                          for position in item.positions.all()] if readable else []}


@router.get("/contracts/{pk}/alliance-leadership", response={200: dict[str, Any], **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(selectors.visible_alliance))
def get_leadership(request, pk: int):
    """The leadership group: its parties, decisions with each party's position, the agreed cost categories."""
    contract = target(request)
    return {"parties": [{"id": party.pk, "name": party.name, "role": party.role} for party in contract.parties.all()],
            "decisions": [leadership_out(request.user, item) for item in selectors.leadership_of(contract)],
            "cost_categories": list(contract.cost_categories.values_list("name", flat=True))}


@router.post("/contracts/{pk}/alliance-leadership/decisions", response={201: dict[str, Any], **ERRORS},
             auth=SIGNED_IN)
@permitted("alliance.decide", load=by_pk(selectors.visible_alliance))
def record_leadership_decision(request, pk: int, payload: LeadershipDecisionIn):
    contract = target(request)
    body = payload.dict()
    positions = body.pop("positions")
    data = form_data(LeadershipDecisionForm, body)
    # One position, representative and view field per party, made for this contract.
    for given in positions:
        data[f"{POSITION_PREFIX}{given['party']}"] = given["position"]
        data[f"{REPRESENTATIVE_PREFIX}{given['party']}"] = given["representative"]
        data[f"{VIEW_PREFIX}{given['party']}"] = given["view"]
    form = LeadershipDecisionForm(data, contract=contract)
    if not form.is_valid():
        raise ServiceError.from_form(form)
    item = services.record_leadership_decision(request.user, contract, dict(form.cleaned_data))
    return Status(201, leadership_out(request.user, selectors.leadership_of(contract).get(pk=item.pk)))


@router.post("/contracts/{pk}/auditors", response={201: AuditorOut, **ERRORS}, auth=SIGNED_IN)
@permitted("alliance.manage", load=by_pk(selectors.visible_alliance))
def appoint_auditor(request, pk: int, payload: AuditorIn):
    return Status(201, services.appoint_auditor(request.user, target(request), validated(AuditorForm, payload.dict())))


@router.get("/settlements/{pk}/cost-lines", response={200: list[dict[str, Any]], **ERRORS}, auth=SIGNED_IN)
@permitted("alliance.read_costs", load=period_by_pk, of=contract_of)
def open_book(request, pk: int):
    """Open book: every cost line of the period with its evidence and decision (read-only)."""
    lines, _reports = selectors.open_book(target(request))
    return [{"id": line.pk, "party": line.party_id, "amount": str(line.amount), "category": line.category,
             "evidence": line.evidence, "status": line.status, "reason": line.reason,
             "reported_at": line.reported_at.isoformat(), "decided_by": line.decided_by_id,
             "decided_at": line.decided_at and line.decided_at.isoformat()} for line in lines]


@router.post("/settlements/{pk}/audit-reports", response={201: AuditReportOut, **ERRORS}, auth=SIGNED_IN)
@permitted("alliance.audit", load=period_by_pk, of=contract_of)
def issue_audit_report(request, pk: int, payload: AuditReportIn):
    data = validated(AuditReportForm, payload.dict())
    return Status(201, services.issue_audit_report(request.user, target(request), data))


# The development phase's endpoints register themselves on this router.
from . import api_development  # noqa: E402

__all__ = ["api_development", "router"]
