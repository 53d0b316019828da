"""Complaints about a published award: the public timeline, a bidder's complaint and the
accountable official's answer."""

from __future__ import annotations

from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS

from .. import selectors, services
from ..forms import AppealForm, ComplaintAnswerForm, ComplaintForm, CourtDecisionForm
from ..schemas import AppealIn, ComplaintAnswerIn, ComplaintIn, ComplaintOut, CourtDecisionIn, TimelineOut
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
    """``{"outcome": "upheld" | "rejected", "answer": "reasons"}``, by the accountable official; an
    appeal is refused (409 ``appeal_not_answered``): the Market Court decides it."""
    data = validated(ComplaintAnswerForm, payload.dict())
    return services.answer_complaint(request.user, target(request), data)


@router.post("/tenders/{pk}/appeals", response={201: ComplaintOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.decide", load=published_award_by_pk, of=procurement_of_decision)
def record_appeal(request, pk: int, payload: AppealIn):
    """The authority records an appeal to the Market Court: ``{"appellant": 7, "filed_on": "2026-03-20",
    "enforcement_banned": true}``. A late appeal is recorded too (``late``: the court decides)."""
    decision = target(request)
    data = validated(AppealForm, payload.dict(), organisations=services.bidder_organisations(decision.tender))
    return Status(201, services.record_appeal(request.user, decision, data))


@router.post("/complaints/{pk}/court-decision", response={200: ComplaintOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.decide", load=by_pk(selectors.visible_complaint),
           of=lambda complaint: complaint.decision.tender.procurement)
def record_court_decision(request, pk: int, payload: CourtDecisionIn):
    """``{"enforcement_banned": false, "outcome": "rejected", "court_decided_on": "2026-06-01", "answer": "..."}``"""
    data = validated(CourtDecisionForm, payload.dict())
    return services.record_court_decision(request.user, target(request), data)
