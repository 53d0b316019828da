"""What one can take part in now, as cards: open surveys, coming events and the idea forms of
running contracts, from public procurements that are not closed.

Each kind of card is one query (its counts annotated) plus one for the procurements' target
groups, so a page costs the same number of queries however many cards it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coprocure.contracts.models import Contract
from coprocure.core.models import Organisation, OrganisationKind, Phase, Procurement, ServiceArea, TargetGroup
from coprocure.domain import takepart
from coprocure.domain.takepart import CardKind
from coprocure.panels.models import Panel
from coprocure.participation import open_now
from coprocure.participation.models import (
    HOLDS_PLACE, Activity, ActivityKind, QuestionKind, RegistrationStatus, Setting, Survey, SurveyMode,
)

CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}
KIND_LABELS = [
    (CardKind.SURVEY.value, _("Surveys")),
    (CardKind.EVENT.value, _("Events")),
    (CardKind.IDEA_FORM.value, _("Idea forms")),
    (CardKind.PANEL.value, _("Panels looking for members")),
]
# More than a phone screen can sensibly list; the API pages through the same cut.
MOST_PER_KIND = 500


@dataclass(frozen=True)
class Filters:
    q: str = ""
    authority: int | None = None
    service_area: str = ""
    target_group: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Card:
    """One way to take part, in the words a card on the front door uses."""

    kind: CardKind
    number: int
    title: dict
    about: dict
    authority: Organisation
    # None only for an authority's standing panel, which is part of no one procurement.
    procurement: Procurement | None
    target_groups: list[TargetGroup]
    closes_at: datetime | None
    action_url: str
    minutes: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    online: bool = True
    place: str = ""
    setting: str = ""
    accessibility: list[str] = field(default_factory=list)
    registration: bool = False
    capacity: int | None = None
    places_left: int | None = None
    waiting: int = 0
    updated_at: datetime | None = None

    @property
    def code(self) -> str:
        return takepart.short_code(self.kind, self.number)

    @property
    def page_url(self) -> str:
        return reverse("takepart_activity", args=[self.code])

    @property
    def is_full(self) -> bool:
        return self.places_left == 0


def _open_procurements(prefix: str, filters: Filters) -> Q:
    """Public procurements that are not closed, narrowed by the reader's filters."""
    condition = Q(**{f"{prefix}is_public": True}) & ~Q(**{f"{prefix}phase": Phase.CLOSED})
    if filters.authority:
        condition &= Q(**{f"{prefix}authority_id": filters.authority})
    if filters.service_area:
        condition &= Q(**{f"{prefix}service_area": filters.service_area})
    if filters.target_group:
        condition &= Q(**{f"{prefix}target_groups__code": filters.target_group})
    return condition


def _searched(qs: QuerySet, fields: list[str], q: str) -> QuerySet:
    """Full text in Finnish, Swedish and English on PostgreSQL (each language's text with its
    own stemmer, so "kotihoidosta" finds "kotihoito"); substrings on SQLite, the local demo's."""
    words = q.split()[:10]
    if not words:
        return qs
    if connection.vendor == "postgresql":
        vector = None
        for name in fields:
            for language, config in CONFIGS.items():
                part = SearchVector(KeyTextTransform("text", KeyTransform(language, name)), config=config)
                vector = part if vector is None else vector + part
        query = None
        for config in CONFIGS.values():
            part = SearchQuery(" ".join(words), config=config, search_type="websearch")
            query = part if query is None else query | part
        # As a subquery, so that the vector stays out of the GROUP BY of the counts annotated later.
        return qs.filter(pk__in=qs.model.objects.annotate(search=vector).filter(search=query).values("pk"))
    condition = Q()
    for word in words:
        condition &= Q(*[Q(**{f"{name}__icontains": word}) for name in fields], _connector=Q.OR)
    return qs.filter(condition)


