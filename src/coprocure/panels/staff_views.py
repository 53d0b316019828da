"""The panels' staff pages: the panel, its quotas and call, volunteers, draws and seats."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coprocure.audit import services as audit
from coprocure.errors import ServiceError
from coprocure.web.forms import act, flash_errors, form_page, posted, require

from . import selectors, services
from .forms import EndSeatForm, PanelForm, QuotasForm, SeatForm, VolunteerForm
from .models import Draw, Membership, Volunteer

FORM_TEMPLATE = "panels/form.html"


def _panel_url(panel) -> str:
    return reverse("panel", args=[panel.pk])


@login_required
@require_http_methods(["GET", "POST"])
def panel_create(request, pk: int, owner_kind: str):
    """A new panel of a procurement, a contract or an authority."""
    owner = selectors.visible_owner(request.user, owner_kind, pk)
    unsaved = selectors.unsaved_panel(owner)
    require(request, "panels.manage", unsaved)
    return form_page(
        request, PanelForm(posted(request), meetings=selectors.meeting_choices(unsaved)), template=FORM_TEMPLATE,
        save=lambda data: services.create_panel(request.user, owner, data),
        success=_("The panel was created. Set its quotas next."), next_url=_panel_url,
        context={"title": _("New panel"), "owner": selectors.owner_view(owner)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def panel_edit(request, pk: int):
    panel = selectors.visible_panel(request.user, pk)
    require(request, "panels.manage", panel)
    return form_page(
        request, PanelForm(posted(request), instance=panel, meetings=selectors.meeting_choices(panel)), template=FORM_TEMPLATE,
        save=lambda data: services.update_panel(request.user, panel, data),
        success=_("The panel was saved."), next_url=_panel_url,
        context={"title": _("Edit the panel"), "panel": panel},
    )


@login_required
@require_http_methods(["GET", "POST"])
def quotas(request, pk: int):
    """A row per category value; prefilled with the panel's quotas, or the target-group quotas
    computed from the participation plan's reference population."""
    panel = selectors.visible_panel(request.user, pk)
    require(request, "panels.manage", panel)
    rows = selectors.quota_rows(panel)
    suggested = panel.quotas or {"target_group": services.plan_quotas(panel)}
    form = QuotasForm(posted(request), rows=rows,
                      initial={**QuotasForm.initial_from(suggested, rows), "reason": panel.quota_reason})
    return form_page(
        request, form, template="panels/quotas.html",
        save=lambda data: services.set_quotas(request.user, panel, data["quotas"], data["reason"]),
        success=_("The quotas were saved."), next_url=_panel_url,
        context={"title": _("Quotas"), "panel": panel,
                 "from_plan": not panel.quotas and bool(suggested["target_group"])},
    )


@login_required
@require_POST
def call(request, pk: int):
    panel = selectors.visible_panel(request.user, pk)
    require(request, "panels.manage", panel)
    if request.POST.get("open") not in ("0", "1"):
        # Only the page's own buttons send this form; anything else changes nothing.
        return redirect("panel", pk=panel.pk)
    is_open = request.POST.get("open") == "1"
    services.set_call(request.user, panel, is_open)
    messages.success(request, _("The call for volunteers is open.") if is_open else _("The call for volunteers was closed."))
    return redirect("panel", pk=panel.pk)


@login_required
def volunteers(request, pk: int):
    """Names with backgrounds, for the panel owner's staff alone; every look is recorded."""
    panel = selectors.visible_panel(request.user, pk)
    if not request.user.has_perm("panels.view_volunteers", panel):
        raise Http404
    people, groups = list(selectors.volunteers_of(panel)), selectors.target_group_names()
    for person in people:
        background = getattr(person, "background", None) if person.withdrawn_at is None else None
        person.group_label = groups.get(background.target_group, "") if background else ""
    audit.record_personal_data_read(request.user, "panels.volunteers", panel, [])
    return render(request, "panels/volunteers.html", {
        "panel": panel, "volunteers": people, "seats": selectors.seats_of(panel),
        "seat_form": SeatForm(), "can_manage": request.user.has_perm("panels.manage", panel),
    })


@login_required
@require_http_methods(["GET", "POST"])
def paper_volunteer(request, pk: int):
    """An outreach partner enters a paper form, with the person's consent ticked on it."""
    panel = selectors.visible_panel(request.user, pk)
    require(request, "panels.enter_volunteers", panel)
    return form_page(
        request, VolunteerForm(posted(request), panel=panel), template=FORM_TEMPLATE,
        save=lambda data: services.volunteer(panel, data, entered_by=request.user),
        success=_("The volunteer was added."), next_url=lambda saved: reverse("panel_paper_volunteer", args=[panel.pk]),
        context={"title": _("Add a volunteer from a paper form"), "panel": panel},
    )


@login_required
@require_POST
def commit_seed(request, pk: int):
    panel = selectors.visible_panel(request.user, pk)
    require(request, "panels.manage", panel)
    deputies = request.POST.get("for") == "deputies"
    return act(request, lambda: services.commit_seed(request.user, panel, deputies=deputies), next_url=_panel_url(panel),
               success=_("The seed was committed: its SHA-256 is now public. Make the draw when the volunteers are final."))


@login_required
@require_POST
def make_draw(request, pk: int):
    draw = get_object_or_404(Draw.objects.select_related("panel__procurement"), pk=pk)
    panel = selectors.visible_panel(request.user, draw.panel_id)
    require(request, "panels.manage", panel)
    try:
        services.start_draw(request.user, draw)
    except ServiceError as error:
        flash_errors(request, error)
        return redirect("panel", pk=panel.pk)
    messages.success(request, _("The draw has started. This page shows its progress and then its result."))
    return redirect("panel_draw", pk=draw.pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    person = get_object_or_404(Volunteer.objects.select_related("panel__procurement"), pk=pk)
    panel = selectors.visible_panel(request.user, person.panel_id)
    require(request, "panels.manage", panel)
    return act(request, lambda: services.withdraw(request.user, person), next_url=_panel_url(panel),
               success=_("The volunteer withdrew. Their background was deleted."))


@login_required
@require_POST
def add_seat(request, pk: int):
    panel = selectors.visible_panel(request.user, pk)
    require(request, "panels.manage", panel)
    form = SeatForm(request.POST)
    user = get_user_model().objects.filter(username=form.data.get("username", "")).first()
    if not form.is_valid() or user is None:
        messages.error(request, _("No such user."))
        return redirect("panel_volunteers", pk=panel.pk)
    services.add_person(request.user, panel, user, form.cleaned_data["role"])
    messages.success(request, _("The person was added to the panel."))
    return redirect("panel_volunteers", pk=panel.pk)


@login_required
@require_POST
def end_seat(request, pk: int):
    seat = get_object_or_404(Membership.objects.select_related("panel__procurement"), pk=pk)
    panel = selectors.visible_panel(request.user, seat.panel_id)
    require(request, "panels.manage", panel)
    form = EndSeatForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the seat ended."))
        return redirect("panel_volunteers", pk=panel.pk)
    return act(request, lambda: services.end_membership(request.user, seat, form.cleaned_data["reason"]),
               next_url=_panel_url(panel),
               success=_("The seat ended. An empty member's seat can be filled by a replacement draw."))
