"""Complaints about a published award: the public timeline, a bidder's complaint and the
accountable official's answer."""

from __future__ import annotations

from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS

from .. import selectors, services
from ..forms import ComplaintAnswerForm, ComplaintForm
from ..schemas import ComplaintAnswerIn, ComplaintIn, ComplaintOut, TimelineOut
from . import router
from ._common import procurement_of_decision

published_award_by_pk = by_pk(selectors.visible_published_award)


@router.get("/tenders/{pk}/complaints", response={200: TimelineOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=published_award_by_pk)
def complaint_timeline(request, pk: int):
    """The award's public timeline: decision, last day for complaints, standstill end, complaints and answers."""
    return selectors.timeline(target(request))


@router.post("/tenders/{pk}/complaints", response={201: ComplaintOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.complain", load=published_award_by_pk, of=procurement_of_decision)
def file_complaint(request, pk: int, payload: ComplaintIn):
    """``{"kind": "rectification_request" | "market_court_appeal", "grounds": "..."}``"""
    data = validated(ComplaintForm, payload.dict())
    return Status(201, services.file_complaint(request.user, target(request), data))


@router.post("/complaints/{pk}/answer", response={200: ComplaintOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.decide", load=by_pk(selectors.visible_complaint),
           of=lambda complaint: complaint.decision.tender.procurement)
def answer_complaint(request, pk: int, payload: ComplaintAnswerIn):
    """``{"outcome": "upheld" | "rejected", "answer": "reasons"}``, by the accountable official."""
    data = validated(ComplaintAnswerForm, payload.dict())
    return services.answer_complaint(request.user, target(request), data)
