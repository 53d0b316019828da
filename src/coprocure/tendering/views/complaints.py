"""A bidder's complaint about a published award and the accountable official's answer."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.core.services import require
from coprocure.web.forms import form_page, posted

from .. import selectors, services
from ..forms import ComplaintAnswerForm, ComplaintForm
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
    return form_page(
        request, ComplaintAnswerForm(posted(request)), template=FORM,
        context={"title": _("Answer a complaint"), "procurement": tender.procurement, "intro": complaint.grounds},
        save=lambda data: services.answer_complaint(request.user, complaint, data),
        success=_("The answer was recorded and is shown on the award page."),
        next_url=lambda _answered: reverse("award", args=[tender.pk]),
    )
