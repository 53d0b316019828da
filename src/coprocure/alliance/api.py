"""/api/v1 endpoints for alliance settlements: the same forms and services as the web UI."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.schemas import ERRORS
from coprocure.errors import ServiceError

from . import selectors, services
from .forms import SPLIT_PREFIX, CostDecisionForm, CostLineForm, PeriodForm

router = Router(tags=["alliance"])


class PeriodIn(Schema):
    label: str = ""
    starts_on: str = ""
    ends_on: str = ""
    target_cost: str = ""
    fee_kind: str = ""
    fee_amount: str = ""
    gain_share: str = ""
    pain_share: str = ""
    gain_cap: str | None = None
    pain_cap: str | None = None
    kra_bonus_pool: str = ""
    kra_sanction_pool: str = ""
    split: dict[str, str] = {}  # provider party id -> percent


class PeriodOut(Schema):
    id: int
    label: str


class CostLineIn(Schema):
    amount: Decimal | None = None
    category: str = ""
    evidence: str = ""


class CostDecisionIn(Schema):
    approve: str = ""
    reason: str = ""


class CostLineOut(Schema):
    id: int
    amount: Decimal
    category: str
    evidence: str
    status: str
    reason: str


class StatementOut(Schema):
    id: int
    period: str
    payment: str

    @staticmethod
    def resolve_period(obj):
        return obj.period.label

    @staticmethod
    def resolve_payment(obj):
        return obj.document["payment"]


def _with(request, period, permission):
    if not request.user.has_perm(permission, period.contract):
        raise PermissionDenied(permission)
    return period


@router.get("/contracts/{pk}/settlements/{label}", response={200: dict[str, Any], **ERRORS}, auth=ANYONE)
def get_settlement(request, pk: int, label: str):
    """The approved statement as published, or the current draft computation (status "draft")."""
    return selectors.published(selectors.visible_period_by_label(request.user, pk, label))


@router.post("/contracts/{pk}/settlements", response={201: PeriodOut, **ERRORS}, auth=SIGNED_IN)
def create_period(request, pk: int, payload: PeriodIn):
    contract = selectors.visible_alliance(request.user, pk)
    if not request.user.has_perm("alliance.manage", contract):
        raise PermissionDenied("alliance.manage")
    data = payload.dict()
    # The split fields are made per provider party, so the payload is given to the form as is.
    fields = {key: value for key, value in data.items() if key != "split" and value is not None}
    fields.update({f"{SPLIT_PREFIX}{party}": percent for party, percent in data["split"].items()})
    form = PeriodForm(fields, contract=contract)
    if not form.is_valid():
        raise ServiceError.from_form(form)
    return Status(201, services.create_period(request.user, contract, dict(form.cleaned_data)))


@router.post("/settlements/{pk}/cost-lines", response={201: CostLineOut, **ERRORS}, auth=SIGNED_IN)
def report_cost(request, pk: int, payload: CostLineIn):
    period = _with(request, selectors.visible_period(request.user, pk), "alliance.report_costs")
    return Status(201, services.report_cost(request.user, period, validated(CostLineForm, payload.dict())))


@router.post("/cost-lines/{pk}/decision", response={200: CostLineOut, **ERRORS}, auth=SIGNED_IN)
def decide_cost(request, pk: int, payload: CostDecisionIn):
    line = selectors.visible_cost_line(request.user, pk)
    _with(request, line.period, "alliance.approve_costs")
    return services.decide_cost(request.user, line, validated(CostDecisionForm, payload.dict()))


@router.post("/settlements/{pk}/approval", response={201: StatementOut, **ERRORS}, auth=SIGNED_IN)
def approve_statement(request, pk: int):
    period = _with(request, selectors.visible_period(request.user, pk), "alliance.approve_statement")
    return Status(201, services.approve_statement(request.user, period))
