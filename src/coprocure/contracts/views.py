"""Thin views: read through selectors, write through services, render templates."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coprocure.caching.pages import public_page
from coprocure.core.moderation import redaction_page
from coprocure.web.ratelimit import rate_limited
from coprocure.core.selectors import visible_procurement
from coprocure.domain import privacy, reporting
from coprocure.domain.errors import DomainError
from coprocure.errors import RowsRejected, ServiceError, message_for
from coprocure.web.forms import posted, save_form

from coprocure.tendering import selectors as tendering_selectors

from coprocure.interop import spreadsheets

from . import award, selectors, services
from .forms import (
    CORRECTIONS,
    AmendmentForm, CompensationForm, ContractForm, DecisionForm, DocumentForm, IndicatorForm, KraForm, MeasurementForm,
    MeetingForm, MemberForm, MinutesForm, PartyForm, PositionForm, ProposalDecisionForm, ProposalForm, SurveyLinkForm,
    SurveyMeasureForm, UploadForm,
)
from .models import Contract

UPLOAD_SALT = "coprocure.contracts.report"


def _require(request, permission: str, procurement) -> None:
    if not request.user.has_perm(permission, procurement):
        raise PermissionDenied


def _form_page(request, form, *, title: str, contract: Contract | None, procurement, save, success: str, next_url,
               intro: str = ""):
    """Render a staff form; on a valid POST run the service and go to ``next_url(saved)``."""
    if request.method == "POST":
        saved = save_form(form, save)
        if saved:
            messages.success(request, success)
            return redirect(next_url(saved))
    context = {"form": form, "title": title, "contract": contract, "procurement": procurement, "intro": intro}
    return render(request, "contracts/form.html", context, status=422 if form.errors else 200)


def procurement_contracts(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    return render(request, "contracts/procurement.html", {
        "procurement": procurement, "contracts": selectors.contracts_of(procurement),
        "can_manage": request.user.has_perm("contracts.manage", procurement) and procurement.phase == "contract",
    })


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    _require(request, "contracts.manage", procurement)
    form = ContractForm(posted(request))
    return _form_page(
        request, form, title=_("New contract"), contract=None, procurement=procurement,
        save=lambda data: services.create_contract(request.user, procurement, data),
        success=_("The contract was created. Now add the providers as parties."),
        next_url=lambda saved: reverse("contract_detail", args=[saved.pk]),
    )


def contract_detail(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    procurement = contract.procurement
    return render(request, "contracts/detail.html", {
        "contract": contract, "procurement": procurement,
        "decisions": selectors.decisions_of(contract), "carried_over": selectors.carried_over(contract),
        "report_flags": selectors.report_flags(contract), "reporting_days": reporting.REPORTING_DAYS,
        "can_manage": request.user.has_perm("contracts.manage", procurement),
        "can_decide": request.user.has_perm("contracts.decide", procurement),
    })


def _contract_form(request, pk: int, form_class, *, title: str, save, success: str, permission="contracts.manage",
                   intro: str = "", needs_contract: bool = False):
    contract = selectors.visible_contract(request.user, pk)
    _require(request, permission, contract.procurement)
    form = form_class(posted(request), **({"contract": contract} if needs_contract else {}))
    return _form_page(
        request, form, title=title, contract=contract, procurement=contract.procurement, intro=intro,
        save=lambda data: save(contract, data), success=success,
        next_url=lambda saved: reverse("contract_detail", args=[contract.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_add(request, pk: int):
    return _contract_form(request, pk, PartyForm, title=_("Add a party"), success=_("The party was added."),
                          save=lambda contract, data: services.add_party(request.user, contract, data))


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request, pk: int):
    return _contract_form(request, pk, DocumentForm, title=_("Add a document"), success=_("The document was added."),
                          save=lambda contract, data: services.add_document(request.user, contract, data))


@login_required
@require_http_methods(["GET", "POST"])
def amendment_add(request, pk: int):
    return _contract_form(
        request, pk, AmendmentForm, title=_("Amend the contract"), success=_("The amendment was recorded."),
        intro=_("Every amendment needs a reason and the recorded decision that approved it."),
        save=lambda contract, data: services.amend_contract(request.user, contract, data), needs_contract=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk: int):
    return _contract_form(
        request, pk, MemberForm, title=_("Add a steering group member"), success=_("The member was added."),
        save=lambda contract, data: services.add_member(request.user, contract, data), needs_contract=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk: int):
    return _contract_form(
        request, pk, MeetingForm, title=_("Schedule a meeting"), success=_("The meeting was scheduled."),
        save=lambda contract, data: services.schedule_meeting(request.user, contract, data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request, pk: int):
    return _contract_form(
        request, pk, DecisionForm, title=_("Record a decision"), success=_("The decision was recorded."),
        permission="contracts.decide",
        intro=_("Say what was decided, why, and whose proposal it was. The accountable official must be an official of the contracting authority."),
        save=lambda contract, data: services.record_decision(request.user, contract, data), needs_contract=True,
    )


def meeting_detail(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    procurement = meeting.contract.procurement
    can_manage = request.user.has_perm("contracts.manage", procurement)
    return render(request, "contracts/meeting.html", {
        "meeting": meeting, "contract": meeting.contract, "can_manage": can_manage,
        "decisions": meeting.decisions.select_related("contract__procurement", "accountable_official"),
    })


@login_required
@require_POST
def agenda_publish(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    _require(request, "contracts.manage", meeting.contract.procurement)
    try:
        services.publish_agenda(request.user, meeting)
    except ServiceError as error:
        for items in error.errors.values():
            for _code, message in items:
                messages.error(request, message)
    else:
        messages.success(request, _("The agenda is now public."))
    return redirect("meeting_detail", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    _require(request, "contracts.manage", meeting.contract.procurement)
    form = MinutesForm(posted(request), instance=meeting)
    return _form_page(
        request, form, title=_("Minutes and attendance"), contract=meeting.contract,
        procurement=meeting.contract.procurement,
        save=lambda data: services.record_minutes(request.user, meeting, data), success=_("The minutes were saved."),
        next_url=lambda saved: reverse("meeting_detail", args=[meeting.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def compensation_add(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    _require(request, "contracts.manage", meeting.contract.procurement)
    form = CompensationForm(posted(request), meeting=meeting)
    return _form_page(
        request, form, title=_("Record a fee"), contract=meeting.contract, procurement=meeting.contract.procurement,
        intro=_("Experts by experience and peers are paid for their time in meetings."),
        save=lambda data: services.record_compensation(request.user, meeting, data), success=_("The fee was recorded."),
        next_url=lambda saved: reverse("meeting_detail", args=[meeting.pk]),
    )


def decision_detail(request, pk: int):
    decision = selectors.visible_decision(request.user, pk)
    positions = list(decision.positions.all())
    return render(request, "contracts/decision.html", {
        "decision": decision, "contract": decision.contract, "positions": positions,
        "client_views": [position for position in positions if position.is_client_view and position.view],
        "can_decide": request.user.has_perm("contracts.decide", decision.contract.procurement),
    })


@login_required
@require_http_methods(["GET", "POST"])
def position_record(request, pk: int):
    decision = selectors.visible_decision(request.user, pk)
    _require(request, "contracts.decide", decision.contract.procurement)
    form = PositionForm(posted(request), decision=decision)
    return _form_page(
        request, form, title=_("Record a member's position"), contract=decision.contract,
        procurement=decision.contract.procurement,
        intro=_("Each member supports, opposes, abstains or dissents. A dissent is recorded with the member's view in their own words."),
        save=lambda data: services.record_position(request.user, decision, data), success=_("The position was recorded."),
        next_url=lambda saved: reverse("decision_detail", args=[decision.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def kra_create(request, pk: int):
    return _contract_form(request, pk, KraForm, title=_("Add a key result area"), success=_("The key result area was added."),
                          save=lambda contract, data: services.add_kra(request.user, contract, data))


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request, pk: int):
    kra = selectors.visible_kra(request.user, pk)
    contract = kra.contract
    _require(request, "contracts.manage", contract.procurement)
    form = IndicatorForm(posted(request), contract=contract)
    return _form_page(
        request, form, title=_("Add an indicator"), contract=contract, procurement=contract.procurement,
        intro=_("Minimum, target and excellent must run in the indicator's direction: for a lower-is-better indicator, excellent is the smallest."),
        save=lambda data: services.add_indicator(request.user, kra, data), success=_("The indicator was added."),
        next_url=lambda saved: reverse("contract_outcomes", args=[contract.pk]),
    )


@require_http_methods(["GET", "POST"])
@rate_limited("proposal")
def proposal_submit(request, pk: int):
    """The public idea form. Signed-in people's ideas carry their name; everyone else's are anonymous."""
    contract = selectors.visible_contract(request.user, pk)
    form = ProposalForm(posted(request))
    submitter = request.user if request.user.is_authenticated else None
    if request.method == "POST" and save_form(form, lambda data: services.submit_proposal(contract, data, submitter)):
        return redirect("proposal_thanks", pk=contract.pk)
    if request.method == "GET":
        form.initial["token"] = services.issue_proposal_token(contract)
    return render(request, "contracts/proposal_form.html", {"contract": contract, "form": form, "anonymous": submitter is None},
                  status=422 if form.errors else 200)


def proposal_thanks(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    return render(request, "contracts/proposal_thanks.html", {"contract": contract})


def you_said_we_did(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    return render(request, "contracts/trail.html", {"contract": contract, "proposals": selectors.trail_of(contract)})


@login_required
def backlog(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    _require(request, "contracts.manage", contract.procurement)
    return render(request, "contracts/backlog.html", {"contract": contract, "proposals": selectors.proposals_of(contract)})


@login_required
@require_http_methods(["GET", "POST"])
def proposal_decide(request, pk: int):
    proposal = selectors.visible_proposal(request.user, pk)
    contract = proposal.contract
    _require(request, "contracts.manage", contract.procurement)
    form = ProposalDecisionForm(posted(request), instance=proposal)
    return _form_page(
        request, form, title=_("Development proposal"), contract=contract, procurement=contract.procurement,
        intro=proposal.text,
        save=lambda data: services.decide_proposal(request.user, proposal, data), success=_("The proposal was updated."),
        next_url=lambda saved: reverse("contract_backlog", args=[contract.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_redact(request, pk: int):
    """Moderation: hide part of a proposal's public text with a reason; the original is kept."""
    proposal = selectors.visible_proposal(request.user, pk)
    _require(request, "contracts.manage", proposal.contract.procurement)
    return redaction_page(
        request, proposal, heading=_("Moderate a proposal"),
        back_url=reverse("contract_backlog", args=[proposal.contract_id]), back_label=_("Development backlog"),
        save=lambda data: services.redact_proposal(request.user, proposal, data),
        again_url=reverse("proposal_redact", args=[proposal.pk]),
    )


