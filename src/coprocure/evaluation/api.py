"""/api/v1 endpoints for evaluation: anyone reads a public procurement's figures (the same
open data as figures.json); the procurement's staff make experience surveys and keep the
self-assessment through the same forms and services as the pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from ninja import Router
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core.fields import localised
from coprocure.domain import evaluation
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.ops import pages as ops_pages
from coprocure.ops import selectors as ops_selectors
from coprocure.ops.api import JobOut, job_out

from . import exports, selectors, services, tasks
from .forms import ExperienceSurveyForm, SelfAssessmentForm
from .schemas import ComparisonOut, ExperienceSurveyIn, ExperienceSurveyOut, SelfAssessmentIn, SelfAssessmentOut

router = Router(tags=["evaluation"])

evaluated = by_pk(selectors.evaluated_procurement)


@router.get("/procurements/{pk}/evaluation", response={200: dict[str, Any], **ERRORS}, auth=ANYONE)
@permitted(None, load=evaluated)
def get_evaluation(request, pk: int):
    """The public, suppressed evaluation figures of one procurement, as described by
    docs/schemas/evaluation.schema.json; a hidden count is ``null``."""
    return exports.figures(selectors.report(target(request)), request.build_absolute_uri("/").rstrip("/"))


@router.get("/procurements/{pk}/evaluation/report.pdf", response={200: None, 202: JobOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=evaluated)
def report_pdf(request, pk: int):
    """The report as a PDF (its public parts, as the page ``/procurements/{id}/evaluation/report.pdf``),
    rendered by a worker once per version of the report: ``200`` with the PDF when it is ready,
    otherwise ``202`` with the job that is preparing it; ask again when its ``state`` is ``done``."""
    procurement = target(request)
    job = tasks.report_pdf_job(procurement, request.build_absolute_uri("/"))
    if ops_selectors.downloadable(job):
        return ops_pages.download(job, attachment=False)
    here = f"/api/v1/procurements/{procurement.pk}/evaluation/report.pdf"
    return Status(202, job_out(job, page_url=reverse("evaluation_pdf", args=[procurement.pk]), download_url=here))


@router.get("/evaluation/compare", response={200: list[ComparisonOut], **ERRORS}, auth=ANYONE)
@permitted(None)
def compare_evaluations(request, authority: int | None = None):
    """Headline figures of public procurements side by side, of one authority or of all."""
    return [{
        "procurement": row["procurement"].pk, "title": localised(row["procurement"].title),
        "authority": row["procurement"].authority.name, "participations": row["participations"],
        "outreach_percent": row["outreach_share"], "insights_percent": row["insights"],
        "criteria_percent": row["criteria"], "proposals_percent": row["proposals"],
        "experience": {d["dimension"]: d["mean"] for d in row["experience"]},
    } for row in selectors.compare(selectors.comparable(authority))]


@router.post("/procurements/{pk}/evaluation/experience-surveys", response={201: ExperienceSurveyOut, **ERRORS},
             auth=SIGNED_IN)
@permitted("evaluation.run_survey", load=evaluated)
def create_experience_survey(request, pk: int, payload: ExperienceSurveyIn):
    """Make the anonymous participation experience survey for a phase and a round (before,
    during or after); ``questions`` maps each answer key (``q<id>``) to its template item."""
    data = validated(ExperienceSurveyForm, payload.dict())
    experience = services.create_experience_survey(request.user, target(request), data["phase"], data["round"])
    return Status(201, {"id": experience.pk, "survey": experience.survey_id, "phase": experience.phase,
                        "round": experience.round, "questions": {f"q{pk}": code for pk, code in experience.items.items()}})


@router.put("/procurements/{pk}/evaluation/self-assessment", response={200: SelfAssessmentOut, **ERRORS},
            auth=SIGNED_IN)
@permitted("evaluation.assess", load=evaluated)
def save_self_assessment(request, pk: int, payload: SelfAssessmentIn):
    """Replace the self-assessment: for each criterion code a rating (yes, partly, no,
    not_applicable) and a note. Criteria left out are left unanswered."""
    unknown = [code for code in payload.answers if code not in evaluation.CRITERIA_BY_CODE]
    if unknown:
        raise ServiceError.from_domain(DomainError("criterion_unknown", unknown[0]))
    body = {}
    for code, answer in payload.answers.items():
        body[code], body[f"{code}_note"] = answer.rating, answer.note
    # The form's fields are made per criterion when it is built, so ``validated`` (which reads
    # the class's fields) cannot fill it.
    form = SelfAssessmentForm(data=body)
    if not form.is_valid():
        raise ServiceError.from_form(form)
    saved = services.save_self_assessment(request.user, target(request), form.answers())
    return {"answers": saved.answers}
