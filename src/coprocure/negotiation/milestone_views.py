"""An R&D milestone stage's page: the milestones (set by the authority before the stage opens), a
partner's own results, the accountable official's public decisions per partner and milestone,
the ended partnerships, and the stage's close when the service phase may begin."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coprocure.core import visibility
from coprocure.procedures import selectors as procedures
from coprocure.procedures.models import StageKind
from coprocure.web.forms import post_form, require

from . import milestones as services
from . import selectors
from .forms import MilestoneDecisionForm, MilestoneForm, PartnershipEndForm, ResultForm
from .services import close_stage


def _stage(request, pk: int):
    stage = procedures.visible_stage(request.user, pk)
    if stage.kind != StageKind.RD_MILESTONE:
        raise Http404
    return stage


def _context(request, stage, forms_: dict, failed: int | None = None) -> dict:
    """``failed``: the milestone whose form ``forms_`` holds again with its errors (each milestone
    has its own result and decision forms, with ids of their own)."""
    user, procurement = request.user, stage.procurement
    partners = selectors.partners(stage)
    milestones = selectors.milestones(user, stage)
    own = user.organisation_id if user.is_authenticated else None
    is_partner = bool(own) and own in {p.pk for p in partners} and user.has_perm("negotiation.submit_result",
                                                                                  procurement)
    decides = user.has_perm("negotiation.decide", procurement) and stage.state == "open"
    for milestone in milestones:
        for result in milestone.shown_results:
            result.shown_text = visibility.shown(user, result, "text")
        mine = milestone.pk == failed
        if is_partner and stage.state == "open" and not any(r.organisation_id == own for r in milestone.shown_results):
            milestone.result_form = (forms_.get("result_form") if mine and "result_form" in forms_
                                     else ResultForm(auto_id=f"result-{milestone.pk}-%s"))
        if decides:
            milestone.decision_form = (forms_.get("decision_form") if mine and "decision_form" in forms_
                                       else MilestoneDecisionForm(partners=partners, auto_id=f"decision-{milestone.pk}-%s"))
    context = {"stage": stage, "procurement": procurement, "milestones": milestones, "partners": partners,
               "ended": selectors.partnership_ends(stage), "staff": user.has_perm("negotiation.manage", procurement),
               **{k: v for k, v in forms_.items() if k not in ("result_form", "decision_form")}}
    if context["staff"] and stage.state == "planned":
        context.setdefault("milestone_form", MilestoneForm())
    if decides:
        context.setdefault("end_form", PartnershipEndForm(partners=partners, auto_id="end-%s"))
        context.setdefault("close_form", forms.Form())
    return context


def milestones(request, pk: int):
    stage = _stage(request, pk)
    return render(request, "negotiation/milestones.html", _context(request, stage, {}))


def _post(request, stage, name, form, save, success, milestone=None):
    """The stage's page again with the form's errors (on ``milestone``'s own form, if it has one),
    at the status the service refused with."""
    return post_form(request, form, save, success=success, next_url=reverse("milestones", args=[stage.pk]),
                     page=lambda status: render(request, "negotiation/milestones.html", _context(
                         request, stage, {name: form}, milestone.pk if milestone else None), status=status))


@login_required
@require_POST
def add_milestone(request, pk: int):
    stage = _stage(request, pk)
    require(request, "negotiation.manage", stage.procurement)
    return _post(request, stage, "milestone_form", MilestoneForm(request.POST),
                 lambda data: services.add_milestone(request.user, stage, data), _("Saved."))


@login_required
@require_POST
def submit_result(request, pk: int):
    milestone = selectors.visible_milestone(request.user, pk)
    require(request, "negotiation.submit_result", milestone.stage.procurement)
    return _post(request, milestone.stage, "result_form", ResultForm(request.POST, auto_id=f"result-{pk}-%s"),
                 lambda data: services.submit_result(request.user, milestone, data["text"]),
                 _("Your result was submitted. Only your organisation and the authority see it."), milestone)


@login_required
@require_POST
def decide(request, pk: int):
    milestone = selectors.visible_milestone(request.user, pk)
    require(request, "negotiation.decide", milestone.stage.procurement)
    partners = selectors.partners(milestone.stage)
    form = MilestoneDecisionForm(request.POST, partners=partners, auto_id=f"decision-{pk}-%s")
    return _post(request, milestone.stage, "decision_form", form, lambda data: services.decide(request.user, milestone, data),
                 _("The decision was recorded, published and sent to the partner."), milestone)


@login_required
@require_POST
def end_partnership(request, pk: int):
    stage = _stage(request, pk)
    require(request, "negotiation.decide", stage.procurement)
    return _post(request, stage, "end_form", PartnershipEndForm(request.POST, partners=selectors.partners(stage), auto_id="end-%s"),
                 lambda data: services.end_partnership(request.user, stage, data),
                 _("The partnership with this partner was ended."))


@login_required
@require_POST
def begin_service_phase(request, pk: int):
    stage = _stage(request, pk)
    require(request, "negotiation.decide", stage.procurement)
    return _post(request, stage, "close_form", forms.Form(request.POST), lambda data: close_stage(request.user, stage),
                 _("Every milestone was accepted: the stage was closed and the service phase may begin."))
