"""/api/v1 endpoints for alliance settlements: the same forms and services as the web UI. Each
endpoint declares its permission with ``coprocure.api.permissions.permitted``; every alliance
permission is asked of the contract."""

from __future__ import annotations

from typing import Any

from ninja import Router
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.errors import ServiceError

from . import selectors, services
from .forms import SPLIT_PREFIX, CostDecisionForm, CostLineForm, PeriodForm
from .schemas import CostDecisionIn, CostLineIn, CostLineOut, PeriodIn, PeriodOut, StatementOut

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
    return Status(201, services.report_cost(request.user, target(request), validated(CostLineForm, payload.dict())))


@router.post("/cost-lines/{pk}/decision", response={200: CostLineOut, **ERRORS}, auth=SIGNED_IN)
@permitted("alliance.approve_costs", load=by_pk(selectors.visible_cost_line), of=lambda line: line.period.contract)
def decide_cost(request, pk: int, payload: CostDecisionIn):
    return services.decide_cost(request.user, target(request), validated(CostDecisionForm, payload.dict()))


@router.post("/settlements/{pk}/approval", response={201: StatementOut, **ERRORS}, auth=SIGNED_IN)
@permitted("alliance.approve_statement", load=period_by_pk, of=contract_of)
def approve_statement(request, pk: int):
    return Status(201, services.approve_statement(request.user, target(request)))