def _surveys(filters: Filters, now: datetime) -> QuerySet[Survey]:
    """Anonymous surveys open now that have questions. Identified surveys are for invited
    panels and a contract's outcome rounds take invitation codes only, so neither is offered
    to everyone."""
    kinds = {f"n_{kind}": Count("questions", filter=Q(questions__kind=kind)) for kind in QuestionKind.values}
    qs = (Survey.objects.filter(_open_procurements("activity__procurement__", filters), open_now.open_now(),
                                mode=SurveyMode.ANONYMOUS, by_invitation=False))
    qs = _searched(qs, ["title", "intro", "activity__title", "activity__procurement__title"], filters.q)
    return (qs.annotate(**kinds, n_questions=Count("questions")).filter(n_questions__gt=0)
            .select_related("activity__procurement__authority").order_by("closes_at", "pk"))


def _events(filters: Filters, now: datetime) -> QuerySet[Activity]:
    """Activities with a time that is still to come, other than surveys (listed as such) and
    home visits (staff go to people's homes: nobody joins them from a web page)."""
    qs = (Activity.objects.filter(_open_procurements("procurement__", filters), starts_at__gt=now)
          .exclude(kind=ActivityKind.SURVEY).exclude(setting=Setting.HOME_VISIT))
    qs = _searched(qs, ["title", "plain_summary", "description", "procurement__title"], filters.q)
    return (qs.annotate(holding=Count("registrations", filter=Q(registrations__status__in=HOLDS_PLACE), distinct=True),
                        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING),
                                      distinct=True))
            .select_related("procurement__authority").order_by("starts_at", "pk"))


def _idea_forms(filters: Filters, now: datetime) -> QuerySet[Contract]:
    """Contracts still running, whose public idea form takes development proposals."""
    qs = Contract.objects.filter(_open_procurements("procurement__", filters), ends_on__gte=timezone.localdate(now))
    qs = _searched(qs, ["title", "description", "procurement__title"], filters.q)
    return qs.select_related("procurement__authority").order_by("ends_on", "pk")


def _standing(filters: Filters) -> Q:
    """An authority's standing panels: they have no service area or target group of their own,
    so a reader who filters by one is not shown them."""
    if filters.service_area or filters.target_group:
        return Q(pk__in=[])
    condition = Q(authority__isnull=False)
    if filters.authority:
        condition &= Q(authority_id=filters.authority)
    return condition


def _panels(filters: Filters, now: datetime) -> QuerySet[Panel]:
    """Panels whose open call takes volunteers now: a procurement's, a running procurement's
    contract's, and an authority's standing ones."""
    owners = (_open_procurements("procurement__", filters) | _open_procurements("contract__procurement__", filters)
              | _standing(filters))
    qs = Panel.objects.filter(owners, call_open=True)
    qs = _searched(qs, ["title", "purpose", "procurement__title", "contract__procurement__title"], filters.q)
    # Two target-group joins (the procurement's and the contract's) may repeat a panel.
    return (qs.distinct().select_related("procurement__authority", "contract__procurement__authority", "authority")
            .order_by("term_starts", "pk"))


def _survey_card(survey: Survey) -> Card:
    procurement = survey.activity.procurement
    counts = {kind: getattr(survey, f"n_{kind}") for kind in QuestionKind.values}
    return Card(
        kind=CardKind.SURVEY, number=survey.pk, title=survey.title, about=survey.intro or survey.activity.plain_summary,
        authority=procurement.authority, procurement=procurement, target_groups=list(procurement.target_groups.all()), closes_at=survey.closes_at,
        action_url=reverse("survey_answer", args=[survey.pk]), minutes=takepart.survey_minutes(counts),
        updated_at=survey.created_at,
    )


def _event_card(activity: Activity) -> Card:
    procurement = activity.procurement
    limited = activity.registration and activity.capacity is not None
    return Card(
        kind=CardKind.EVENT, number=activity.pk, title=activity.title,
        about=activity.plain_summary or activity.description, authority=procurement.authority, procurement=procurement,
        target_groups=list(procurement.target_groups.all()), closes_at=activity.starts_at,
        action_url=reverse("activity_register", args=[activity.pk]) if activity.registration else "",
        starts_at=activity.starts_at, ends_at=activity.ends_at, online=activity.setting == "online",
        place=activity.place, setting=activity.get_setting_display(), accessibility=activity.accessibility(),
        registration=activity.registration, capacity=activity.capacity if limited else None,
        places_left=takepart.places_left(activity.capacity, activity.holding) if limited else None,
        waiting=activity.waiting, updated_at=activity.updated_at,
    )


