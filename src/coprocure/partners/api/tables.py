"""Partnership tables: the agenda and minutes, who takes part, and the action points agreed."""

from __future__ import annotations

from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from .. import selectors, services
from ..forms import ActionPointDoneForm, ActionPointForm, InviteForm, TableForm
from ..schemas import ActionPointDoneIn, ActionPointIn, ActionPointOut, InviteIn, TableIn, TableOut
from . import router
from ._common import action_point_by_pk, table_activity_by_pk


def _procurement(activity):
    return activity.procurement


def _table(activity):
    """The activity's table, or 409 until its agenda is written."""
    table = selectors.table_of(activity)
    if table is None:
        raise ServiceError.from_domain(DomainError("table_missing", None), status=409)
    return table


@router.get("/activities/{pk}/table", response={200: TableOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=table_activity_by_pk)
def get_table(request, pk: int):
    """The partnership table's agenda, who takes part, minutes and action points."""
    return _table(target(request))


@router.put("/activities/{pk}/table", response={200: TableOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.manage_table", load=table_activity_by_pk, of=_procurement)
def put_table(request, pk: int, payload: TableIn):
    activity = target(request)
    table = selectors.table_of(activity)
    services.save_table(request.user, activity, validated(TableForm, payload.dict(), instance=table))
    return selectors.table_of(activity)


@router.post("/activities/{pk}/table/invitations", response={201: TableOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.manage_table", load=table_activity_by_pk, of=_procurement)
def invite_to_table(request, pk: int, payload: InviteIn):
    activity = target(request)
    services.invite_to_table(request.user, _table(activity), validated(InviteForm, payload.dict())["business_id"])
    return Status(201, _table(activity))


@router.post("/activities/{pk}/table/invite-matching", response={201: TableOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.manage_table", load=table_activity_by_pk, of=_procurement)
def invite_matching_providers(request, pk: int):
    """Invite every registered provider whose services match the procurement's service area
    in the authority's home municipality."""
    activity = target(request)
    services.invite_matching_providers(request.user, _table(activity))
    return Status(201, _table(activity))


@router.post("/activities/{pk}/table/sign-up", response={201: TableOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.sign_up_for_table", load=table_activity_by_pk, of=_procurement)
def sign_up_for_table(request, pk: int):
    """The caller's own organisation signs up."""
    activity = target(request)
    services.sign_up_for_table(request.user, _table(activity))
    return Status(201, _table(activity))


@router.post("/activities/{pk}/table/action-points", response={201: ActionPointOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.manage_table", load=table_activity_by_pk, of=_procurement)
def add_action_point(request, pk: int, payload: ActionPointIn):
    table = _table(target(request))
    return Status(201, services.add_action_point(request.user, table, validated(ActionPointForm, payload.dict())))


@router.put("/action-points/{pk}", response={200: ActionPointOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.manage_table", load=action_point_by_pk, of=lambda point: point.table.activity.procurement)
def set_action_point_done(request, pk: int, payload: ActionPointDoneIn):
    done = validated(ActionPointDoneForm, payload.dict())["done"]
    return services.set_action_point_done(request.user, target(request), done)
