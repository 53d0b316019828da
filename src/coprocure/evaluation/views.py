"""Thin views: read through selectors, write through services, render templates."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from coprocure.core.models import Organisation, Procurement
from coprocure.core.selectors import visible_procurement
from coprocure.domain import evaluation
from coprocure.web.pdf import pdf_response
from coprocure.web.forms import posted, save_form

from . import exports, selectors, services
from .forms import ExperienceSurveyForm, SelfAssessmentForm
from .models import SelfAssessment


def _procurement(request, pk: int) -> Procurement:
    procurement = visible_procurement(request.user, pk)
    if not request.user.has_perm("evaluation.view", procurement):
        raise Http404
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
    """The report as a PDF: its public parts only, whoever asks."""
    procurement = _procurement(request, pk)
    # The shared PDF layout heads each page from ``tender.procurement``.
    return pdf_response(request, "evaluation/pdf/report.html", {
        "procurement": procurement, "tender": {"procurement": procurement}, "report": selectors.report(procurement),
    }, f"arviointi-{procurement.pk}.pdf")


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


@login_required
def experience_survey_create(request, pk: int):
    procurement = _procurement(request, pk)
    if not request.user.has_perm("evaluation.run_survey", procurement):
        raise PermissionDenied
    form = ExperienceSurveyForm(posted(request), initial={"phase": procurement.phase, "round": "during"})
    if request.method == "POST":
        saved = save_form(form, lambda data: services.create_experience_survey(
            request.user, procurement, data["phase"], data["round"]))
        if saved:
            messages.success(request, _("The experience survey is ready. Share its answering page with the people who took part."))
            return redirect(reverse("evaluation_report", args=[procurement.pk]) + "#experience")
    return render(request, "evaluation/experience_form.html",
                  {"procurement": procurement, "form": form, "items": evaluation.EXPERIENCE_ITEMS},
                  status=422 if form.errors else 200)


@login_required
def self_assessment_edit(request, pk: int):
    procurement = _procurement(request, pk)
    if not request.user.has_perm("evaluation.assess", procurement):
        raise PermissionDenied
    saved = SelfAssessment.objects.filter(procurement=procurement).first()
    form = SelfAssessmentForm(posted(request), initial=SelfAssessmentForm.initial_from(saved.answers if saved else {}))
    if request.method == "POST":
        if save_form(form, lambda data: services.save_self_assessment(request.user, procurement, form.answers())):
            messages.success(request, _("The self-assessment was saved and is shown in the report."))
            return redirect(reverse("evaluation_report", args=[procurement.pk]) + "#self-assessment")
    return render(request, "evaluation/self_assessment_form.html", {"procurement": procurement, "form": form},
                  status=422 if form.errors else 200)


def compare(request):
    """Public figures of public procurements side by side, of one authority or of all."""
    authorities = Organisation.objects.filter(procurements__is_public=True).distinct().order_by("name")
    chosen = request.GET.get("authority", "")
    authority = authorities.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    return render(request, "evaluation/compare.html", {
        "authorities": authorities, "authority": authority,
        "rows": selectors.compare(selectors.comparable(authority.pk if authority else None)),
    })
