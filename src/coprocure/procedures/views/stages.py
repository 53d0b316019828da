"""The procedure page: its stages and published versions for everyone once published; the
authority's workspace to compose, publish and run the stages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coprocure.domain import procedure as rules
from coprocure.errors import ServiceError
from coprocure.web.forms import save_form

from .. import selectors, services
from ..forms import DefaultSequenceForm, FinalInvitationForm, PlanForm, RemoveStageForm, StageForm, StageTimesForm
from ..models import StageKind


def _page(request, procurement, *, status: int = 200, problem: ServiceError | None = None, **forms):
    plan = selectors.plan(procurement)
    published = bool(plan and plan.is_published)
    may_compose = selectors.shows_draft(request.user, procurement)
    # A procedure being composed is the authority's draft until it is published.
    stages = selectors.stages(procurement) if published or may_compose else []
    context = {
        "procurement": procurement, "plan": plan, "published": published, "stages": stages,
        "versions": selectors.versions(procurement) if published else [], "may_compose": may_compose,
        "composable": rules.may_compose(procurement.procedure),
        "may_publish": request.user.has_perm("procedures.publish", procurement),
        "may_run": request.user.has_perm("procedures.run_stages", procurement),
        "default_kinds": [StageKind(kind).label for kind in rules.default_sequence(procurement.procedure)],
        "problem": problem,
    }
    if may_compose:
        context.update({
            "default_form": forms.get("default_form") or DefaultSequenceForm(),
            "stage_form": forms.get("stage_form") or StageForm(),
            "plan_form": forms.get("plan_form") or PlanForm(instance=plan),
            "times_forms": {s.pk: forms.get(f"times_{s.pk}") or StageTimesForm(
                initial={"opens_at": s.opens_at, "closes_at": s.closes_at, "reduces_candidates": s.reduces_candidates},
                prefix=f"stage{s.pk}") for s in stages},
        })
    context["stage_rows"] = [(s, context.get("times_forms", {}).get(s.pk)) for s in stages]
    _final_tenders(request.user, procurement, stages, context, forms)
    return render(request, "procedures/procedure.html", context, status=status)


def _final_tenders(user, procurement, stages, context, forms) -> None:
    """The published invitation to submit final tenders under its stage, and the official's form
    while the stage is open and nobody is invited yet."""
    context["invited_shown"] = selectors.selection_shown_in_full(user, procurement)
    for stage in stages:
        if stage.kind != StageKind.FINAL_TENDERS:
            continue
        stage.invitation = selectors.final_invitation_of(stage)
        if stage.invitation is None and stage.state == "open" and user.has_perm("procedures.invite_final", procurement):
            context["invitation_form"] = forms.get("invitation_form") or FinalInvitationForm()


def procedure(request, pk: int):
    return _page(request, selectors.procedure_procurement(request.user, pk))


def require_permission(request, permission: str, procurement):
    """Who may act is decided before the input is read, as the API's bridge does."""
    if not request.user.has_perm(permission, procurement):
        raise PermissionDenied
    return procurement


def post_on_page(request, form, save, *, success: str, next_url: str, page, conflicts: set[str]):
    """A form posted to one of the procedure's pages: a valid form runs ``save`` (a service call),
    says ``success`` and goes to ``next_url``; otherwise ``page(status)`` shows the page again with
    the form's errors, at 409 when a refusal is about the procedure's state (one of ``conflicts``),
    422 for the input."""
    if save_form(form, save):
        messages.success(request, success)
        return redirect(next_url)
    codes = {error.code for errors in form.errors.as_data().values() for error in errors if error.code}
    return page(409 if codes & conflicts else 422)


def act_on_page(request, action, *, success, next_url: str, page):
    """A button on one of the procedure's pages (publish, open, withdraw): run ``action``, then say
    ``success`` (or ``success(result)``) on ``next_url``; a refusal shows ``page(status, problem)``
    again at the status the service refused with."""
    try:
        result = action()
    except ServiceError as error:
        return page(error.status, error)
    messages.success(request, success(result) if callable(success) else success)
    return redirect(next_url)


_CONFLICTS = {"procedure_published", "procedure_already_composed", "procedure_not_composable",
              "stage_begun_unchangeable"}


def _posted_form(request, procurement, form, name: str, save, success: str):
    return post_on_page(request, form, save, success=success, next_url=reverse("procedure", args=[procurement.pk]),
                        conflicts=_CONFLICTS,
                        page=lambda status: _page(request, procurement, status=status, **{name: form}))


@login_required
@require_POST
def accept_default(request, pk: int):
    procurement = require_permission(request, "procedures.compose", selectors.procedure_procurement(request.user, pk))
    form = DefaultSequenceForm(request.POST)
    return _posted_form(request, procurement, form, "default_form",
                        lambda data: services.accept_default(request.user, procurement, data["starts_at"]),
                        _("The procedure's default stages were added. Check their times, then publish."))


@login_required
@require_POST
def add_stage(request, pk: int):
    procurement = require_permission(request, "procedures.compose", selectors.procedure_procurement(request.user, pk))
    form = StageForm(request.POST)
    return _posted_form(request, procurement, form, "stage_form",
                        lambda data: services.add_stage(request.user, procurement, data), _("The stage was added."))


@login_required
@require_POST
def save_plan(request, pk: int):
    procurement = require_permission(request, "procedures.compose", selectors.procedure_procurement(request.user, pk))
    form = PlanForm(request.POST, instance=selectors.plan(procurement))
    return _posted_form(request, procurement, form, "plan_form",
                        lambda data: services.save_plan(request.user, procurement, data), _("Saved."))


def _act(request, procurement, action, success: str):
    return act_on_page(request, action, success=success, next_url=reverse("procedure", args=[procurement.pk]),
                       page=lambda status, problem: _page(request, procurement, status=status, problem=problem))


@login_required
@require_POST
def publish(request, pk: int):
    procurement = require_permission(request, "procedures.publish", selectors.procedure_procurement(request.user, pk))
    return _act(request, procurement, lambda: services.publish(request.user, procurement),
                _("The procedure was published. Its stages change only by a new published version."))


@login_required
@require_POST
def change_stage(request, pk: int):
    stage = selectors.visible_stage(request.user, pk)
    require_permission(request, "procedures.compose", stage.procurement)
    form = StageTimesForm(request.POST, prefix=f"stage{stage.pk}")
    return _posted_form(request, stage.procurement, form, f"times_{stage.pk}",
                        lambda data: services.change_stage(request.user, stage, data), _("The stage was changed."))


@login_required
@require_POST
def remove_stage(request, pk: int):
    stage = selectors.visible_stage(request.user, pk)
    require_permission(request, "procedures.compose", stage.procurement)
    form = RemoveStageForm(request.POST)
    reason = form.data.get("reason", "") if form.is_valid() else ""
    return _act(request, stage.procurement, lambda: services.remove_stage(request.user, stage, reason),
                _("The stage was removed."))


@login_required
@require_POST
def open_stage(request, pk: int):
    stage = selectors.visible_stage(request.user, pk)
    require_permission(request, "procedures.run_stages", stage.procurement)
    return _act(request, stage.procurement, lambda: services.open_stage(request.user, stage), _("The stage is open."))


@login_required
@require_POST
def close_stage(request, pk: int):
    stage = selectors.visible_stage(request.user, pk)
    require_permission(request, "procedures.run_stages", stage.procurement)
    return _act(request, stage.procurement, lambda: services.close_stage(request.user, stage), _("The stage is closed."))
