"""The call for participation's page: what it asks (public once the procedure is published),
the provider's own sealed request, the authority's opening, checks and selection, and the
published selection decision with its rectification and appeal instructions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coprocure.core import visibility
from coprocure.tendering import instructions
from coprocure.web.pdf import pdf_response

from .. import selectors, services
from ..forms import CallForm, CheckForm, RequestForm, RequirementForm, SelectionForm
from .stages import act_on_page, post_on_page, require_permission


def _context(request, stage, call, forms: dict) -> dict:
    user, procurement = request.user, stage.procurement
    staff = user.has_perm("procedures.compose", procurement)
    plan = selectors.plan(procurement)
    context = {"stage": stage, "call": call, "procurement": procurement, "staff": staff,
               "draft": not (plan and plan.is_published), **forms}
    if staff:
        context.setdefault("call_form", CallForm(instance=call))
        context.setdefault("requirement_form", RequirementForm())
    if call is None:
        return context
    decision = getattr(call, "decision", None)
    context["decision"] = decision
    if decision is not None:
        context["instructions"] = instructions.for_decision(decision)
        context["candidates"] = list(decision.candidates.all()) if selectors.selection_shown_in_full(
            user, procurement) else None
    if user.has_perm("procedures.request", procurement) and not call.is_opened:
        own = selectors.own_request(user, call)
        context["own_request"] = own
        context.setdefault("request_form", RequestForm(requirements=call.requirements.all(),
                                                       member_choices=selectors.member_choices(user, procurement)))
    if staff and call.is_opened:
        rows = selectors.opened_requests(call)
        context["requests"] = [r for r in rows if visibility.may_show(user, r, "content")]
        context.setdefault("check_form", CheckForm())
        if decision is None and user.has_perm("procedures.select", procurement):
            context.setdefault("selection_form", SelectionForm(requests=context["requests"]))
    context["may_open"] = user.has_perm("procedures.open_requests", procurement) and not call.is_opened
    return context


def _render(request, stage, call, status: int = 200, **forms):
    return render(request, "procedures/call.html", _context(request, stage, call, forms), status=status)


def call(request, pk: int):
    stage = selectors.visible_stage(request.user, pk)
    if stage.kind != "participation_requests":
        raise Http404
    return _render(request, stage, selectors.call_of(stage))


def selection_document(request, stage):
    """The published selection decision as a PDF in the reader's language, each candidate's name
    and reason only for those who see them on the page (the page's and the API's one document)."""
    call = selectors.call_of(stage) if stage.kind == "participation_requests" else None
    decision = getattr(call, "decision", None)
    if decision is None:
        raise Http404
    procurement = stage.procurement
    candidates = (list(decision.candidates.all())
                  if selectors.selection_shown_in_full(request.user, procurement) else None)
    return pdf_response(request, "procedures/pdf/selection.html", {
        # The PDFs' shared letterhead names the authority through ``tender.procurement``.
        "tender": {"procurement": procurement}, "procurement": procurement, "stage": stage, "call": call,
        "decision": decision, "candidates": candidates, "instructions": instructions.for_decision(decision),
    }, f"valintapaatos-{stage.pk}.pdf")


def selection_pdf(request, pk: int):
    return selection_document(request, selectors.visible_stage(request.user, pk))


CONFLICTS = {"procedure_published", "stage_deadline_passed", "stage_not_open", "requests_sealed", "selection_decided",
             "stage_has_no_call"}


def _form_post(request, stage, call, name, form, save, success):
    return post_on_page(request, form, save, success=success, next_url=reverse("call", args=[stage.pk]),
                        conflicts=CONFLICTS, page=lambda status: _render(request, stage, call, status, **{name: form}))


@login_required
@require_POST
def save_call(request, pk: int):
    stage = selectors.visible_stage(request.user, pk)
    require_permission(request, "procedures.compose", stage.procurement)
    call = selectors.call_of(stage)
    form = CallForm(request.POST, instance=call)
    return _form_post(request, stage, call, "call_form", form,
                      lambda data: services.save_call(request.user, stage, data), _("The call was saved."))


@login_required
@require_POST
def add_requirement(request, pk: int):
    stage = selectors.visible_stage(request.user, pk)
    require_permission(request, "procedures.compose", stage.procurement)
    call = selectors.call_of(stage)
    if call is None:
        raise Http404
    form = RequirementForm(request.POST)
    return _form_post(request, stage, call, "requirement_form", form,
                      lambda data: services.add_requirement(request.user, call, data["text"],
                                                            criterion=data["criterion"]), _("Added."))


@login_required
@require_POST
def submit_request(request, pk: int):
    call = selectors.visible_call(request.user, pk)
    require_permission(request, "procedures.request", call.procurement)
    form = RequestForm(request.POST, requirements=call.requirements.all(),
                       member_choices=selectors.member_choices(request.user, call.procurement))
    return _form_post(request, call.stage, call, "request_form", form,
                      lambda data: services.submit_request(request.user, call, form.cleaned_request()),
                      _("Your request to participate was sealed and stored. You can replace or withdraw it until the deadline."))


@login_required
@require_POST
def withdraw_request(request, pk: int):
    own = selectors.own_request_by_pk(request.user, pk)
    return act_on_page(
        request, lambda: services.withdraw_request(request.user, own),
        success=_("Your request to participate was withdrawn."), next_url=reverse("call", args=[own.call.stage_id]),
        page=lambda status, problem: _render(request, own.call.stage, selectors.call_of(own.call.stage), status,
                                             problem=problem))


@login_required
@require_POST
def open_requests(request, pk: int):
    call = selectors.visible_call(request.user, pk)
    require_permission(request, "procedures.open_requests", call.procurement)
    return act_on_page(
        request, lambda: services.open_requests(request.user, call),
        success=lambda opened: _("The requests were opened.") if opened.is_opened else _(
            "The opening was asked for: a second official of the contracting authority confirms it."),
        next_url=reverse("call", args=[pk]),
        page=lambda status, problem: _render(request, call.stage, call, status, problem=problem))


@login_required
@require_POST
def check_requirement(request, pk: int):
    call = selectors.visible_call(request.user, pk)
    require_permission(request, "procedures.check", call.procurement)
    form = CheckForm(request.POST)
    return _form_post(request, call.stage, call, "check_form", form,
                      lambda data: services.check_requirement(request.user, call, data["request"], data["requirement"],
                                                              data["met"], data["reason"]), _("The check was saved."))


@login_required
@require_POST
def decide_selection(request, pk: int):
    call = selectors.visible_call(request.user, pk)
    require_permission(request, "procedures.select", call.procurement)
    # Before the opening the form lists nothing, whatever was sent; the service refuses and audits.
    form = SelectionForm(request.POST, requests=selectors.opened_requests(call) if call.is_opened else [])
    return _form_post(request, call.stage, call, "selection_form", form,
                      lambda data: services.decide_selection(request.user, call, {
                          "candidates": form.candidates(), "reasons": data["reasons"], "channel": data["channel"]}),
                      _("The selection decision was published with its rectification and appeal instructions."))

