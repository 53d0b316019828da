"""Finding and comparing services. Full-text search uses PostgreSQL's Finnish, Swedish and
English stemmers (so "päihdepalveluja" finds "päihdepalvelut"); SQLite, used only for the
local demo, falls back to substring matching."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from coprocure.core.models import Organisation, OrganisationKind
from coprocure.core.selectors import visible_procurement
from coprocure.participation.models import Activity

from .models import (
    ActionPoint, ConsortiumInvitation, ExpressionOfInterest, JointOffer, Network, NetworkMember, PartnershipTable,
    ProviderProfile, Service, TableSeat,
)

CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}


@dataclass(frozen=True)
class ServiceFilters:
    q: str = ""
    target_group: str = ""
    area: str = ""
    language: str = ""
    kind: str = ""
    service_class: str = ""
    capacity_available: bool = False


def _base() -> QuerySet[Service]:
    return Service.objects.select_related("provider", "provider__profile").prefetch_related("target_groups")


def search_services(filters: ServiceFilters) -> QuerySet[Service]:
    qs = _base()
    if filters.target_group:
        qs = qs.filter(target_groups__code=filters.target_group)
    if filters.area:
        qs = qs.filter(areas__contains=[filters.area]) if connection.vendor == "postgresql" else qs.filter(areas__icontains=f'"{filters.area}"')
    if filters.language:
        qs = qs.filter(languages__contains=[filters.language]) if connection.vendor == "postgresql" else qs.filter(languages__icontains=f'"{filters.language}"')
    if filters.kind:
        qs = qs.filter(provider__kind=filters.kind)
    if filters.service_class:
        qs = qs.filter(service_class=filters.service_class)
    if filters.capacity_available:
        qs = qs.filter(capacity_available__gt=0)
    q = filters.q.strip()
    if not q:
        return qs.order_by("provider__name", "id")
    if connection.vendor == "postgresql":
        query = None
        for word in q.split()[:10]:
            query = _word_query(word) if query is None else query & _word_query(word)
        if query is None:
            return qs.none()
        return (
            qs.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "id")
        )
    words = Q()
    for word in q.split():
        words &= Q(name__icontains=word) | Q(description__icontains=word) | Q(summary__icontains=word) | Q(provider__name__icontains=word)
    return qs.filter(words).order_by("provider__name", "id")


def _word_query(word: str) -> SearchQuery:
    """A word in any of the three languages, or as a truncated prefix.

    The Finnish stemmer does not unify every form ("päihdekuntoutus" → päihdekuntoutus,
    "päihdekuntoutusta" → päihdekuntoutu), so a long word also matches by its first letters,
    as Finnish library searches do.
    """
    query = None
    for config in CONFIGS.values():
        part = SearchQuery(word, config=config, search_type="plain")
        query = part if query is None else query | part
    letters = re.sub(r"\W", "", word.lower())
    if len(letters) >= 6:
        query |= SearchQuery(f"{letters[:-2]}:*", config="simple", search_type="raw")
    return query


def services_by_ids(ids: list[int]) -> list[Service]:
    found = {s.pk: s for s in _base().prefetch_related("channels").filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


def service_page(pk: int) -> Service:
    return _base().get(pk=pk)


def provider_page(organisation_id: int) -> ProviderProfile:
    """A provider's profile with its services, or 404 for an organisation that has none."""
    return get_object_or_404(
        ProviderProfile.objects.select_related("organisation")
        .prefetch_related("organisation__services__target_groups", "organisation__services__channels"),
        organisation_id=organisation_id,
    )


def profiles_for_export() -> QuerySet[ProviderProfile]:
    return ProviderProfile.objects.select_related("organisation").prefetch_related(
        "organisation__services__target_groups", "organisation__services__channels"
    ).order_by("organisation__name", "id")


