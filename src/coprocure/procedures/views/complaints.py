"""Complaints against a selection decision or a decision reducing the candidates: a candidate's
request for rectification, the accountable official's answer, and the authority's record of an
appeal to the Market Court and of the court's decision. The forms are the award's."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.core.services import require
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.tendering.forms import AppealForm, ComplaintAnswerForm, ComplaintForm
from coprocure.web.forms import form_page, posted

from .. import selectors_complaints as selectors
from ..forms import DecisionCourtForm
from ..services import complaints as services

FORM = "tendering/form.html"
PAGES = {"selection": "call", "reduction": "round"}


def _page(stage_pk: int, which: str) -> str:
    return reverse(PAGES[which], args=[stage_pk])


@login_required
@require_http_methods(["GET", "POST"])
def complaint_file(request, pk: int, which: str):
    decision = selectors.published_decision(request.user, pk, which)
    require(request.user, "procedures.complain", decision.procurement)
    return form_page(
        request, ComplaintForm(posted(request)), template=FORM, context={
            "title": _("Complain about the decision"), "procurement": decision.procurement,
            "intro": _("A request for rectification asks the authority to correct its own decision. An appeal is "
                       "made to the Market Court; record it here so that the procedure waits for it."),
        },
        save=lambda data: services.file_complaint(request.user, decision, data),
        success=_("Your complaint was received. The answer will be shown under the decision."),
        next_url=lambda _complaint: _page(pk, which),
    )


@login_required
@require_http_methods(["GET", "POST"])
def appeal_record(request, pk: int, which: str):
    """The authority records an appeal the Market Court told it of, late or not."""
    decision = selectors.published_decision(request.user, pk, which)
    require(request.user, "procedures.handle_complaints", decision.procurement)
    form = AppealForm(posted(request), organisations=services.complainants(decision))
    return form_page(
        request, form, template=FORM, context={
            "title": _("Record an appeal to the Market Court"), "procurement": decision.procurement,
            "intro": _("The Market Court decides the appeal and whether it was made in time: record every appeal, "
                       "also one made after the last day."),
        },
        save=lambda data: services.record_appeal(request.user, decision, data),
        success=_("The appeal was recorded and is shown under the decision."),
        next_url=lambda _appeal: _page(pk, which),
    )


def _complaint_page(request, pk: int):
    complaint = selectors.visible_decision_complaint(request.user, pk)
    stage = selectors.stage_of(complaint)
    require(request.user, "procedures.handle_complaints", stage.procurement)
    return complaint, stage, _page(stage.pk, "selection" if complaint.selection_id else "reduction")


@login_required
@require_http_methods(["GET", "POST"])
def complaint_answer(request, pk: int):
    complaint, stage, page = _complaint_page(request, pk)
    if complaint.is_appeal:
        # The Market Court decides an appeal; the authority records the court's decision instead.
        return render(request, FORM, {"title": _("Answer a complaint"), "procurement": stage.procurement,
                                      "problem": ServiceError.from_domain(DomainError("appeal_not_answered"), 409)},
                      status=409)
    return form_page(
        request, ComplaintAnswerForm(posted(request)), template=FORM,
        context={"title": _("Answer a complaint"), "procurement": stage.procurement, "intro": complaint.grounds},
        save=lambda data: services.answer_complaint(request.user, complaint, data),
        success=_("The answer was recorded and is shown under the decision."),
        next_url=lambda _answered: page,
    )


@login_required
@require_http_methods(["GET", "POST"])
def court_decision(request, pk: int):
    """A ban on enforcement and the Market Court's decision on an appeal, as the court gave them."""
    complaint, stage, page = _complaint_page(request, pk)
    form = DecisionCourtForm(posted(request), initial={"outcome": complaint.outcome,
                                                       "enforcement_banned": complaint.enforcement_banned})
    return form_page(
        request, form, template=FORM,
        context={"title": _("Record the Market Court's decision"), "procurement": stage.procurement},
        save=lambda data: services.record_court_decision(request.user, complaint, data),
        success=_("The Market Court's decision was recorded and is shown under the decision."),
        next_url=lambda _recorded: page,
    )
