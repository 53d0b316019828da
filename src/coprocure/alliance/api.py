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

from . import selectors, services
from .forms import CostDecisionForm, CostLineForm

router = Router(tags=["alliance"])


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
