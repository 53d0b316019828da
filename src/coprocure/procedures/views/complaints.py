"""Complaints against a selection decision or a decision reducing the candidates: a candidate's
request for rectification, the accountable official's answer, and the authority's record of an
appeal to the Market Court and of the court's decision. The pages are the award's
(tendering.views.complaints); only what they reach differs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.core.services import require
from coprocure.tendering.views import complaints as pages

from .. import selectors_complaints as selectors
from ..forms import DecisionCourtForm
from ..services import complaints as services

PAGES = {"selection": "call", "reduction": "round"}


@login_required
@require_http_methods(["GET", "POST"])
def complaint_file(request, pk: int, which: str):
    decision = selectors.published_decision(request.user, pk, which)
    require(request.user, "procedures.complain", decision.procurement)
    return pages.complaint_page(
        request, decision.procurement, lambda data: services.file_complaint(request.user, decision, data),
        reverse(PAGES[which], args=[pk]), title=_("Complain about the decision"),
        intro=_("A request for rectification asks the authority to correct its own decision. An appeal is made to "
                "the Market Court; record it here so that the procedure waits for it."),
        success=_("Your complaint was received. The answer will be shown under the decision."))


@login_required
@require_http_methods(["GET", "POST"])
def appeal_record(request, pk: int, which: str):
    decision = selectors.published_decision(request.user, pk, which)
    require(request.user, "procedures.handle_complaints", decision.procurement)
    return pages.appeal_page(request, decision.procurement, services.complainants(decision),
                             lambda data: services.record_appeal(request.user, decision, data),
                             reverse(PAGES[which], args=[pk]),
                             success=_("The appeal was recorded and is shown under the decision."))


def _handled(request, pk: int):
    complaint = selectors.visible_decision_complaint(request.user, pk)
    stage = selectors.stage_of(complaint)
    require(request.user, "procedures.handle_complaints", stage.procurement)
    page = reverse(PAGES["selection" if complaint.selection_id else "reduction"], args=[stage.pk])
    return complaint, stage.procurement, page


@login_required
@require_http_methods(["GET", "POST"])
def complaint_answer(request, pk: int):
    complaint, procurement, page = _handled(request, pk)
    return pages.answer_page(request, complaint, procurement,
                             lambda data: services.answer_complaint(request.user, complaint, data), page,
                             success=_("The answer was recorded and is shown under the decision."))


@login_required
@require_http_methods(["GET", "POST"])
def court_decision(request, pk: int):
    complaint, procurement, page = _handled(request, pk)
    return pages.court_page(request, complaint, procurement, DecisionCourtForm,
                            lambda data: services.record_court_decision(request.user, complaint, data), page,
                            success=_("The Market Court's decision was recorded and is shown under the decision."))
