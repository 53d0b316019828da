"""/api/v1 for procedures: the stages (compose, publish, run), the call for participation, sealed
requests to participate, the checks and the selection decision with its instructions. Every
endpoint calls the same services as the pages, through the same forms."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from ninja import Router, Schema

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS, TranslatedIn, TranslatedOut
from coprocure.core import visibility
from coprocure.core.models import Organisation

from . import selectors, services
from .api_common import SealedSubmissionOut, decision_out, procurement_of, submission_out
from .api_final import router as final_router
from .api_complaints import router as complaints_router
from .api_rounds import router as rounds_router
from .services._common import fail, refuse_sealed
from .views.requests import selection_document
from .forms import CallForm, CheckForm, DefaultSequenceForm, PlanForm, RequirementForm, StageForm, StageTimesForm

router = Router(tags=["procedures"])
procurement_by_pk = by_pk(selectors.procedure_procurement)
stage_by_pk = by_pk(selectors.visible_stage)
call_by_stage = by_pk(selectors.visible_call)
own_request = by_pk(selectors.own_request_by_pk)


class ProcedureStageOut(Schema):
    id: int
    order: int
    kind: str
    opens_at: datetime
    closes_at: datetime
    reduces_candidates: bool
    state: str


class ProcedureVersionOut(Schema):
    number: int
    award_on_initial_bids: bool
    published_at: datetime
    reason: str
    stages: list[dict]


class ProcedureOut(Schema):
    procedure: str
    intended_contract_kind: str
    published: bool
    version: int
    reduction_criteria: TranslatedOut
    award_on_initial_bids: bool
    stages: list[ProcedureStageOut]
    versions: list[ProcedureVersionOut]


class ProcedureDefaultIn(Schema):
    starts_at: datetime


class ProcedureStageIn(Schema):
    kind: str
    opens_at: datetime
    closes_at: datetime
    reduces_candidates: bool = False
    reason: str = ""


class ProcedureStageTimesIn(Schema):
    opens_at: datetime
    closes_at: datetime
    reduces_candidates: bool = False
    reason: str = ""


class ProcedurePlanIn(Schema):
    reduction_criteria: TranslatedIn | None = None
    award_on_initial_bids: bool = False


class ParticipationCallIn(Schema):
    min_candidates: int
    max_candidates: int | None = None
    consortia_allowed: bool = True


class ParticipationRequirementIn(Schema):
    text: TranslatedIn
    criterion: bool = False


class ParticipationCallTextOut(Schema):
    number: int
    text: TranslatedOut


class ParticipationCallOut(Schema):
    stage: int
    min_candidates: int
    max_candidates: int | None
    consortia_allowed: bool
    opened: bool
    requirements: list[ParticipationCallTextOut]
    criteria: list[ParticipationCallTextOut]


class ParticipationMemberIn(Schema):
    organisation: int
    role: str


class ParticipationRequestIn(Schema):
    evidence: dict[str, str]
    members: list[ParticipationMemberIn] = []


class ParticipationRequestOut(SealedSubmissionOut):
    pass


class OpenedParticipationRequestOut(ParticipationRequestOut):
    content: dict
    checks: list[dict]


class RequirementCheckIn(Schema):
    request: int
    requirement: int
    met: bool
    reason: str


class SelectionCandidateIn(Schema):
    request: int
    selected: bool
    reason: str


class SelectionDecisionIn(Schema):
    candidates: list[SelectionCandidateIn]
    reasons: str
    channel: str = "electronic"


class SelectionCandidateOut(Schema):
    candidate: str
    selected: bool
    reason: str


class SelectionDecisionOut(Schema):
    decided_on: date
    received_on: date
    complaints_until: date
    reasons: str
    candidates: list[SelectionCandidateOut] | None
    instructions: list[dict]


def _procedure(request, procurement) -> dict:
    plan = selectors.plan(procurement)
    published = bool(plan and plan.is_published)
    shown = published or selectors.shows_draft(request.user, procurement)
    return {"procedure": procurement.procedure, "intended_contract_kind": procurement.intended_contract_kind,
            "published": published, "version": plan.version if plan else 0,
            "reduction_criteria": (plan.reduction_criteria if plan and shown else {}),
            "award_on_initial_bids": bool(plan and shown and plan.award_on_initial_bids),
            "stages": selectors.stages(procurement) if shown else [],
            "versions": selectors.versions(procurement) if published else []}


@router.get("/procurements/{pk}/procedure", response={200: ProcedureOut, **ERRORS}, auth=ANYONE)
@permitted("procedures.view", load=procurement_by_pk)
def get_procedure(request, pk: int):
    return _procedure(request, target(request))


@router.post("/procurements/{pk}/procedure/default", response={201: list[ProcedureStageOut], **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.compose", load=procurement_by_pk)
def accept_default(request, pk: int, payload: ProcedureDefaultIn):
    data = validated(DefaultSequenceForm, payload.dict())
    return 201, services.accept_default(request.user, target(request), data["starts_at"])


@router.post("/procurements/{pk}/procedure/stages", response={201: ProcedureStageOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.compose", load=procurement_by_pk)
def add_stage(request, pk: int, payload: ProcedureStageIn):
    return 201, services.add_stage(request.user, target(request), validated(StageForm, payload.dict()))


@router.put("/procurements/{pk}/procedure/plan", response={200: ProcedureOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.compose", load=procurement_by_pk)
def save_plan(request, pk: int, payload: ProcedurePlanIn):
    procurement = target(request)
    services.save_plan(request.user, procurement, validated(PlanForm, payload.dict(),
                                                             instance=selectors.plan(procurement)))
    return _procedure(request, procurement)


@router.post("/procurements/{pk}/procedure/publish", response={200: ProcedureOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.publish", load=procurement_by_pk)
def publish(request, pk: int):
    services.publish(request.user, target(request))
    return _procedure(request, target(request))


@router.patch("/stages/{pk}", response={200: ProcedureStageOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.compose", load=stage_by_pk, of=procurement_of)
def change_stage(request, pk: int, payload: ProcedureStageTimesIn):
    return services.change_stage(request.user, target(request), validated(StageTimesForm, payload.dict()))


@router.delete("/stages/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.compose", load=stage_by_pk, of=procurement_of)
def remove_stage(request, pk: int, reason: str = ""):
    services.remove_stage(request.user, target(request), reason)
    return 204, None


@router.post("/stages/{pk}/open", response={200: ProcedureStageOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.run_stages", load=stage_by_pk, of=procurement_of)
def open_stage(request, pk: int):
    return services.open_stage(request.user, target(request))


@router.post("/stages/{pk}/close", response={200: ProcedureStageOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.run_stages", load=stage_by_pk, of=procurement_of)
def close_stage(request, pk: int):
    return services.close_stage(request.user, target(request))


def _call(call) -> dict:
    return {"stage": call.stage.pk, "min_candidates": call.min_candidates, "max_candidates": call.max_candidates,
            "consortia_allowed": call.consortia_allowed, "opened": call.is_opened,
            "requirements": list(call.requirements.all()), "criteria": list(call.criteria.all())}


@router.get("/stages/{pk}/call", response={200: ParticipationCallOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=call_by_stage)
def get_call(request, pk: int):
    return _call(target(request))


@router.put("/stages/{pk}/call", response={200: ParticipationCallOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.compose", load=stage_by_pk, of=procurement_of)
def save_call(request, pk: int, payload: ParticipationCallIn):
    stage = target(request)
    call = services.save_call(request.user, stage, validated(CallForm, payload.dict()))
    return _call(selectors.call_of(call.stage))


@router.post("/stages/{pk}/call/requirements", response={201: ParticipationCallTextOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.compose", load=call_by_stage, of=procurement_of)
def add_requirement(request, pk: int, payload: ParticipationRequirementIn):
    data = validated(RequirementForm, payload.dict())
    return 201, services.add_requirement(request.user, target(request), data["text"], criterion=data["criterion"])


@router.post("/stages/{pk}/call/requests", response={201: ParticipationRequestOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.request", load=call_by_stage, of=procurement_of)
def submit_request(request, pk: int, payload: ParticipationRequestIn):
    organisations = Organisation.objects.in_bulk([m.organisation for m in payload.members])
    if len(organisations) != len({m.organisation for m in payload.members}):
        raise fail("member_organisation_unknown", "members")
    members = [(organisations[m.organisation], m.role) for m in payload.members]
    made = services.submit_request(request.user, target(request), {"evidence": payload.evidence, "members": members})
    return 201, submission_out(made)


@router.post("/participation-requests/{pk}/withdraw", response={200: ParticipationRequestOut, **ERRORS}, auth=SIGNED_IN)
@permitted(None, load=own_request)
def withdraw_request(request, pk: int):
    return submission_out(services.withdraw_request(request.user, target(request)))


@router.post("/stages/{pk}/call/open", response={200: ParticipationCallOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.open_requests", load=call_by_stage, of=procurement_of)
def open_requests(request, pk: int):
    return _call(services.open_requests(request.user, target(request)))


@router.get("/stages/{pk}/call/requests", response={200: list[OpenedParticipationRequestOut], **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.check", load=call_by_stage, of=procurement_of)
def opened_requests(request, pk: int):
    call = target(request)
    if not call.is_opened:
        raise refuse_sealed(request.user, call, "api opened_requests")
    return [{**submission_out(r), "content": r.content,
             "checks": [{"requirement": c.requirement.number, "met": c.met, "reason": c.reason} for c in r.checks.all()]}
            for r in selectors.opened_requests(call) if visibility.may_show(request.user, r, "content")]


@router.post("/stages/{pk}/call/checks", response={201: dict, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.check", load=call_by_stage, of=procurement_of)
def check_requirement(request, pk: int, payload: RequirementCheckIn):
    data = validated(CheckForm, payload.dict())
    check = services.check_requirement(request.user, target(request), data["request"], data["requirement"],
                                       data["met"], data["reason"])
    return 201, {"request": check.request_id, "requirement": check.requirement.number, "met": check.met,
                 "reason": check.reason}


def _selection(request, call) -> dict:
    decision = getattr(call, "decision", None)
    if decision is None:
        raise Http404
    full = selectors.selection_shown_in_full(request.user, call.procurement)
    return decision_out(decision, [{"candidate": c.request.lead.name, "selected": c.selected, "reason": c.reason}
                                   for c in decision.candidates.all()] if full else None)


@router.post("/stages/{pk}/call/selection", response={201: SelectionDecisionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("procedures.select", load=call_by_stage, of=procurement_of)
def decide_selection(request, pk: int, payload: SelectionDecisionIn):
    call = target(request)
    services.decide_selection(request.user, call, {
        "candidates": {c.request: (c.selected, c.reason) for c in payload.candidates},
        "reasons": payload.reasons, "channel": payload.channel})
    return 201, _selection(request, selectors.visible_call(request.user, pk))


@router.get("/stages/{pk}/call/selection", response={200: SelectionDecisionOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=call_by_stage)
def get_selection(request, pk: int):
    return _selection(request, target(request))


@router.get("/stages/{pk}/call/selection.pdf", response={200: None, **ERRORS}, auth=ANYONE)
@permitted(None, load=stage_by_pk)
def selection_pdf(request, pk: int):
    """The published selection decision as a PDF in the request's language (Accept-Language),
    as the page ``/stages/{id}/call/selection.pdf``."""
    return selection_document(request, target(request))


# The negotiation rounds' endpoints live beside these, in their own module.
router.add_router("", rounds_router)
# So do the final tenders' invitation and the award on the initial bids.
router.add_router("", final_router)
# So do the complaints against the selection and reduction decisions.
router.add_router("", complaints_router)
