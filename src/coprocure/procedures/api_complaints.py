"""/api/v1 for complaints against a selection decision and a decision reducing the candidates,
mirroring the award's complaint routes (tendering.api.complaints): the public timeline, a
candidate's complaint, the authority's record of an appeal, its answer to a request for
rectification and its record of the Market Court's decision. Same services as the pages."""

from __future__ import annotations

from datetime import date
from functools import partial

from ninja import Router, Schema
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.tendering.forms import AppealForm, ComplaintAnswerForm, ComplaintForm
from coprocure.tendering.schemas import (AppealIn, ComplaintAnswerIn, ComplaintIn, ComplaintOut, CourtDecisionIn,
                                         InstructionsOut)

from . import selectors_complaints as selectors
from .forms import DecisionCourtForm
from .services import complaints as services

router = Router(tags=["procedures"])
complaint_by_pk = by_pk(selectors.visible_decision_complaint)


def procurement_of(obj):
    return obj.procurement


def procurement_of_complaint(complaint):
    return selectors.stage_of(complaint).procurement


class DecisionTimelineOut(Schema):
    decided_on: date
    channel: str
    received_on: date
    complaints_until: date
    complaints: list[ComplaintOut]
    instructions: list[InstructionsOut]


def _routes(which: str, path: str) -> None:
    """The timeline, a complaint and an appeal for one kind of decision, at ``/stages/{pk}/<path>``."""
    decision_by_stage = by_pk(partial(selectors.published_decision, which=which))

    @router.get(f"/stages/{{pk}}/{path}/complaints", response={200: DecisionTimelineOut, **ERRORS}, auth=ANYONE,
                operation_id=f"procedures_{which}_complaint_timeline", url_name=f"{which}_complaint_timeline")
    @permitted(None, load=decision_by_stage)
    def complaint_timeline(request, pk: int):
        """The decision's public timeline: last day for complaints, complaints and answers, never who complained."""
        return selectors.timeline(target(request))

    @router.post(f"/stages/{{pk}}/{path}/complaints", response={201: ComplaintOut, **ERRORS}, auth=SIGNED_IN,
                 operation_id=f"procedures_{which}_file_complaint", url_name=f"{which}_file_complaint")
    @permitted("procedures.complain", load=decision_by_stage, of=procurement_of)
    def file_complaint(request, pk: int, payload: ComplaintIn):
        """``{"kind": "rectification_request" | "market_court_appeal", "grounds": "..."}``, by a candidate the
        decision names (403 ``complaint_not_candidate`` otherwise); a late request is refused (409)."""
        data = validated(ComplaintForm, payload.dict())
        return Status(201, services.file_complaint(request.user, target(request), data))

    @router.post(f"/stages/{{pk}}/{path}/appeals", response={201: ComplaintOut, **ERRORS}, auth=SIGNED_IN,
                 operation_id=f"procedures_{which}_record_appeal", url_name=f"{which}_record_appeal")
    @permitted("procedures.handle_complaints", load=decision_by_stage, of=procurement_of)
    def record_appeal(request, pk: int, payload: AppealIn):
        """``{"appellant": 7, "filed_on": "2026-03-20", "enforcement_banned": true}``; a late appeal is
        recorded too (``late``: the Market Court decides)."""
        decision = target(request)
        data = validated(AppealForm, payload.dict(), organisations=services.complainants(decision))
        return Status(201, services.record_appeal(request.user, decision, data))


_routes("selection", "call/selection")
_routes("reduction", "round/reduction")


@router.post("/decision-complaints/{pk}/answer", response={200: ComplaintOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.handle_complaints", load=complaint_by_pk, of=procurement_of_complaint)
def answer_decision_complaint(request, pk: int, payload: ComplaintAnswerIn):
    """``{"outcome": "upheld" | "rejected", "answer": "reasons"}``, by the decision's accountable official; an
    appeal is refused (409 ``appeal_not_answered``): the Market Court decides it."""
    data = validated(ComplaintAnswerForm, payload.dict())
    return services.answer_complaint(request.user, target(request), data)


@router.post("/decision-complaints/{pk}/court-decision", response={200: ComplaintOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.handle_complaints", load=complaint_by_pk, of=procurement_of_complaint)
def record_decision_court_decision(request, pk: int, payload: CourtDecisionIn):
    """``{"enforcement_banned": false, "outcome": "rejected", "court_decided_on": "2026-06-01", "answer": "..."}``"""
    data = validated(DecisionCourtForm, payload.dict())
    return services.record_court_decision(request.user, target(request), data)
