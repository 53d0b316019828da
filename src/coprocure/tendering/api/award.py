"""The award: the accountable official's decision, its publication, and the published
comparison anyone can recompute (docs/sealed-bids.md describes the format)."""

from __future__ import annotations

from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS

from .. import selectors, services
from ..forms import AwardForm
from ..schemas import AwardIn, AwardOut, Comparison
from . import router
from ._common import procurement_of, procurement_of_decision, tender_by_pk


@router.get("/tenders/{pk}/comparison", response={200: Comparison, **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(selectors.visible_published_award))
def comparison(request, pk: int):
    """The published award's whole comparison; 404 until the award is published."""
    return selectors.published_comparison(target(request))


@router.post("/tenders/{pk}/award", response={201: AwardOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.decide", load=tender_by_pk, of=procurement_of)
def decide_award(request, pk: int, payload: AwardIn):
    """``{"accountable_official": 4, "reasons": {"fi": "..."}, "decided_on": "2026-03-09"}``
    (``standstill_ends_on`` defaults to 14 days later)."""
    tender = target(request)
    data = validated(AwardForm, payload.dict(), authority=tender.procurement.authority)
    return Status(201, services.decide_award(request.user, tender, data))


@router.post("/tenders/{pk}/award/publish", response={200: Comparison, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.decide", load=by_pk(selectors.award_decision), of=procurement_of_decision)
def publish_award(request, pk: int):
    """404 while there is no decision to publish."""
    return selectors.published_comparison(services.publish_award(request.user, target(request)))
