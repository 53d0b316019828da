"""A negotiation round's page: the selected candidate's own sealed initial bid, the officials'
opening after the deadline, the opened bids for the authority's people, and the published
decision reducing the candidates with its rectification and appeal instructions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coprocure.core import visibility
from coprocure.errors import ServiceError
from coprocure.tendering import instructions
from coprocure.web.forms import save_form

from .. import selectors, services
from ..forms import InitialBidsAwardForm, ReductionForm, RoundBidForm
from .stages import require_permission

CONFLICTS = {"stage_deadline_passed", "stage_not_open", "round_bids_sealed", "reduction_decided",
             "reduction_not_announced", "round_bids_already_opened"}


def _context(request, box, forms: dict) -> dict:
    user, stage, procurement = request.user, box.stage, box.procurement
    decision = selectors.reduction_of(stage)
    context = {"stage": stage, "box": box, "procurement": procurement, "decision": decision, **forms,
               "staff": user.has_perm("procedures.read_round", procurement)}
    if decision is not None:
        context["instructions"] = instructions.for_decision(decision)
        context["reduced"] = list(decision.candidates.all()) if selectors.selection_shown_in_full(
            user, procurement) else None
    if user.has_perm("procedures.round_bid", procurement) and not box.is_opened:
        context["own_bid"] = selectors.own_round_bid(user, box)
        context.setdefault("bid_form", RoundBidForm())
    if context["staff"] and box.is_opened:
        context["bids"] = [b for b in selectors.opened_round_bids(box) if visibility.may_show(user, b, "content")]
        if decision is None and stage.reduces_candidates and user.has_perm("procedures.reduce", procurement):
            context.setdefault("reduction_form", ReductionForm(requests=selectors.current_candidates(procurement)))
    context["may_open"] = user.has_perm("procedures.open_round", procurement) and not box.is_opened
    context["initial_award"] = selectors.initial_bids_award_of(stage)
    plan = selectors.plan(procurement)
    first_round = next((s for s in selectors.stages(procurement) if s.kind in ("negotiation_round", "dialogue")), None)
    if (context["initial_award"] is None and box.is_opened and plan is not None and plan.award_on_initial_bids
            and first_round is not None and first_round.pk == stage.pk
            and user.has_perm("procedures.award_on_initial_bids", procurement)):
        context.setdefault("award_form", InitialBidsAwardForm())
    return context


def _render(request, box, status: int = 200, **forms):
    return render(request, "procedures/round.html", _context(request, box, forms), status=status)


def round_page(request, pk: int):
    return _render(request, selectors.visible_round(request.user, pk))


def _form_post(request, box, name, form, save, success):
    if save_form(form, save):
        messages.success(request, success)
        return redirect("round", pk=box.stage_id)
    codes = {e.code for errors in form.errors.as_data().values() for e in errors}
    return _render(request, box, 409 if codes & CONFLICTS else 422, **{name: form})


@login_required
@require_POST
def submit_round_bid(request, pk: int):
    box = selectors.visible_round(request.user, pk)
    require_permission(request, "procedures.round_bid", box.procurement)
    form = RoundBidForm(request.POST)
    return _form_post(request, box, "bid_form", form,
                      lambda data: services.submit_round_bid(request.user, box, data),
                      _("Your initial bid was sealed and stored. You can replace or withdraw it until the deadline."))


@login_required
@require_POST
def withdraw_round_bid(request, pk: int):
    own = selectors.own_round_bid_by_pk(request.user, pk)
    try:
        services.withdraw_round_bid(request.user, own)
    except ServiceError as error:
        return _render(request, selectors.visible_round(request.user, own.round.stage_id), error.status, problem=error)
    messages.success(request, _("Your initial bid was withdrawn."))
    return redirect("round", pk=own.round.stage_id)


@login_required
@require_POST
def open_round_bids(request, pk: int):
    box = selectors.visible_round(request.user, pk)
    require_permission(request, "procedures.open_round", box.procurement)
    try:
        box = services.open_round_bids(request.user, box)
    except ServiceError as error:
        return _render(request, box, error.status, problem=error)
    messages.success(request, _("The initial bids were opened.") if box.is_opened else
                     _("The opening was asked for: a second official of the contracting authority confirms it."))
    return redirect("round", pk=pk)


@login_required
@require_POST
def decide_reduction(request, pk: int):
    box = selectors.visible_round(request.user, pk)
    require_permission(request, "procedures.reduce", box.procurement)
    # Before the opening the form lists nothing, whatever was sent; the service refuses and audits.
    form = ReductionForm(request.POST, requests=selectors.current_candidates(box.procurement) if box.is_opened else [])
    return _form_post(request, box, "reduction_form", form,
                      lambda data: services.decide_reduction(request.user, box, {
                          "candidates": form.candidates(), "reasons": data["reasons"], "channel": data["channel"]}),
                      _("The decision reducing the candidates was published with its rectification and appeal instructions."))
