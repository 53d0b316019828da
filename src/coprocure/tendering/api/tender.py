"""Preparing the tender (objectives, the invitation, criteria, lots), publishing it, and the
bidders' clarification questions: the same forms and services as the pages."""

from __future__ import annotations

from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core.selectors import visible_procurement

from .. import selectors, services
from ..forms import AnswerForm, ClarificationForm, CriterionForm, LotForm, ObjectiveForm, TenderForm
from ..schemas import (
    AnswerIn, ClarificationOut, CreatedOut, CriterionIn, CriterionOut, LotIn, LotOut, ObjectiveIn, QuestionIn, TenderIn,
    TenderOut,
)
from . import router
from ._common import procurement_of, tender_by_pk


@router.get("/tenders/{pk}", response={200: TenderOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=tender_by_pk)
def get_tender(request, pk: int):
    return selectors.tender_of(target(request).procurement)


@router.post("/procurements/{pk}/objectives", response={201: CreatedOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.manage", load=by_pk(visible_procurement))
def create_objective(request, pk: int, payload: ObjectiveIn):
    """``{"statement": {"fi": "..."}, "insights": [3], "agreed_how": {"fi": "..."}, "agreed_on": "2026-01-31"}``"""
    procurement = target(request)
    data = validated(ObjectiveForm, payload.dict(), procurement=procurement)
    return Status(201, services.create_objective(request.user, procurement, data))


@router.put("/procurements/{pk}/tender", response={200: CreatedOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.manage", load=by_pk(visible_procurement))
def save_tender(request, pk: int, payload: TenderIn):
    """Create or change the draft invitation to tender (every field of the form)."""
    data = validated(TenderForm, payload.dict())
    return services.save_tender(request.user, target(request), data)


@router.post("/tenders/{pk}/criteria", response={201: CriterionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.manage", load=tender_by_pk, of=procurement_of)
def add_criterion(request, pk: int, payload: CriterionIn):
    """``{"name": {"fi": "..."}, "weight": "35", "scale_max": 5, "levels_text": "0: ...\\n5: ...", "objectives": [2]}``"""
    tender = target(request)
    data = validated(CriterionForm, payload.dict(), procurement=tender.procurement)
    return Status(201, services.add_criterion(request.user, tender, data))


@router.post("/tenders/{pk}/lots", response={201: LotOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.manage", load=tender_by_pk, of=procurement_of)
def add_lot(request, pk: int, payload: LotIn):
    """``{"title": {"fi": "..."}, "description": {"fi": "..."}, "estimated_value": "250000"}``: numbered in order."""
    data = validated(LotForm, payload.dict())
    return Status(201, services.add_lot(request.user, target(request), data))


@router.post("/tenders/{pk}/publish", response={200: TenderOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.publish", load=tender_by_pk, of=procurement_of)
def publish_tender(request, pk: int):
    tender = services.publish_tender(request.user, target(request))
    return selectors.tender_of(tender.procurement)


@router.post("/tenders/{pk}/questions", response={201: ClarificationOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.ask", load=tender_by_pk, of=procurement_of)
def ask_question(request, pk: int, payload: QuestionIn):
    data = validated(ClarificationForm, payload.dict())
    return Status(201, services.ask_question(request.user, target(request), data["question"]))


@router.post("/questions/{pk}/answer", response={200: ClarificationOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.answer", load=by_pk(selectors.visible_clarification), of=lambda question: question.tender.procurement)
def answer_question(request, pk: int, payload: AnswerIn):
    data = validated(AnswerForm, payload.dict())
    return services.answer_question(request.user, target(request), data["answer"])
