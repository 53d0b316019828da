"""Thin views: read through selectors, write through services, render templates."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coprocure.domain import charts, settlement
from coprocure.domain.errors import DomainError
from coprocure.errors import message_for
from coprocure.web.forms import act, form_page, posted, require
from coprocure.web.pdf import pdf_response

from . import selectors, services
from .forms import CostDecisionForm, CostLineForm, PeriodForm, ScenarioForm
from .models import CostStatus


FORM = "contracts/form.html"


def _form_context(title: str, contract, intro: str) -> dict:
    return {"title": title, "contract": contract, "procurement": contract.procurement, "intro": intro}


def periods(request, pk: int):
    contract = selectors.visible_alliance(request.user, pk)
    return render(request, "alliance/periods.html", {
        "contract": contract, "periods": selectors.periods_of(contract),
        "can_manage": request.user.has_perm("alliance.manage", contract),
    })


@login_required
@require_http_methods(["GET", "POST"])
def period_create(request, pk: int):
    contract = selectors.visible_alliance(request.user, pk)
    require(request, "alliance.manage", contract)
    return form_page(
        request, PeriodForm(posted(request), contract=contract), template=FORM, context=_form_context(
            _("New settlement period"), contract,
            _("The commercial model agreed for the period. The providers' shares must add up to 100 per cent.")),
        save=lambda data: services.create_period(request.user, contract, data),
        success=_("The settlement period was added."),
        next_url=lambda saved: reverse("settlement_periods", args=[contract.pk]),
    )


def _scenario(request, draft, result):
    """Recompute with the reader's changes; nothing is written."""
    form = ScenarioForm(request.GET or None, kras=draft.kras)
    if not request.GET or not form.is_valid():
        return form, None
    period = draft.period
    if form.cleaned_data["actual_cost"] is not None:
        period = settlement.Period(period.label, (settlement.CostLine("scenario", form.cleaned_data["actual_cost"]),),
                                   period.kra_values)
    values = dict(period.kra_values)
    for _kra, domain_kra in draft.kras:
        changed = form.cleaned_data.get(f"kra_{domain_kra.id}")
        if changed is not None:
            values[domain_kra.id] = changed
    try:
        scenario = settlement.settle(draft.model, settlement.Period(period.label, period.cost_lines, values))
    except DomainError as error:
        form.add_error(None, message_for(error.code, error.params))
        return form, None
    return form, {"result": scenario, "change": scenario.payment - result.payment}


def _statement(request, period) -> dict:
    """What both the statement page and its PDF show: the frozen document once approved,
    otherwise the computation from the current records."""
    frozen = selectors.latest_statement(period)
    draft = selectors.draft(period)
    problem = None
    if frozen:
        result = settlement.from_json_dict(frozen.document)
    else:
        try:
            result = draft.settle()
        except DomainError as error:
            # The contract's KRAs changed after the terms were agreed: say what is wrong, compute nothing.
            result, problem = None, message_for(error.code, error.params)
    names = {str(split.party_id): split.party.name for split in period.splits.all()}
    kra_names = {domain_kra.id: kra for kra, domain_kra in draft.kras}
    kras = [(kra_names.get(outcome.kra_id, outcome.kra_id), outcome) for outcome in result.kras] if result else []
    chart = charts.level_chart([(outcome.level, outcome.missing) for _name, outcome in kras])
    cost_lines = period.cost_lines.all()
    return {
        "contract": period.contract, "period": period, "result": result, "frozen": frozen, "draft": draft,
        "problem": problem, "kras": kras, "chart": chart,
        "level_rows": [(bar, name) for bar, (name, _outcome) in zip(chart.bars, kras)],
        "shares": [(names.get(share.provider_id, share.provider_id), share) for share in result.shares] if result else [],
        "cost_lines": cost_lines, "approved_lines": [line for line in cost_lines if line.status == CostStatus.APPROVED],
        "statements": period.statements.all(),
    }


def statement(request, pk: int):
    period = selectors.visible_period(request.user, pk)
    contract = period.contract
    context = _statement(request, period)
    frozen, result = context["frozen"], context["result"]
    scenario_form, scenario = (None, None) if frozen or result is None else _scenario(request, context["draft"], result)
    return render(request, "alliance/statement.html", {
        **context, "scenario_form": scenario_form, "scenario": scenario,
        "can_report": frozen is None and request.user.has_perm("alliance.report_costs", contract),
        "can_approve_costs": frozen is None and request.user.has_perm("alliance.approve_costs", contract),
        "can_approve": request.user.has_perm("alliance.approve_statement", contract),
        "can_read_costs": request.user.has_perm("alliance.read_costs", contract),
        "audit_reports": period.audit_reports.all(),
    })


def statement_pdf(request, pk: int):
    """The statement as a PDF for the steering group's papers: the same figures as the page."""
    period = selectors.visible_period(request.user, pk)
    return pdf_response(request, "alliance/pdf/statement.html", {
        **_statement(request, period), "today": timezone.localdate(),
        "json_url": request.build_absolute_uri(f"/api/v1/contracts/{period.contract_id}/settlements/{quote(period.label)}"),
    },
                        f"allianssi-{period.contract_id}-{slugify(period.label)}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def cost_report(request, pk: int):
    period = selectors.visible_period(request.user, pk)
    require(request, "alliance.report_costs", period.contract)
    return form_page(
        request, CostLineForm(posted(request), contract=period.contract), template=FORM, context=_form_context(
            _("Report a cost"), period.contract, _("Only costs the authority approves count in the settlement.")),
        save=lambda data: services.report_cost(request.user, period, data),
        success=_("The cost was reported. The authority checks it next."),
        next_url=lambda saved: reverse("settlement_statement", args=[period.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def cost_decide(request, pk: int):
    line = selectors.visible_cost_line(request.user, pk)
    require(request, "alliance.approve_costs", line.period.contract)
    return form_page(
        request, CostDecisionForm(posted(request)), template=FORM, context=_form_context(
            _("Approve or reject a cost"), line.period.contract,
            f"{line.party.name}: {line.category}, {line.amount} € ({line.evidence})"),
        save=lambda data: services.decide_cost(request.user, line, data), success=_("The decision was recorded."),
        next_url=lambda saved: reverse("settlement_statement", args=[line.period_id]),
    )


@login_required
@require_POST
def statement_approve(request, pk: int):
    period = selectors.visible_period(request.user, pk)
    require(request, "alliance.approve_statement", period.contract)
    return act(request, lambda: services.approve_statement(request.user, period),
               success=_("The statement was approved and is now frozen."),
               next_url=reverse("settlement_statement", args=[period.pk]))
