"""The panels' public pages: a procurement's panels, a panel, volunteering, the draw's file."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from coprocure.core.selectors import visible_procurement
from coprocure.web.forms import posted, save_form
from coprocure.web.ratelimit import rate_limited

from . import selectors, services
from .forms import VolunteerForm
from .models import Draw


def procurement_panels(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    return render(request, "panels/list.html", {
        "procurement": procurement, "panels": selectors.panels_of(procurement),
        "can_manage": request.user.has_perm("panels.manage", procurement),
    })


def panel_page(request, pk: int):
    """Purpose, term, seats, composition by category (counts under k hidden), the draws with
    their commitments and files, and what the panel achieved. No name is shown here."""
    panel = selectors.visible_panel(request.user, pk)
    procurement = panel.procurement
    return render(request, "panels/panel.html", {
        "panel": panel, "procurement": procurement,
        "composition": selectors.composition(panel), "k": selectors.k_of(panel),
        "counts": selectors.counts(panel), "draws": selectors.draws_of(panel),
        "equality": selectors.equality_rows(panel),
        "can_manage": request.user.has_perm("panels.manage", procurement),
        "can_view_volunteers": request.user.has_perm("panels.view_volunteers", procurement),
        "can_enter": request.user.has_perm("panels.enter_volunteers", procurement),
    })


@require_http_methods(["GET", "POST"])
@rate_limited("panel_volunteer")
def volunteer(request, pk: int):
    """The open call: no account needed, from a phone."""
    panel = selectors.visible_panel(request.user, pk)
    if not request.user.has_perm("panels.volunteer", panel.procurement):
        raise Http404
    form = VolunteerForm(posted(request), panel=panel)
    if request.method == "POST" and save_form(form, lambda data: services.volunteer(panel, data)):
        return redirect("panel_volunteer_thanks", pk=panel.pk)
    return render(request, "panels/volunteer.html", {"panel": panel, "procurement": panel.procurement, "form": form},
                  status=422 if form.errors else 200)


def volunteer_thanks(request, pk: int):
    panel = selectors.visible_panel(request.user, pk)
    return render(request, "panels/volunteer_thanks.html", {"panel": panel, "procurement": panel.procurement})


def draw_file(request, pk: int):
    """The published verification file; before the draw there is none."""
    draw = get_object_or_404(Draw.objects.select_related("panel"), pk=pk, drawn_at__isnull=False)
    selectors.visible_panel(request.user, draw.panel_id)
    response = HttpResponse(draw.verification_file, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="panel-{draw.panel_id}-draw-{draw.pk}.json"'
    return response
