"""/api/v1 for negotiation rounds: the selected candidates' sealed initial bids, the officials'
opening and the decision reducing the candidates with its instructions. Every endpoint calls the
same services as the round's page, through the same forms."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core import visibility

from . import selectors, services
from .api_common import SealedSubmissionOut, decision_out, procurement_of, submission_out
from .forms import RoundBidForm
from .services._common import refuse_sealed
from .views.pdfs import reduction_document

router = Router(tags=["procedures"])
round_by_stage = by_pk(selectors.visible_round)
own_bid = by_pk(selectors.own_round_bid_by_pk)


class RoundOut(Schema):
    stage: int
    kind: str
    closes_at: datetime
    reduces_candidates: bool
    opened: bool


class RoundBidIn(Schema):
    price: Decimal
    offer: str


class RoundBidOut(SealedSubmissionOut):
    pass


class OpenedRoundBidOut(RoundBidOut):
    content: dict


class ReductionCandidateIn(Schema):
    organisation: int
    goes_on: bool
    reason: str


class ReductionIn(Schema):
    candidates: list[ReductionCandidateIn]
    reasons: str
    channel: str = "electronic"


class ReductionCandidateOut(Schema):
    candidate: str
    goes_on: bool
    reason: str


class ReductionOut(Schema):
    decided_on: date
    received_on: date
    complaints_until: date
    reasons: str
    candidates: list[ReductionCandidateOut] | None
    instructions: list[dict]


def _round(box) -> dict:
    stage = box.stage
    return {"stage": stage.pk, "kind": stage.kind, "closes_at": stage.closes_at,
            "reduces_candidates": stage.reduces_candidates, "opened": box.is_opened}


@router.get("/stages/{pk}/round", response={200: RoundOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=round_by_stage)
def get_round(request, pk: int):
    return _round(target(request))


@router.post("/stages/{pk}/round/bids", response={201: RoundBidOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.round_bid", load=round_by_stage, of=procurement_of)
def submit_round_bid(request, pk: int, payload: RoundBidIn):
    data = validated(RoundBidForm, {"price": str(payload.price), "offer": payload.offer})
    return 201, submission_out(services.submit_round_bid(request.user, target(request), data))


@router.post("/round-bids/{pk}/withdraw", response={200: RoundBidOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=own_bid)
def withdraw_round_bid(request, pk: int):
    return submission_out(services.withdraw_round_bid(request.user, target(request)))


@router.post("/stages/{pk}/round/open", response={200: RoundOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.open_round", load=round_by_stage, of=procurement_of)
def open_round_bids(request, pk: int):
    return _round(services.open_round_bids(request.user, target(request)))


@router.get("/stages/{pk}/round/bids", response={200: list[OpenedRoundBidOut], **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.read_round", load=round_by_stage, of=procurement_of)
def opened_round_bids(request, pk: int):
    box = target(request)
    if not box.is_opened:
        raise refuse_sealed(request.user, box, "api opened_round_bids", "round_bids_sealed")
    return [{**submission_out(b), "content": b.content} for b in selectors.opened_round_bids(box)
            if visibility.may_show(request.user, b, "content")]


def _reduction(request, box) -> dict:
    decision = selectors.reduction_of(box.stage)
    if decision is None:
        raise Http404
    full = selectors.selection_shown_in_full(request.user, box.procurement)
    return decision_out(decision, [{"candidate": c.organisation.name, "goes_on": c.kept, "reason": c.reason}
                                   for c in decision.candidates.all()] if full else None)


@router.post("/stages/{pk}/round/reduction", response={201: ReductionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.reduce", load=round_by_stage, of=procurement_of)
def decide_reduction(request, pk: int, payload: ReductionIn):
    box = target(request)
    services.decide_reduction(request.user, box, {
        "candidates": {c.organisation: (c.goes_on, c.reason) for c in payload.candidates},
        "reasons": payload.reasons, "channel": payload.channel})
    return 201, _reduction(request, box)


@router.get("/stages/{pk}/round/reduction", response={200: ReductionOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=round_by_stage)
def get_reduction(request, pk: int):
    return _reduction(request, target(request))


@router.get("/stages/{pk}/round/reduction.pdf", response={200: None, **ERRORS}, auth=ANYONE)
@permitted(None, load=round_by_stage)
def reduction_pdf(request, pk: int):
    """The published decision reducing the candidates as a PDF in the request's language
    (Accept-Language), as the page ``/stages/{id}/round/reduction.pdf``."""
    return reduction_document(request, target(request))
