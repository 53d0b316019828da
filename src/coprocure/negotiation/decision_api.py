"""/api/v1 for the close of a competitive dialogue and an innovation partnership's R&D milestones:
the same services and forms as the pages. A milestone result's text is shown only as the
visibility policy allows (its partner and the authority); the decisions are public outcomes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema

from coprocure.api.auth import SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core import visibility
from coprocure.procedures import selectors as procedures

from . import milestones, selectors, services
from .forms import ClosureForm, MilestoneDecisionForm, MilestoneForm, PartnershipEndForm, ResultForm
from .models import DialogueClosure

router = Router(tags=["negotiation"])
stage_by_pk = by_pk(procedures.visible_stage)
milestone_by_pk = by_pk(selectors.visible_milestone)


def procurement_of(obj):
    return obj.stage.procurement if hasattr(obj, "stage") else obj.procurement


class ClosureIn(Schema):
    closed_on: date
    reasons: str
    solutions_identified: bool = False


class ClosureOut(Schema):
    closed_on: date
    reasons: str
    solutions_identified: bool
    decided_at: datetime
    information: int


class StageOut(Schema):
    id: int
    kind: str
    state: str


class MilestoneIn(Schema):
    name: str
    to_show: str
    due_at: datetime
    price_share: Decimal | None = None


class ResultOut(Schema):
    id: int
    partner: str
    text: str | None
    submitted_at: datetime


class DecisionOut(Schema):
    id: int
    partner: str
    accepted: bool
    reasons: str
    decided_at: datetime


class MilestoneOut(Schema):
    id: int
    name: str
    to_show: str
    due_at: datetime
    price_share: Decimal | None
    results: list[ResultOut]
    decisions: list[DecisionOut]


class ResultIn(Schema):
    text: str


class DecisionIn(Schema):
    organisation: int
    accepted: bool
    reasons: str


class EndIn(Schema):
    organisation: int
    reasons: str


class EndOut(Schema):
    partner: str
    reasons: str
    decided_at: datetime


class PartnersOut(Schema):
    partners: list[str]
    ended: list[EndOut]


def closure_out(c: DialogueClosure) -> dict:
    return {"closed_on": c.closed_on, "reasons": c.reasons, "solutions_identified": c.solutions_identified,
            "decided_at": c.decided_at, "information": c.information_id}


def decision_out(d) -> dict:
    return {"id": d.pk, "partner": d.organisation.name, "accepted": d.accepted, "reasons": d.reasons,
            "decided_at": d.decided_at}


def milestone_out(user, m) -> dict:
    return {"id": m.pk, "name": m.name, "to_show": m.to_show, "due_at": m.due_at, "price_share": m.price_share,
            "results": [{"id": r.pk, "partner": r.organisation.name, "text": visibility.shown(user, r, "text"),
                         "submitted_at": r.submitted_at} for r in getattr(m, "shown_results", [])],
            "decisions": [decision_out(d) for d in m.decisions.all()]}


def end_out(e) -> dict:
    return {"partner": e.organisation.name, "reasons": e.reasons, "decided_at": e.decided_at}


@router.get("/stages/{pk}/dialogue-closure", response={200: ClosureOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=stage_by_pk)
def get_dialogue_closure(request, pk: int):
    closure = DialogueClosure.objects.filter(stage=target(request)).first()
    if closure is None:
        raise Http404
    return closure_out(closure)


@router.post("/stages/{pk}/dialogue-closure", response={201: ClosureOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.decide", load=stage_by_pk, of=procurement_of)
def close_dialogue(request, pk: int, payload: ClosureIn):
    data = validated(ClosureForm, payload.dict())
    return 201, closure_out(services.close_dialogue(request.user, target(request), data))


@router.post("/stages/{pk}/decided-close", response={200: StageOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.decide", load=stage_by_pk, of=procurement_of)
def close_decided_stage(request, pk: int):
    stage = services.close_stage(request.user, target(request))
    return {"id": stage.pk, "kind": stage.kind, "state": stage.state}


@router.get("/stages/{pk}/milestones", response={200: list[MilestoneOut], **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=stage_by_pk)
def list_milestones(request, pk: int):
    return [milestone_out(request.user, m) for m in selectors.milestones(request.user, target(request))]


@router.post("/stages/{pk}/milestones", response={201: MilestoneOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.manage", load=stage_by_pk, of=procurement_of)
def add_milestone(request, pk: int, payload: MilestoneIn):
    milestone = milestones.add_milestone(request.user, target(request), validated(MilestoneForm, payload.dict()))
    return 201, milestone_out(request.user, milestone)


@router.post("/milestones/{pk}/results", response={201: ResultOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.submit_result", load=milestone_by_pk, of=procurement_of)
def submit_milestone_result(request, pk: int, payload: ResultIn):
    data = validated(ResultForm, payload.dict())
    result = milestones.submit_result(request.user, target(request), data["text"])
    return 201, {"id": result.pk, "partner": result.organisation.name, "text": result.text,
                 "submitted_at": result.submitted_at}


@router.post("/milestones/{pk}/decisions", response={201: DecisionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.decide", load=milestone_by_pk, of=procurement_of)
def decide_milestone(request, pk: int, payload: DecisionIn):
    milestone = target(request)
    data = validated(MilestoneDecisionForm, payload.dict(), partners=selectors.partners(milestone.stage))
    return 201, decision_out(milestones.decide(request.user, milestone, data))


@router.get("/stages/{pk}/partners", response={200: PartnersOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=stage_by_pk)
def list_partners(request, pk: int):
    stage = target(request)
    return {"partners": [p.name for p in selectors.partners(stage)],
            "ended": [end_out(e) for e in selectors.partnership_ends(stage)]}


@router.post("/stages/{pk}/partnership-ends", response={201: EndOut, **ERRORS}, auth=SIGNED_IN)
@permitted("negotiation.decide", load=stage_by_pk, of=procurement_of)
def end_partnership(request, pk: int, payload: EndIn):
    stage = target(request)
    data = validated(PartnershipEndForm, payload.dict(), partners=selectors.partners(stage))
    return 201, end_out(milestones.end_partnership(request.user, stage, data))
