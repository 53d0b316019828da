"""/api/v1 for the end of the competition: the invitation to submit final tenders and the decision
to award on the initial bids. The same services and forms as the pages."""

from __future__ import annotations

import json
from datetime import datetime

from django.http import Http404
from ninja import Router, Schema

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS

from . import selectors, services
from .forms import FinalInvitationForm, InitialBidsAwardForm
from .api_common import procurement_of
from .services._common import fail

router = Router(tags=["procedures"])
stage_by_pk = by_pk(selectors.visible_stage)
round_by_stage = by_pk(selectors.visible_round)


class FinalInvitationIn(Schema):
    message: str


class FinalInvitationOut(Schema):
    stage: int
    issued_at: datetime
    message: str
    invited_count: int
    invited: list[str] | None


class InitialBidsAwardIn(Schema):
    reason: str


class InitialBidsAwardOut(Schema):
    stage: int
    published_at: datetime
    reason: str
    skipped_stages: list[int]


def _invitation(request, stage) -> dict:
    invitation = selectors.final_invitation_of(stage)
    if invitation is None:
        raise Http404
    names = [o.name for o in invitation.invited.all()]
    shown = selectors.selection_shown_in_full(request.user, stage.procurement)
    return {"stage": stage.pk, "issued_at": invitation.issued_at, "message": invitation.message,
            "invited_count": len(names), "invited": sorted(names) if shown else None}


@router.post("/stages/{pk}/final-invitation", response={201: FinalInvitationOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.invite_final", load=stage_by_pk, of=procurement_of)
def invite_final_tenders(request, pk: int, payload: FinalInvitationIn):
    # A field beyond the message (a recipient, a candidate) is refused by name, not dropped in
    # silence: the invitation goes to every candidate still in the procedure.
    extra = sorted(set(json.loads(request.body)) - {"message"})
    if extra:
        raise fail("final_invitation_to_all", extra[0])
    stage = target(request)
    services.invite_final_tenders(request.user, stage, validated(FinalInvitationForm, payload.dict()))
    return 201, _invitation(request, stage)


@router.get("/stages/{pk}/final-invitation", response={200: FinalInvitationOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=stage_by_pk)
def get_final_invitation(request, pk: int):
    return _invitation(request, target(request))


def _initial_award(box) -> dict:
    decision = selectors.initial_bids_award_of(box.stage)
    if decision is None:
        raise Http404
    return {"stage": box.stage_id, "published_at": decision.published_at, "reason": decision.reason,
            "skipped_stages": [s.order + 1 for s in decision.skipped.all()]}


@router.post("/stages/{pk}/round/award-on-initial-bids", response={201: InitialBidsAwardOut, **ERRORS},
             auth=SIGNED_IN)
@permitted("procedures.award_on_initial_bids", load=round_by_stage, of=procurement_of)
def award_on_initial_bids(request, pk: int, payload: InitialBidsAwardIn):
    box = target(request)
    services.award_on_initial_bids(request.user, box, validated(InitialBidsAwardForm, payload.dict()))
    return 201, _initial_award(box)


@router.get("/stages/{pk}/round/award-on-initial-bids", response={200: InitialBidsAwardOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=round_by_stage)
def get_initial_bids_award(request, pk: int):
    return _initial_award(target(request))
