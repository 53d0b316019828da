"""A negotiation round's page: the selected candidate's own sealed initial bid, the officials'
opening after the deadline, the opened bids for the authority's people, and the published
decision reducing the candidates with its rectification and appeal instructions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coprocure.core import visibility
from coprocure.tendering import instructions

from .. import selectors, services
from ..forms import InitialBidsAwardForm, ReductionForm, RoundBidForm
from .stages import act_on_page, post_on_page, require_permission

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
    return post_on_page(request, form, save, success=success, next_url=reverse("round", args=[box.stage_id]),
                        conflicts=CONFLICTS, page=lambda status: _render(request, box, status, **{name: form}))


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
    return act_on_page(
        request, lambda: services.withdraw_round_bid(request.user, own),
        success=_("Your initial bid was withdrawn."), next_url=reverse("round", args=[own.round.stage_id]),
        page=lambda status, problem: _render(request, selectors.visible_round(request.user, own.round.stage_id),
                                             status, problem=problem))


@login_required
@require_POST
def open_round_bids(request, pk: int):
    box = selectors.visible_round(request.user, pk)
    require_permission(request, "procedures.open_round", box.procurement)
    return act_on_page(
        request, lambda: services.open_round_bids(request.user, box),
        success=lambda opened: _("The initial bids were opened.") if opened.is_opened else _(
            "The opening was asked for: a second official of the contracting authority confirms it."),
        next_url=reverse("round", args=[pk]), page=lambda status, problem: _render(request, box, status, problem=problem))


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
