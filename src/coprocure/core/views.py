"""Thin views: read through selectors, write through services, render templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.caching.pages import public_page
from coprocure.domain import lifecycle
from coprocure.web.forms import form_page, posted, save_form

from . import gdpr, selectors, services
from .forms import EraseForm, PhaseChangeForm, ProcurementForm, RoleForm
from .models import Phase, ServiceArea


def procurement_list(request):
    phase = request.GET.get("phase") or None
    area = request.GET.get("service_area") or None
    if phase not in Phase.values:
        phase = None
    if area not in ServiceArea.values:
        area = None
    context = {
        "procurements": selectors.public_procurements(phase=phase, service_area=area)[:100],
        "phases": Phase.choices,
        "service_areas": ServiceArea.choices,
        "selected_phase": phase,
        "selected_area": area,
    }
    template = "core/_procurement_list.html" if request.htmx else "core/home.html"
    return render(request, template, context)


@public_page("procurement")
def procurement_detail(request, pk: int):
    procurement = selectors.visible_procurement(request.user, pk)
    current = lifecycle.ORDER.index(lifecycle.Phase(procurement.phase))
    timeline = [
        {"code": code, "label": label, "state": "done" if i < current else "current" if i == current else "upcoming"}
        for i, (code, label) in enumerate(Phase.choices)
    ]
    return render(request, "core/procurement_detail.html", {
        "procurement": procurement,
        "timeline": timeline,
        "can_change": request.user.has_perm("procurement.edit", procurement),
        "can_change_phase": request.user.has_perm("procurement.change_phase", procurement),
        "can_view_roles": request.user.has_perm("procurement.view_roles", procurement),
    })


@login_required
def dashboard(request):
    return render(request, "core/dashboard.html", {
        "procurements": selectors.procurements_for(request.user)[:200],
        "can_create": request.user.has_perm("procurement.create"),
    })


def _detail_url(procurement) -> str:
    return reverse("procurement_detail", args=[procurement.pk])


@login_required
@require_http_methods(["GET", "POST"])
def procurement_create(request):
    if not request.user.has_perm("procurement.create"):
        raise PermissionDenied
    return form_page(
        request, ProcurementForm(posted(request), authority=request.user.organisation),
        template="core/procurement_form.html", save=lambda data: services.create_procurement(request.user, data),
        success=_("The procurement was created."), next_url=_detail_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def procurement_edit(request, pk: int):
    procurement = selectors.visible_procurement(request.user, pk)
    if not request.user.has_perm("procurement.edit", procurement):
        raise PermissionDenied
    return form_page(
        request, ProcurementForm(posted(request), instance=procurement, authority=procurement.authority),
        template="core/procurement_form.html",
        save=lambda data: services.update_procurement(request.user, procurement, data),
        success=_("The changes were saved."), next_url=_detail_url, context={"procurement": procurement},
    )


@login_required
@require_http_methods(["GET", "POST"])
def procurement_phase(request, pk: int):
    procurement = selectors.visible_procurement(request.user, pk)
    if not request.user.has_perm("procurement.change_phase", procurement):
        raise PermissionDenied
    following = lifecycle.next_phase(lifecycle.Phase(procurement.phase))
    form = PhaseChangeForm(posted(request), initial={"target": following.value if following else ""})
    if request.method == "POST":
        change = save_form(
            form,
            lambda data: services.change_phase(request.user, procurement, data["target"], data["reason"]),
        )
        if change:
            messages.success(request, _("The procurement moved to the phase: %(phase)s.") % {"phase": change.get_target_display()})
            return redirect("procurement_detail", pk=procurement.pk)
    return render(request, "core/procurement_phase.html", {"form": form, "procurement": procurement},
                  status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def procurement_roles(request, pk: int):
    procurement = selectors.visible_procurement(request.user, pk)
    if not request.user.has_perm("procurement.view_roles", procurement):
        raise PermissionDenied
    can_assign = request.user.has_perm("procurement.assign_role", procurement)
    form = RoleForm(posted(request)) if can_assign else None
    if request.method == "POST":
        if not can_assign:
            raise PermissionDenied
        granted = save_form(
            form, lambda data: services.assign_role(request.user, procurement, data["user"], data["role"])
        )
        if granted:
            messages.success(request, _("%(person)s now has the role: %(role)s.") % {
                "person": granted.user, "role": granted.get_role_display()})
            return redirect("procurement_roles", pk=procurement.pk)
    return render(request, "core/procurement_roles.html", {
        "procurement": procurement, "roles": selectors.roles_of(procurement), "form": form,
    }, status=422 if form is not None and form.errors else 200)


@login_required
def my_data(request):
    """What CoProcure keeps about the signed-in person, to download or erase."""
    form = EraseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        gdpr.erase_person(request.user, request.user)
        logout(request)
        messages.success(request, _("Your account was erased. Thank you for taking part."))
        return redirect("home")
    return render(request, "core/my_data.html", {"data": gdpr.export_person(request.user), "form": form},
                  status=422 if form.errors else 200)


@login_required
def my_data_download(request):
    response = JsonResponse(gdpr.export_person(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="coprocure-my-data.json"'
    return response
