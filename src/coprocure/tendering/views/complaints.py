"""A bidder's complaint about a published award and the accountable official's answer."""

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


@login_required
@require_http_methods(["GET", "POST"])
def complaint_file(request, pk: int):
    decision = selectors.visible_published_award(request.user, pk)
    tender = decision.tender
    require(request.user, "tendering.complain", tender.procurement)
    return form_page(
        request, ComplaintForm(posted(request)), template=FORM, context={
            "title": _("Complain about the award decision"), "procurement": tender.procurement,
            "intro": _("A request for rectification asks the authority to correct its own decision. "
                       "An appeal is made to the Market Court; record it here so that the contract waits for it."),
        },
        save=lambda data: services.file_complaint(request.user, decision, data),
        success=_("Your complaint was received. The answer will be shown on the award page."),
        next_url=lambda _complaint: reverse("award", args=[tender.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_answer(request, pk: int):
    complaint = selectors.visible_complaint(request.user, pk)
    tender = complaint.decision.tender
    require(request.user, "tendering.decide", tender.procurement)
    if complaint.is_appeal:
        # The Market Court decides an appeal; the authority records the court's decision instead.
        return render(request, FORM, {"title": _("Answer a complaint"), "procurement": tender.procurement,
                                      "problem": ServiceError.from_domain(DomainError("appeal_not_answered"), 409)},
                      status=409)
    return form_page(
        request, ComplaintAnswerForm(posted(request)), template=FORM,
        context={"title": _("Answer a complaint"), "procurement": tender.procurement, "intro": complaint.grounds},
        save=lambda data: services.answer_complaint(request.user, complaint, data),
        success=_("The answer was recorded and is shown on the award page."),
        next_url=lambda _answered: reverse("award", args=[tender.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def appeal_record(request, pk: int):
    """The authority records an appeal the Market Court told it of, late or not."""
    decision = selectors.visible_published_award(request.user, pk)
    tender = decision.tender
    require(request.user, "tendering.decide", tender.procurement)
    form = AppealForm(posted(request), organisations=services.bidder_organisations(tender))
    return form_page(
        request, form, template=FORM, context={
            "title": _("Record an appeal to the Market Court"), "procurement": tender.procurement,
            "intro": _("The Market Court decides the appeal and whether it was made in time: record every appeal, "
                       "also one made after the last day."),
        },
        save=lambda data: services.record_appeal(request.user, decision, data),
        success=_("The appeal was recorded and is shown on the award page."),
        next_url=lambda _appeal: reverse("award", args=[tender.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def court_decision(request, pk: int):
    """A ban on enforcement and the Market Court's decision on an appeal, as the court gave them."""
    complaint = selectors.visible_complaint(request.user, pk)
    tender = complaint.decision.tender
    require(request.user, "tendering.decide", tender.procurement)
    form = CourtDecisionForm(posted(request), initial={"outcome": complaint.outcome,
                                                       "enforcement_banned": complaint.enforcement_banned})
    return form_page(
        request, form, template=FORM,
        context={"title": _("Record the Market Court's decision"), "procurement": tender.procurement},
        save=lambda data: services.record_court_decision(request.user, complaint, data),
        success=_("The Market Court's decision was recorded and is shown on the award page."),
        next_url=lambda _recorded: reverse("award", args=[tender.pk]),
    )
