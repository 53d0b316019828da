"""The panel's scoring through the API: an evaluator's declaration and own scores, and the
official's final scores and exclusions, with the same forms and services as the pages."""

from __future__ import annotations

from django.http import Http404
from ninja.responses import Status

from coprocure.api.auth import SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import permitted, target
from coprocure.api.schemas import ERRORS

from .. import selectors, services
from ..forms import ExcludeForm, ScoreForm, SettleForm
from ..schemas import BidOut, DeclarationIn, DeclarationOut, ExcludeIn, FinalScoreIn, FinalScoreOut, ScoreIn, ScoreOut
from . import router
from ._common import bid_by_pk, procurement_of, procurement_of_bid, tender_by_pk


def _scored(request, tender, bid: int, criterion: str):
    """The bid and the criterion (``c12``) a score is for, both of this tender, or 404. Before
    the opening no bid is looked up at all: every id gets the same audited refusal, so nothing
    tells whether a bid exists."""
    if not tender.is_opened:
        raise services.refuse_sealed(request.user, tender, "api:scores")
    found = selectors.bid_in(tender, bid), selectors.criterion_by_key(tender, criterion)
    if None in found:
        raise Http404
    return found


@router.post("/tenders/{pk}/declaration", response={201: DeclarationOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.evaluate", load=tender_by_pk, of=procurement_of)
def declare_conflict(request, pk: int, payload: DeclarationIn):
    """``{"has_conflict": false}``: before any bid is shown to the evaluator."""
    return Status(201, services.declare_conflict(request.user, target(request), payload.has_conflict))


@router.post("/tenders/{pk}/scores", response={201: ScoreOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.evaluate", load=tender_by_pk, of=procurement_of)
def record_score(request, pk: int, payload: ScoreIn):
    """One evaluator's own score; the response never includes other evaluators' scores."""
    bid, criterion = _scored(request, target(request), payload.bid, payload.criterion)
    data = validated(ScoreForm, {"score": payload.score, "justification": payload.justification})
    return Status(201, services.record_score(request.user, bid, criterion, data["score"], data["justification"]))


@router.post("/tenders/{pk}/final-scores", response={201: FinalScoreOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.settle", load=tender_by_pk, of=procurement_of)
def settle_score(request, pk: int, payload: FinalScoreIn):
    """``{"bid": 5, "criterion": "c12"}`` for the mean, or with ``"consensus": "4", "reason": "..."``."""
    bid, criterion = _scored(request, target(request), payload.bid, payload.criterion)
    data = validated(SettleForm, {"consensus": payload.consensus, "reason": payload.reason})
    return Status(201, services.settle_score(request.user, bid, criterion, data["consensus"], data["reason"] or ""))


@router.post("/bids/{pk}/exclude", response={200: BidOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.settle", load=bid_by_pk, of=procurement_of_bid)
def exclude_bid(request, pk: int, payload: ExcludeIn):
    bid = target(request)
    data = validated(ExcludeForm, payload.dict(), requirements=selectors.requirement_choices(bid.tender))
    services.exclude_bid(request.user, bid, data["reason"], data.get("requirement"))
    return selectors.bids_of(bid.tender).get(pk=pk)
