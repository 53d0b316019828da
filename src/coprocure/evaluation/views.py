"""Thin views: read through selectors, write through services, render templates."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from coprocure.core.models import Procurement
from coprocure.domain import evaluation
from coprocure.web.forms import form_page, posted
from coprocure.ops import pages as ops_pages
from coprocure.ops import selectors as ops_selectors

from . import exports, selectors, services, tasks
from .forms import ExperienceSurveyForm, SelfAssessmentForm


def _procurement(request, pk: int, permission: str | None = None) -> Procurement:
    procurement = selectors.evaluated_procurement(request.user, pk)
    if permission is not None and not request.user.has_perm(permission, procurement):
        raise PermissionDenied
    return procurement


def _context(request, procurement: Procurement) -> dict:
    user = request.user
    return {
        "procurement": procurement, "report": selectors.report(procurement),
        "restricted": selectors.restricted(procurement) if user.has_perm("evaluation.view_restricted", procurement) else None,
        "can_assess": user.has_perm("evaluation.assess", procurement),
        "can_run_survey": user.has_perm("evaluation.run_survey", procurement),
    }


def report(request, pk: int):
    """The evaluation report: public figures for everyone, the restricted ones for staff."""
    procurement = _procurement(request, pk)
    return render(request, "evaluation/report.html", _context(request, procurement))


def trail(request, pk: int):
    """The records behind each influence figure, one list per figure."""
    procurement = _procurement(request, pk)
    return render(request, "evaluation/trail.html", {
        "procurement": procurement, "influence": selectors.influence(procurement),
    })


def report_pdf(request, pk: int):
    """The report as a PDF (its public parts only, whoever asks), served from the file a worker
    rendered for the report's current version; a reader who comes before it is ready is told
    that it is being prepared (202), and nothing is rendered in the request."""
    procurement = _procurement(request, pk)
    job = tasks.report_pdf_job(procurement, request.build_absolute_uri("/"))
    if ops_selectors.downloadable(job):
        return ops_pages.download(job, attachment=False)
    return render(request, "evaluation/pdf_preparing.html", {"procurement": procurement, "job": job}, status=202)


def _figures(request, procurement: Procurement) -> dict:
    return exports.figures(selectors.report(procurement), request.build_absolute_uri("/").rstrip("/"))


def figures_json(request, pk: int):
    procurement = _procurement(request, pk)
    body = json.dumps(_figures(request, procurement), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="arviointi-{procurement.pk}.json"'
    return response


def figures_csv(request, pk: int):
    procurement = _procurement(request, pk)
    response = HttpResponse(exports.csv_text(_figures(request, procurement)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="arviointi-{procurement.pk}.csv"'
    return response


def _report_url(procurement: Procurement, part: str) -> str:
    return f"{reverse('evaluation_report', args=[procurement.pk])}#{part}"


@login_required
def experience_survey_create(request, pk: int):
    procurement = _procurement(request, pk, "evaluation.run_survey")
    form = ExperienceSurveyForm(posted(request), initial={"phase": procurement.phase, "round": "during"})
    return form_page(
        request, form, template="evaluation/experience_form.html",
        save=lambda data: services.create_experience_survey(request.user, procurement, data["phase"], data["round"]),
        success=_("The experience survey is ready. Share its answering page with the people who took part."),
        next_url=lambda saved: _report_url(procurement, "experience"),
        context={"procurement": procurement, "items": evaluation.EXPERIENCE_ITEMS},
    )


@login_required
def self_assessment_edit(request, pk: int):
    procurement = _procurement(request, pk, "evaluation.assess")
    saved = selectors.self_assessment_of(procurement)
    form = SelfAssessmentForm(posted(request), initial=SelfAssessmentForm.initial_from(saved.answers if saved else {}))
    return form_page(
        request, form, template="evaluation/self_assessment_form.html",
        save=lambda data: services.save_self_assessment(request.user, procurement, form.answers()),
        success=_("The self-assessment was saved and is shown in the report."),
        next_url=lambda saved: _report_url(procurement, "self-assessment"),
        context={"procurement": procurement},
    )


def compare(request):
    """Public figures of public procurements side by side, of one authority or of all."""
    authorities = selectors.authorities_with_public_procurements()
    chosen = request.GET.get("authority", "")
    authority = authorities.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    return render(request, "evaluation/compare.html", {
        "authorities": authorities, "authority": authority,
        "rows": selectors.compare(selectors.comparable(authority.pk if authority else None)),
    })