def _idea_card(contract: Contract) -> Card:
    procurement = contract.procurement
    closes = timezone.make_aware(datetime.combine(contract.ends_on, time.max))
    return Card(
        kind=CardKind.IDEA_FORM, number=contract.pk, title=contract.title, about=contract.description,
        authority=procurement.authority, procurement=procurement, target_groups=list(procurement.target_groups.all()), closes_at=closes,
        action_url=reverse("proposal_submit", args=[contract.pk]), minutes=takepart.IDEA_FORM_MINUTES,
        updated_at=contract.updated_at,
    )


def _panel_card(panel: Panel) -> Card:
    procurement = panel.governing_procurement
    return Card(
        kind=CardKind.PANEL, number=panel.pk, title=panel.title, about=panel.purpose,
        authority=panel.authority or procurement.authority, procurement=procurement,
        target_groups=list(procurement.target_groups.all()) if procurement else [], closes_at=None,
        action_url=reverse("panel_volunteer", args=[panel.pk]), minutes=takepart.PANEL_MINUTES,
        updated_at=panel.created_at,
    )


SOURCES = {
    CardKind.SURVEY: (_surveys, _survey_card),
    CardKind.EVENT: (_events, _event_card),
    CardKind.IDEA_FORM: (_idea_forms, _idea_card),
    CardKind.PANEL: (_panels, _panel_card),
}


def _soonest(card: Card) -> tuple:
    return (card.closes_at is None, card.closes_at or timezone.now(), card.kind.value, card.number)


def _procurement_of(row) -> Procurement | None:
    return row.governing_procurement if isinstance(row, Panel) else row.procurement


def cards(filters: Filters = Filters()) -> list[Card]:
    """Every way to take part now that matches the filters, the soonest to close first."""
    now = timezone.now()
    rows = []
    for kind, (query, card) in SOURCES.items():
        if filters.kind and filters.kind != kind.value:
            continue
        rows += [(card, row) for row in query(filters, now)[:MOST_PER_KIND]]
    # The target groups of every card's procurement in one query, however many kinds have cards.
    prefetch_related_objects([p for p in (_procurement_of(row) for _card, row in rows) if p], "target_groups")
    return sorted((card(row) for card, row in rows), key=_soonest)


def card(code: str) -> Card | None:
    """The card a short code names, if it is one the front door offers now."""
    parsed = takepart.parse_code(code)
    if parsed is None:
        return None
    kind, number = parsed
    query, make = SOURCES[kind]
    row = query(Filters(), timezone.now()).filter(pk=number).first()
    return make(row) if row is not None else None


# Where a short code leads once its activity is no longer offered (a closed survey, a past
# event, an ended contract): the activity's own page, which says what state it is in, so a
# printed QR code never ends in a dead end.
OWN_PAGES = {
    CardKind.SURVEY: (Survey.objects, Q(activity__procurement__is_public=True), "survey_answer"),
    CardKind.EVENT: (Activity.objects, Q(procurement__is_public=True), "activity_register"),
    CardKind.IDEA_FORM: (Contract.objects, Q(procurement__is_public=True), "you_said_we_did"),
    CardKind.PANEL: (Panel.objects, Q(procurement__is_public=True) | Q(contract__procurement__is_public=True)
                     | Q(authority__isnull=False), "panel"),
}


def own_page(code: str) -> str | None:
    """The address of the public activity a short code names, whatever its state; None for a
    code that names nothing public."""
    parsed = takepart.parse_code(code)
    if parsed is None:
        return None
    kind, number = parsed
    manager, public, name = OWN_PAGES[kind]
    if not manager.filter(public, pk=number).exists():
        return None
    return reverse(name, args=[number])


def authorities() -> QuerySet[Organisation]:
    """Wellbeing services counties and municipalities with a public procurement or a standing
    panel looking for members, for the filter."""
    return (Organisation.objects.filter(Q(procurements__is_public=True) | Q(panels__call_open=True),
                                        kind=OrganisationKind.AUTHORITY)
            .distinct().order_by("name"))


def filter_choices() -> dict:
    return {
        "authorities": list(authorities()),
        "service_areas": ServiceArea.choices,
        "target_groups": list(TargetGroup.objects.all()),
        "kinds": KIND_LABELS,
    }