def _report_context(contract, **extra):
    return {"contract": contract, "upload_form": UploadForm(), "entry_form": MeasurementForm(contract=contract),
            "rows": [], "row_errors": [], "signed_rows": "", **extra}


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk: int):
    """Report measurements: one at a time, or a file checked row by row before anything is stored.

    A file's checked table travels back with the preview, signed, so that confirming stores
    exactly what was shown (and is checked once more against reports that arrived meanwhile).
    """
    contract = selectors.visible_contract(request.user, pk)
    if not request.user.has_perm("contracts.report", contract):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "entry":
        return _report_entry(request, contract)
    if action == "preview":
        return _report_preview(request, contract)
    if action == "store":
        return _report_store(request, contract)
    return render(request, "contracts/report.html", _report_context(contract))


def _report_entry(request, contract):
    form = MeasurementForm(request.POST, contract=contract)
    if form.is_valid():
        try:
            services.report_measurements(request.user, contract, form.table(), source="ui")
        except RowsRejected as rejected:
            for problem in rejected.row_errors:
                field = problem.field if problem.field in form.fields else "value"
                form.add_error(field, message_for(problem.code, problem.params))
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("The value was saved."))
            return redirect("contract_report", pk=contract.pk)
    return render(request, "contracts/report.html", _report_context(contract, entry_form=form), status=422)


