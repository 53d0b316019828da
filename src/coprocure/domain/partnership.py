"""Who sits at a partnership table, and which providers match a procurement.

A partnership table (seed 003) widens market dialogue: the authority's staff, providers and
user representatives plan a service together. The authority can invite every registered
provider whose services match the procurement in one step; the rule for "match" lives here so
it can be read and tested without a database.
"""

from __future__ import annotations

from .errors import DomainError
from .lifecycle import Phase

AUTHORITY = "authority"
PROVIDER = "provider"
USER_REPRESENTATIVE = "user_representative"

# A procurement's service area (core.ServiceArea) → the national service classes (PTV) that
# provide it. "other" names no class, so nobody is invited automatically for it.
SERVICE_CLASSES: dict[str, frozenset[str]] = {
    "substance_abuse": frozenset({"P10.6", "P10.5"}),
    "mental_health": frozenset({"P10.5", "P10.6"}),
    "housing_support": frozenset({"P10.3"}),
    "older_people": frozenset({"P10.2"}),
    "children_families": frozenset({"P10.1"}),
    "disability": frozenset({"P10.4"}),
    "employment": frozenset({"P10.7"}),
    "health_care": frozenset({"P11.4"}),
    "other": frozenset(),
}


def seat_role(organisation_kind: str) -> str:
    """Authorities send staff, user and patient associations represent users, the rest provide."""
    if organisation_kind == "authority":
        return AUTHORITY
    if organisation_kind == "user_association":
        return USER_REPRESENTATIVE
    return PROVIDER


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def matches(service_class: str, service_areas: list[str], service_area: str, municipality: str) -> bool:
    """A service matches when its class provides the procurement's service area and it is
    offered in the authority's home municipality. An authority without a home municipality
    (a region-wide buyer) does not restrict the area."""
    if service_class not in SERVICE_CLASSES.get(service_area, frozenset()):
        return False
    if not _norm(municipality):
        return True
    return _norm(municipality) in {_norm(area) for area in service_areas}


# Organisations look for partners while a procurement is being prepared or tendered.
OPEN_PHASES = frozenset({Phase.PREPARATION, Phase.TENDERING})


def check_open_for_interest(phase: str) -> None:
    if phase not in OPEN_PHASES:
        raise DomainError("interest_phase_closed", None)


def check_can_form(already_formed: bool, accepted_members: int) -> None:
    """A consortium is formed once, by its lead, with at least one partner who has accepted."""
    if already_formed:
        raise DomainError("consortium_already_formed", None)
    if accepted_members < 1:
        raise DomainError("consortium_needs_member", None)
