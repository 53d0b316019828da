"""The panels' public pages: an owner's panels, a panel, volunteering, a draw and its file, and
a member's own page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from coprocure.web.forms import posted, save_form
from coprocure.web.ratelimit import rate_limited

from . import selectors, services
from .forms import VolunteerForm
from .models import Draw


def owner_panels(request, pk: int, owner_kind: str):
    """A procurement's, a contract's or an authority's panels."""
    owner = selectors.visible_owner(request.user, owner_kind, pk)
    return render(request, "panels/list.html", {
        "owner": selectors.owner_view(owner), "panels": selectors.panels_of(owner),
        "can_manage": request.user.has_perm("panels.manage", selectors.unsaved_panel(owner)),
    })


def panel_page(request, pk: int):
    """Purpose, term, seats, composition by category (counts under k hidden), the draws with
    their commitments and files, and what the panel achieved. No name is shown here."""
    panel = selectors.visible_panel(request.user, pk)
    return render(request, "panels/panel.html", {
        "panel": panel, "owner": selectors.owner_view(panel.owner),
        "composition": selectors.composition(panel), "k": selectors.k_of(panel),
        "counts": selectors.counts(panel), "draws": selectors.draws_of(panel),
        "equality": selectors.equality_rows(panel),
        "can_manage": request.user.has_perm("panels.manage", panel),
        "can_view_volunteers": request.user.has_perm("panels.view_volunteers", panel),
        "can_enter": request.user.has_perm("panels.enter_volunteers", panel),
        "is_member": selectors.member_seats(request.user, panel).exists(),
    })


@require_http_methods(["GET", "POST"])
@rate_limited("panel_volunteer")
def volunteer(request, pk: int):
    """The open call: no account needed, from a phone."""
    panel = selectors.visible_panel(request.user, pk)
    if not request.user.has_perm("panels.volunteer", panel):
        raise Http404
    form = VolunteerForm(posted(request), panel=panel)
    # Signed in, the seat a draw gives them shows on their member's page.
    account = request.user if request.user.is_authenticated else None
    if request.method == "POST" and save_form(form, lambda data: services.volunteer(panel, data, account=account)):
        return redirect("panel_volunteer_thanks", pk=panel.pk)
    return render(request, "panels/volunteer.html", {"panel": panel, "form": form},
                  status=422 if form.errors else 200)


def volunteer_thanks(request, pk: int):
    panel = selectors.visible_panel(request.user, pk)
    return render(request, "panels/volunteer_thanks.html", {"panel": panel})


def draw_file(request, pk: int):
    """The published verification file; before the draw there is none."""
    draw = get_object_or_404(Draw.objects.select_related("panel"), pk=pk, drawn_at__isnull=False)
    selectors.visible_panel(request.user, draw.panel_id)
    response = HttpResponse(draw.verification_file, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="panel-{draw.panel_id}-draw-{draw.pk}.json"'
    return response


def draw_page(request, pk: int):
    """A draw: its commitment, its progress while the job runs (refreshed in place), why an
    attempt stored nothing, and once drawn the result (the seed, the lowest probability, the
    file). Names are on the staff's *Volunteers and seats* page only."""
    draw = get_object_or_404(Draw.objects.select_related("panel", "job"), pk=pk)
    panel = selectors.visible_panel(request.user, draw.panel_id)
    return render(request, "panels/draw.html", {
        "draw": draw, "panel": panel, "state": selectors.draw_state(draw),
        "members": draw.memberships.count() if draw.is_done else None,
        "can_manage": request.user.has_perm("panels.manage", panel),
        "can_view_volunteers": request.user.has_perm("panels.view_volunteers", panel),
    })


@login_required
def member_page(request, pk: int):
    """The signed-in member's own page: what is coming and what became of the panel's proposals.
    Nobody's background is on it, their own included."""
    panel = selectors.visible_panel(request.user, pk)
    seats = list(selectors.member_seats(request.user, panel))
    if not seats:
        raise Http404
    return render(request, "panels/member.html", {
        "panel": panel, "seats": seats,
        "meetings": selectors.coming_meetings(panel, timezone.now()), "proposals": selectors.proposals_of(panel),
    })