def _report_preview(request, contract):
    form = UploadForm(request.POST, request.FILES)
    context = _report_context(contract, upload_form=form)
    if not form.is_valid():
        return render(request, "contracts/report.html", context, status=422)
    upload = form.cleaned_data["file"]
    try:
        table = spreadsheets.read_upload(upload)
    except ServiceError as error:
        error.add_to_form(form)
        return render(request, "contracts/report.html", context, status=422)
    rows, errors = services.check_report(contract, table)
    context.update(rows=rows, row_errors=[(e, message_for(e.code, e.params)) for e in errors], previewed=True,
                   signed_rows=signing.dumps(_plain_table(table), salt=UPLOAD_SALT) if not errors else "")
    return render(request, "contracts/report.html", context, status=422 if errors else 200)


def _report_store(request, contract):
    try:
        table = signing.loads(request.POST.get("rows", ""), salt=UPLOAD_SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, _("The checked report has expired. Please upload the file again."))
        return redirect("contract_report", pk=contract.pk)
    try:
        stored = services.report_measurements(request.user, contract, table, source="upload")
    except RowsRejected as rejected:
        context = _report_context(contract, row_errors=[(e, message_for(e.code, e.params)) for e in rejected.row_errors],
                                  previewed=True)
        return render(request, "contracts/report.html", context, status=422)
    messages.success(request, _("The report was saved: %(count)s values.") % {"count": len(stored)})
    return redirect("contract_outcomes", pk=contract.pk)


