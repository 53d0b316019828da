"""The front door as feeds: Atom (every way to take part) and iCalendar (the events), with the
same filters as the page, so a reader can follow, say, one county's events for older people."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from coprocure.core.fields import localised
from coprocure.domain.takepart import CardKind

from . import selectors
from .forms import FiltersForm


def filters_of(request) -> selectors.Filters:
    form = FiltersForm(request.GET or None)
    return form.filters() if form.is_bound else selectors.Filters()


def summary(card: selectors.Card) -> str:
    """The card in one paragraph of plain words, for feed readers and calendars."""
    part_of = (_("Procurement: %(title)s, %(authority)s.") % {
        "title": localised(card.procurement.title), "authority": card.authority.name} if card.procurement
        else _("A standing panel of %(authority)s.") % {"authority": card.authority.name})
    parts = [localised(card.about), part_of]
    if card.target_groups:
        parts.append(_("For: %(groups)s.") % {"groups": ", ".join(str(group) for group in card.target_groups)})
    if card.closes_at and card.kind != CardKind.EVENT:
        parts.append(_("Open until %(date)s.") % {"date": date_format(timezone.localtime(card.closes_at), "DATETIME_FORMAT")})
    if card.places_left is not None:
        parts.append(_("Places left: %(count)s.") % {"count": card.places_left} if card.places_left
                     else _("Full: you can join the waiting list."))
    return " ".join(part for part in parts if part)


class ActivityFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Ways to take part – CoProcure")
    subtitle = gettext_lazy("Open surveys, coming events and idea forms in the procurements of social and health services.")

    def get_object(self, request, *args, **kwargs):
        return filters_of(request)

    def link(self):
        return reverse("home")

    def items(self, filters):
        return selectors.cards(filters)

    def item_title(self, card):
        return localised(card.title)

    def item_description(self, card):
        return summary(card)

    def item_link(self, card):
        return card.page_url

    def item_guid(self, card):
        return card.code

    def item_updateddate(self, card):
        return card.updated_at

    def item_pubdate(self, card):
        return card.updated_at


def calendar(cards: list[selectors.Card], site: str) -> bytes:
    """The events among the cards as an iCalendar (RFC 5545) file."""
    feed = Calendar()
    feed.add("prodid", "-//CoProcure//Ways to take part//FI")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", _("Events – CoProcure"))
    stamp = timezone.now()
    for card in cards:
        if card.kind != CardKind.EVENT:
            continue
        event = Event()
        event.add("uid", f"{card.code}@coprocure")
        event.add("dtstamp", stamp)
        event.add("dtstart", card.starts_at)
        if card.ends_at:
            event.add("dtend", card.ends_at)
        event.add("summary", localised(card.title))
        event.add("description", summary(card))
        event.add("location", card.place or card.setting)
        event.add("url", site + card.page_url)
        feed.add_component(event)
    return feed.to_ical()
