"""The front door, each activity's short-address page and poster, and the feeds."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from coprocure.participation import sharing

from . import feeds, selectors
from .forms import FiltersForm


def front_door(request):
    """What one can take part in now, across procurements; the procurement list is one link away."""
    form = FiltersForm(request.GET or None)
    cards = selectors.cards(form.filters() if form.is_bound else selectors.Filters())
    narrowed = any(request.GET.get(name) for name in ("authority", "service_area", "target_group", "kind"))
    context = {"form": form, "cards": cards, "query": request.GET.urlencode(), "narrowed": narrowed}
    template = "takepart/_cards.html" if request.htmx else "takepart/front_door.html"
    return render(request, template, context, status=422 if form.is_bound and form.errors else 200)


def _public_link(card: selectors.Card) -> str:
    return settings.COPROCURE_PUBLIC_URL + card.page_url


def _card_or_own_page(code: str):
    """The card, or a redirect to the activity's own page once the front door no longer offers
    it (its page says why), or 404 for a code that names nothing public."""
    card = selectors.card(code)
    if card is not None:
        return card, None
    own = selectors.own_page(code)
    if own is None:
        raise Http404
    return None, redirect(own)


def activity_page(request, code: str):
    card, elsewhere = _card_or_own_page(code)
    if elsewhere:
        return elsewhere
    link = _public_link(card)
    return render(request, "takepart/activity.html", {"card": card, "link": link, "qr": sharing.qr_svg_data_uri(link)})


def activity_poster(request, code: str):
    """A page to print and put up: the title, when and where, the short address and its QR code."""
    card, elsewhere = _card_or_own_page(code)
    if elsewhere:
        return elsewhere
    link = _public_link(card)
    return render(request, "takepart/poster.html", {"card": card, "link": link, "qr": sharing.qr_svg_data_uri(link)})


def atom_feed(request):
    return feeds.ActivityFeed()(request)


def calendar_feed(request):
    body = feeds.calendar(selectors.cards(feeds.filters_of(request)), request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="coprocure-events.ics"'
    return response