def _plain_table(table: list[list]) -> list[list]:
    """Cells as text the signer can carry (dates in ISO form, numbers exactly)."""
    def plain(cell):
        if isinstance(cell, datetime):
            return cell.date().isoformat()
        if isinstance(cell, date):
            return cell.isoformat()
        return None if cell is None else str(cell)

    return [[plain(cell) for cell in row] for row in table]


@public_page("outcomes", procurement_of=selectors.procurement_id_of_contract)
def outcomes(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    return render(request, "contracts/outcomes.html", {
        "contract": contract, "areas": selectors.outcome_areas(contract),
        "can_manage": request.user.has_perm("contracts.manage", contract.procurement),
        "can_report": request.user.has_perm("contracts.report", contract),
    })


def _survey_indicator(request, pk: int):
    indicator = selectors.visible_indicator(request.user, pk)
    _require(request, "contracts.manage", indicator.kra.contract.procurement)
    return indicator


def _messages_of(request, error: ServiceError) -> None:
    for items in error.errors.values():
        for _code, message in items:
            messages.error(request, message)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_survey(request, pk: int):
    """A user-reported indicator's survey rounds: link the first, open the next, store results."""
    indicator = _survey_indicator(request, pk)
    contract = indicator.kra.contract
    form = SurveyLinkForm(posted(request), indicator=indicator)
    if request.method == "POST" and save_form(form, lambda data: services.link_survey_question(request.user, indicator, data)):
        messages.success(request, _("The indicator is linked to the survey."))
        return redirect("indicator_survey", pk=indicator.pk)
    return render(request, "contracts/indicator_survey.html", {
        "indicator": indicator, "contract": contract, "form": form, "rounds": selectors.survey_rounds(indicator),
        "k": privacy.DEFAULT_K,
    }, status=422 if form.errors else 200)


@login_required
@require_POST
def survey_round_open(request, pk: int):
    indicator = _survey_indicator(request, pk)
    try:
        survey_round = services.open_next_round(request.user, indicator)
    except ServiceError as error:
        _messages_of(request, error)
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


# The page to return to after correcting each kind of record.
CORRECTED_BACK = {"member": "contract_detail", "meeting": "contract_detail", "kra": "contract_outcomes",
                  "indicator": "contract_outcomes", "document": "contract_detail"}


def _correctable(request, kind: str, pk: int):
    model, form_class, needs_contract = CORRECTIONS[kind]
    record, contract = selectors.visible_record(request.user, model, pk)
    _require(request, "contracts.manage", contract.procurement)
    return record, contract, form_class, needs_contract, reverse(CORRECTED_BACK[kind], args=[contract.pk])


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, pk: int, kind: str):
    record, contract, form_class, needs_contract, back = _correctable(request, kind, pk)
    form = form_class(posted(request), instance=record, **({"contract": contract} if needs_contract else {}))
    if kind == "member":
        form.fields["deputy_for"].queryset = form.fields["deputy_for"].queryset.exclude(pk=record.pk)
    return _form_page(
        request, form, title=_("Correct: %(record)s") % {"record": record}, contract=contract,
        procurement=contract.procurement, save=lambda data: services.correct(request.user, record, data),
        success=_("The correction was saved."), next_url=lambda saved: back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_remove(request, pk: int, kind: str):
    record, contract, _form_class, _needs_contract, back = _correctable(request, kind, pk)
    problem = None
    if request.method == "POST":
        try:
            services.remove(request.user, record)
        except ServiceError as error:
            problem = " ".join(message for items in error.errors.values() for _code, message in items)
        else:
            messages.success(request, _("%(record)s was removed.") % {"record": record})
            return redirect(back)
    return render(request, "contracts/remove.html", {
        "record": record, "contract": contract, "problem": problem, "back": back,
    }, status=409 if problem else 200)


@login_required
@require_http_methods(["GET", "POST"])
def award_contract(request, pk: int):
    """After the standstill: the contract with the winning bid's organisations, and the
    procurement moves to the contract phase, in one step."""
    tender = tendering_selectors.visible_tender(request.user, pk)
    decision = tendering_selectors.published_award(tender)
    _require(request, "tendering.decide", tender.procurement)
    form = ContractForm(posted(request))
    return _form_page(
        request, form, title=_("Make the contract with the winning bidder"), contract=None,
        procurement=tender.procurement, save=lambda data: award.conclude_award(request.user, decision, data),
        success=_("The contract was made and the procurement moved to the contract phase."),
        next_url=lambda saved: reverse("procurement_contracts", args=[tender.procurement_id]),
        intro=_("The winning bid's organisations become the parties, and the tender's objectives and quality "
                "criteria, with what the winner committed to, are added to the description. This is possible "
                "once the standstill period has ended and every complaint has been answered."),
    )
