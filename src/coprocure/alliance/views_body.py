"""The alliance as a body: its leadership group and decisions, the agreed cost categories, the
auditor and the open book. Thin views: selectors to read, services to write."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.core import visibility
from coprocure.web.forms import form_page, posted, require

from . import selectors, services
from .forms import AuditorForm, AuditReportForm, LeadershipDecisionForm
from .views import FORM, _form_context


def leadership(request, pk: int):
    contract = selectors.visible_alliance(request.user, pk)
    decisions = [(item, visibility.may_show(request.user, item.decision, "decided"))
                 for item in selectors.leadership_of(contract)]
    return render(request, "alliance/leadership.html", {
        "contract": contract, "parties": contract.parties.order_by("role", "name"), "decisions": decisions,
        "categories": contract.cost_categories.all(), "auditors": contract.auditors.select_related("user"),
        "can_decide": request.user.has_perm("alliance.decide", contract),
        "can_manage": request.user.has_perm("alliance.manage", contract),
    })


@login_required
@require_http_methods(["GET", "POST"])
def leadership_decision_create(request, pk: int):
    contract = selectors.visible_alliance(request.user, pk)
    require(request, "alliance.decide", contract)
    return form_page(
        request, LeadershipDecisionForm(posted(request), contract=contract), template=FORM, context=_form_context(
            _("Record a decision of the alliance leadership group"), contract,
            _("Every party of the alliance states its position. Target cost, fee, KRAs and cost categories are "
              "decided only when every party agrees; the authority's accountable official carries the decision.")),
        save=lambda data: services.record_leadership_decision(request.user, contract, data),
        success=_("The decision was recorded."),
        next_url=lambda saved: reverse("alliance_leadership", args=[contract.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def auditor_appoint(request, pk: int):
    contract = selectors.visible_alliance(request.user, pk)
    require(request, "alliance.manage", contract)
    return form_page(
        request, AuditorForm(posted(request)), template=FORM, context=_form_context(
            _("Appoint the alliance's auditor"), contract,
            _("The auditor reads every cost line with its evidence and reports on each settlement period. "
              "Nobody working for a provider of the alliance can be its auditor.")),
        save=lambda data: services.appoint_auditor(request.user, contract, data),
        success=_("The auditor was appointed."),
        next_url=lambda saved: reverse("alliance_leadership", args=[contract.pk]),
    )


@login_required
def open_book(request, pk: int):
    period = selectors.visible_period(request.user, pk)
    require(request, "alliance.read_costs", period.contract)
    lines, reports = selectors.open_book(period)
    return render(request, "alliance/open_book.html", {
        "contract": period.contract, "period": period, "lines": lines, "reports": reports,
        "can_audit": request.user.has_perm("alliance.audit", period.contract),
    })


@login_required
@require_http_methods(["GET", "POST"])
def audit_report_create(request, pk: int):
    period = selectors.visible_period(request.user, pk)
    require(request, "alliance.audit", period.contract)
    return form_page(
        request, AuditReportForm(posted(request)), template=FORM, context=_form_context(
            _("Audit report for the period"), period.contract,
            _("Your report is needed before the statement can be approved.")),
        save=lambda data: services.issue_audit_report(request.user, period, data),
        success=_("The audit report was issued."),
        next_url=lambda saved: reverse("settlement_open_book", args=[period.pk]),
    )
