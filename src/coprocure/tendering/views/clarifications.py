"""A bidder's question about the tender and an official's answer."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.core.services import require
from coprocure.web.forms import form_page, posted

from .. import selectors, services
from ..forms import AnswerForm, ClarificationForm
from .tender import FORM, tender_url


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request, pk: int):
    tender = selectors.visible_tender(request.user, pk)
    require(request.user, "tendering.ask", tender.procurement)
    return form_page(
        request, ClarificationForm(posted(request)), template=FORM,
        context={"title": _("Ask a question about the tender"), "procurement": tender.procurement},
        save=lambda data: services.ask_question(request.user, tender, data["question"]),
        success=_("Your question was sent. The answer will be shown on the tender page."),
        next_url=lambda _question: tender_url(tender),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_answer(request, pk: int):
    clarification = selectors.visible_clarification(request.user, pk)
    tender = clarification.tender
    require(request.user, "tendering.answer", tender.procurement)
    return form_page(
        request, AnswerForm(posted(request), initial={"answer": clarification.answer}), template=FORM,
        context={"title": _("Answer a question"), "procurement": tender.procurement, "clarification": clarification},
        save=lambda data: services.answer_question(request.user, clarification, data["answer"]),
        success=_("The answer was published."), next_url=lambda _answered: tender_url(tender),
    )