def provider_organisation(organisation_id: int) -> Organisation:
    """An organisation that may describe itself as a provider: 404 for authorities and unknown ids."""
    return get_object_or_404(Organisation.objects.exclude(kind=OrganisationKind.AUTHORITY), pk=organisation_id)


def editable_organisation(user, organisation_id: int) -> Organisation:
    """A provider organisation this person may describe (404 for authorities and unknown ids)."""
    organisation = provider_organisation(organisation_id)
    if not user.has_perm("partners.edit_profile", organisation):
        raise PermissionDenied
    return organisation


def profile_of(organisation: Organisation) -> ProviderProfile | None:
    return ProviderProfile.objects.filter(organisation=organisation).first()


def service_of(organisation: Organisation, service_id: int) -> Service:
    """One of the organisation's own services, or 404."""
    return get_object_or_404(Service, pk=service_id, provider=organisation)


def networks() -> QuerySet[Network]:
    return Network.objects.select_related("coordinator").prefetch_related("members__organisation").order_by("-created_at", "id")


def networks_with_offers() -> QuerySet[Network]:
    return networks().prefetch_related("offers__services")


def network_page(pk: int) -> Network:
    return get_object_or_404(
        Network.objects.select_related("coordinator").prefetch_related(
            Prefetch("members", queryset=NetworkMember.objects.select_related("organisation")),
            Prefetch("offers", queryset=JointOffer.objects.prefetch_related("services__provider")),
        ),
        pk=pk,
    )


def table_activity(user, pk: int):
    """A partnership-table activity the user may see, or 404 (a private one's existence is not revealed)."""
    activity = Activity.objects.select_related("procurement", "procurement__authority").filter(
        pk=pk, kind="partnership_table").first()
    if activity is None or not user.has_perm("participation.view", activity.procurement):
        raise Http404
    return activity


def table_of(activity) -> PartnershipTable | None:
    return (
        PartnershipTable.objects.filter(activity=activity)
        .prefetch_related(Prefetch("seats", TableSeat.objects.select_related("organisation")), "action_points")
        .first()
    )


def visible_action_point(user, pk: int) -> ActionPoint:
    """An action point of a table the user may see, or 404."""
    point = ActionPoint.objects.select_related("table__activity__procurement").filter(pk=pk).first()
    if point is None or not user.has_perm("participation.view", point.table.activity.procurement):
        raise Http404
    return point


def _interests():
    return ExpressionOfInterest.objects.select_related("organisation", "procurement").prefetch_related(
        Prefetch("invitations", ConsortiumInvitation.objects.select_related("organisation")))


def interests_of(procurement):
    return _interests().filter(procurement=procurement)


def interest_page(user, pk: int) -> ExpressionOfInterest:
    """An expression of interest on a procurement the user may see, or 404."""
    interest = _interests().filter(pk=pk).first()
    if interest is None:
        raise Http404
    visible_procurement(user, interest.procurement_id)
    return interest


def formed_consortium_members(user, procurement, interest_id) -> list[tuple[Organisation, str]]:
    """The partners of a consortium the user's organisation formed for this procurement, with
    their roles, to fill in a bid; nothing for anyone else's or one not yet formed."""
    if not str(interest_id).isdigit() or not user.is_authenticated:
        return []
    interest = _interests().filter(pk=int(interest_id), procurement=procurement, organisation=user.organisation_id,
                                   formed_at__isnull=False).first()
    if interest is None:
        return []
    return [(invitation.organisation, invitation.role) for invitation in interest.invitations.all() if invitation.accepted_at]


def consenting_members(procurement, lead_id) -> set[int]:
    """The organisations whose own representatives accepted the lead's invitation into its
    consortium for this procurement: the only ones a consortium bid may name (issue 17 item 9)."""
    return set(ConsortiumInvitation.objects.filter(
        interest__procurement=procurement, interest__organisation=lead_id, accepted_at__isnull=False,
    ).values_list("organisation_id", flat=True))
