"""/api/v1 endpoints for evaluation: anyone reads a public procurement's figures (the same
open data as figures.json); the procurement's staff make experience surveys and keep the
self-assessment through the same forms and services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router, Schema
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.schemas import ERRORS
from coprocure.core.fields import localised
from coprocure.core.selectors import visible_procurement
from coprocure.domain import evaluation
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from . import exports, selectors, services
from .forms import ExperienceSurveyForm, SelfAssessmentForm

router = Router()


def _procurement(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    if not request.user.has_perm("evaluation.view", procurement):
        raise Http404
    return procurement


@router.get("/procurements/{pk}/evaluation", response={200: dict[str, Any], **ERRORS}, auth=ANYONE, tags=["evaluation"])
def get_evaluation(request, pk: int):
    """The public, suppressed evaluation figures of one procurement, as described by
    docs/schemas/evaluation.schema.json; a hidden count is ``null``."""
    procurement = _procurement(request, pk)
    return exports.figures(selectors.report(procurement), request.build_absolute_uri("/").rstrip("/"))


class ComparisonOut(Schema):
    procurement: int
    title: str
    authority: str
    participations: int | None
    outreach_percent: float | None
    insights_percent: float | None
    criteria_percent: float | None
    proposals_percent: float | None
    experience: dict[str, float | None]


@router.get("/evaluation/compare", response={200: list[ComparisonOut], **ERRORS}, auth=ANYONE, tags=["evaluation"])
def compare_evaluations(request, authority: int | None = None):
    """Headline figures of public procurements side by side, of one authority or of all."""
    return [{
        "procurement": row["procurement"].pk, "title": localised(row["procurement"].title),
        "authority": row["procurement"].authority.name, "participations": row["participations"],
        "outreach_percent": row["outreach_share"], "insights_percent": row["insights"],
        "criteria_percent": row["criteria"], "proposals_percent": row["proposals"],
        "experience": {d["dimension"]: d["mean"] for d in row["experience"]},
    } for row in selectors.compare(selectors.comparable(authority))]


class ExperienceSurveyIn(Schema):
    phase: str
    round: str


class ExperienceSurveyOut(Schema):
    id: int
    survey: int
    phase: str
    round: str
    questions: dict[str, str]


@router.post("/procurements/{pk}/evaluation/experience-surveys", response={201: ExperienceSurveyOut, **ERRORS},
             auth=SIGNED_IN, tags=["evaluation"])
def create_experience_survey(request, pk: int, payload: ExperienceSurveyIn):
    """Make the anonymous participation experience survey for a phase and a round (before,
    during or after); ``questions`` maps each answer key (``q<id>``) to its template item."""
    procurement = _procurement(request, pk)
    if not request.user.has_perm("evaluation.run_survey", procurement):
        raise PermissionDenied
    data = validated(ExperienceSurveyForm, payload.dict())
    experience = services.create_experience_survey(request.user, procurement, data["phase"], data["round"])
    return Status(201, {"id": experience.pk, "survey": experience.survey_id, "phase": experience.phase,
                        "round": experience.round, "questions": {f"q{pk}": code for pk, code in experience.items.items()}})


class AssessmentAnswer(Schema):
    rating: str = ""
    note: str = ""


class SelfAssessmentIn(Schema):
    answers: dict[str, AssessmentAnswer]


class SelfAssessmentOut(Schema):
    answers: dict[str, AssessmentAnswer]


@router.put("/procurements/{pk}/evaluation/self-assessment", response={200: SelfAssessmentOut, **ERRORS},
            auth=SIGNED_IN, tags=["evaluation"])
def save_self_assessment(request, pk: int, payload: SelfAssessmentIn):
    """Replace the self-assessment: for each criterion code a rating (yes, partly, no,
    not_applicable) and a note. Criteria left out are left unanswered."""
    procurement = _procurement(request, pk)
    if not request.user.has_perm("evaluation.assess", procurement):
        raise PermissionDenied
    unknown = [code for code in payload.answers if code not in evaluation.CRITERIA_BY_CODE]
    if unknown:
        raise ServiceError.from_domain(DomainError("criterion_unknown", unknown[0]))
    body = {}
    for code, answer in payload.answers.items():
        body[code], body[f"{code}_note"] = answer.rating, answer.note
    form = SelfAssessmentForm(data=body)
    if not form.is_valid():
        raise ServiceError.from_form(form)
    saved = services.save_self_assessment(request.user, procurement, form.answers())
    return {"answers": saved.answers}
