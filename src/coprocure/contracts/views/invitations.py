"""Outcome surveys answered only with invitation codes: the client's answer page, the staff's
codes and the flags for the accountable official."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.web.forms import form_page, posted, save_form
from coprocure.web.ratelimit import rate_limited

from .. import selectors, services
from ..forms import ClearFlagForm, CodeAnswerForm, IssueCodesForm
from ._common import FORM, form_context, require


@require_http_methods(["GET", "POST"])
@rate_limited("survey_answer")
def outcome_answer(request):
    """Anyone with a code answers here; the code, not the address, is the invitation."""
    form = CodeAnswerForm(posted(request))
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST" and save_form(
            form, lambda data: services.answer_with_code(data["code"], data["value"], user)):
        messages.success(request, _("Thank you: your answer was saved."))
        return redirect("outcome_answer")
    return render(request, "contracts/outcome_answer.html", {"form": form}, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_invitations(request, pk: int):
    indicator = selectors.visible_indicator(request.user, pk)
    contract = indicator.kra.contract
    require(request, "contracts.manage", contract.procurement)
    form = IssueCodesForm(posted(request))
    issued = save_form(form, lambda data: services.issue_codes(request.user, indicator, data)) if request.method == "POST" else None
    return render(request, "contracts/invitations.html", {
        "indicator": indicator, "contract": contract, "form": form, "codes": issued[1] if issued else None,
        "sent": issued[0].size if issued and not issued[1] else 0,
        "flags": indicator.figure_flags.select_related("cleared_by"),
        "answer_url": request.build_absolute_uri(reverse("outcome_answer")),
    }, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def figure_flag_clear(request, pk: int):
    flag = selectors.visible_flag(request.user, pk)
    contract = flag.indicator.kra.contract
    require(request, "contracts.decide", contract.procurement)
    return form_page(
        request, ClearFlagForm(posted(request)), template=FORM, context=form_context(
            _("Clear a flagged figure"), contract=contract,
            intro=f"{flag.get_kind_display()}: {flag.detail}"),
        save=lambda data: services.clear_flag(request.user, flag, data), success=_("The flag was cleared."),
        next_url=lambda saved: reverse("indicator_invitations", args=[flag.indicator_id]),
    )
