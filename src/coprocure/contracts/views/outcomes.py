"""Key result areas and indicators, the outcomes dashboard, and the survey rounds of
user-reported indicators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coprocure.caching.pages import public_page
from coprocure.domain import privacy
from coprocure.errors import ServiceError
from coprocure.web.forms import flash_errors, form_page, posted, save_form

from .. import selectors, services
from ..forms import IndicatorForm, KraForm, SurveyLinkForm, SurveyMeasureForm
from ._common import FORM, contract_form, form_context, kras_kept, kras_kept_page, require


@login_required
@require_http_methods(["GET", "POST"])
def kra_create(request, pk: int):
    title = _("Add a key result area")
    contract = selectors.visible_contract(request.user, pk)
    require(request, "contracts.manage", contract.procurement)
    return kras_kept_page(request, contract, title) or contract_form(
        request, pk, KraForm, title=title, success=_("The key result area was added."),
        save=lambda contract, data: services.add_kra(request.user, contract, data))


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request, pk: int):
    kra = selectors.visible_kra(request.user, pk)
    contract = kra.contract
    require(request, "contracts.manage", contract.procurement)
    intro = _("Minimum, target and excellent must run in the indicator's direction: for a lower-is-better indicator, excellent is the smallest.")
    return kras_kept_page(request, contract, _("Add an indicator")) or form_page(
        request, IndicatorForm(posted(request), contract=contract), template=FORM,
        context=form_context(_("Add an indicator"), contract=contract, intro=intro),
        save=lambda data: services.add_indicator(request.user, kra, data), success=_("The indicator was added."),
        next_url=lambda saved: reverse("contract_outcomes", args=[contract.pk]),
    )


@public_page("outcomes", procurement_of=selectors.procurement_id_of_contract)
def outcomes(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    return render(request, "contracts/outcomes.html", {
        "contract": contract, "areas": selectors.outcome_areas(contract),
        "can_manage": request.user.has_perm("contracts.manage", contract.procurement),
        "can_report": request.user.has_perm("contracts.report", contract),
        "kras_kept": kras_kept(contract),
    })


def _survey_indicator(request, pk: int):
    indicator = selectors.visible_indicator(request.user, pk)
    require(request, "contracts.manage", indicator.kra.contract.procurement)
    return indicator


@login_required
@require_http_methods(["GET", "POST"])
def indicator_survey(request, pk: int):
    """A user-reported indicator's survey rounds: link the first, open the next, store results."""
    indicator = _survey_indicator(request, pk)
    form = SurveyLinkForm(posted(request), indicator=indicator)
    if request.method == "POST" and save_form(form, lambda data: services.link_survey_question(request.user, indicator, data)):
        messages.success(request, _("The indicator is linked to the survey."))
        return redirect("indicator_survey", pk=indicator.pk)
    return render(request, "contracts/indicator_survey.html", {
        "indicator": indicator, "contract": indicator.kra.contract, "form": form,
        "rounds": selectors.survey_rounds(indicator), "k": privacy.DEFAULT_K,
    }, status=422 if form.errors else 200)


@login_required
@require_POST
def survey_round_open(request, pk: int):
    indicator = _survey_indicator(request, pk)
    try:
        survey_round = services.open_next_round(request.user, indicator)
    except ServiceError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The next round is open from %(start)s to %(end)s.") % {
            "start": survey_round.period_start.strftime("%d.%m.%Y"), "end": survey_round.period_end.strftime("%d.%m.%Y")})
    return redirect("indicator_survey", pk=indicator.pk)


@login_required
@require_POST
def survey_measure(request, pk: int):
    indicator = _survey_indicator(request, pk)
    form = SurveyMeasureForm(request.POST)
    if save_form(form, lambda data: services.record_survey_measurement(request.user, indicator, data)):
        messages.success(request, _("The result was stored."))
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
    return redirect("indicator_survey", pk=indicator.pk)
