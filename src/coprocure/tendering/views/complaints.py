"""Complaints about a published decision: a complaint by one the decision names, the accountable
official's answer, and the authority's record of an appeal to the Market Court and of the court's
decision. The award's pages are here; the ``*_page`` helpers also serve the procedure's selection
and reduction decisions (procedures.views.complaints)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from django.shortcuts import render

from coprocure.core.services import require
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.web.forms import form_page, posted

from .. import selectors, services
from ..forms import AppealForm, ComplaintAnswerForm, ComplaintForm, CourtDecisionForm
from .tender import FORM


def complaint_page(request, procurement, save, back: str, *, title: str, intro: str, success: str):
    return form_page(request, ComplaintForm(posted(request)), template=FORM,
                     context={"title": title, "procurement": procurement, "intro": intro},
                     save=save, success=success, next_url=lambda _complaint: back)


def appeal_page(request, procurement, organisations, save, back: str, *, success: str):
    """The authority records an appeal the Market Court told it of, late or not."""
    return form_page(
        request, AppealForm(posted(request), organisations=organisations), template=FORM, context={
            "title": _("Record an appeal to the Market Court"), "procurement": procurement,
            "intro": _("The Market Court decides the appeal and whether it was made in time: record every appeal, "
                       "also one made after the last day."),
        }, save=save, success=success, next_url=lambda _appeal: back)


def answer_page(request, complaint, procurement, save, back: str, *, success: str):
    if complaint.is_appeal:
        # The Market Court decides an appeal; the authority records the court's decision instead.
        return render(request, FORM, {"title": _("Answer a complaint"), "procurement": procurement,
                                      "problem": ServiceError.from_domain(DomainError("appeal_not_answered"), 409)},
                      status=409)
    return form_page(request, ComplaintAnswerForm(posted(request)), template=FORM,
                     context={"title": _("Answer a complaint"), "procurement": procurement, "intro": complaint.grounds},
                     save=save, success=success, next_url=lambda _answered: back)


def court_page(request, complaint, procurement, form_class, save, back: str, *, success: str):
    """A ban on enforcement and the Market Court's decision on an appeal, as the court gave them."""
    form = form_class(posted(request), initial={"outcome": complaint.outcome,
                                                "enforcement_banned": complaint.enforcement_banned})
    return form_page(request, form, template=FORM,
                     context={"title": _("Record the Market Court's decision"), "procurement": procurement},
                     save=save, success=success, next_url=lambda _recorded: back)


@login_required
@require_http_methods(["GET", "POST"])
def complaint_file(request, pk: int):
    decision = selectors.visible_published_award(request.user, pk)
    tender = decision.tender
    require(request.user, "tendering.complain", tender.procurement)
    return complaint_page(
        request, tender.procurement, lambda data: services.file_complaint(request.user, decision, data),
        reverse("award", args=[tender.pk]), title=_("Complain about the award decision"),
        intro=_("A request for rectification asks the authority to correct its own decision. "
                "An appeal is made to the Market Court; record it here so that the contract waits for it."),
        success=_("Your complaint was received. The answer will be shown on the award page."))


@login_required
@require_http_methods(["GET", "POST"])
def complaint_answer(request, pk: int):
    complaint = selectors.visible_complaint(request.user, pk)
    tender = complaint.decision.tender
    require(request.user, "tendering.decide", tender.procurement)
    return answer_page(request, complaint, tender.procurement,
                       lambda data: services.answer_complaint(request.user, complaint, data),
                       reverse("award", args=[tender.pk]),
                       success=_("The answer was recorded and is shown on the award page."))


@login_required
@require_http_methods(["GET", "POST"])
def appeal_record(request, pk: int):
    decision = selectors.visible_published_award(request.user, pk)
    tender = decision.tender
    require(request.user, "tendering.decide", tender.procurement)
    return appeal_page(request, tender.procurement, services.bidder_organisations(tender),
                       lambda data: services.record_appeal(request.user, decision, data),
                       reverse("award", args=[tender.pk]),
                       success=_("The appeal was recorded and is shown on the award page."))


@login_required
@require_http_methods(["GET", "POST"])
def court_decision(request, pk: int):
    complaint = selectors.visible_complaint(request.user, pk)
    tender = complaint.decision.tender
    require(request.user, "tendering.decide", tender.procurement)
    return court_page(request, complaint, tender.procurement, CourtDecisionForm,
                      lambda data: services.record_court_decision(request.user, complaint, data),
                      reverse("award", args=[tender.pk]),
                      success=_("The Market Court's decision was recorded and is shown on the award page."))
