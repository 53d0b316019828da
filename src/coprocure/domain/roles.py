"""Roles people hold in a procurement, and the accountability rule.

The seeds are explicit: the public authority stays accountable and responsibility never
shifts to experts by experience or other participants. So the only person who can be named
accountable for a decision is an official of the contracting authority itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import DomainError


class Role(StrEnum):
    OFFICIAL = "official"
    STAFF = "staff"
    PROVIDER_REPRESENTATIVE = "provider_representative"
    EXPERT_BY_EXPERIENCE = "expert_by_experience"
    PEER = "peer"
    SERVICE_USER = "service_user"
    RELATIVE = "relative"
    RESIDENT = "resident"
    EVALUATOR = "evaluator"


AUTHORITY_ROLES = frozenset({Role.OFFICIAL, Role.STAFF})
PARTICIPANT_ROLES = frozenset(
    {Role.EXPERT_BY_EXPERIENCE, Role.PEER, Role.SERVICE_USER, Role.RELATIVE, Role.RESIDENT}
)


def parse_role(value: str, field: str = "role") -> Role:
    try:
        return Role(value)
    except ValueError:
        raise DomainError("role_unknown", field) from None


@dataclass(frozen=True)
class Person:
    """What the rules need to know about a person: their employer and position there."""

    organisation_id: int | None
    is_official: bool  # an official (viranhaltija) by position in their organisation


def check_accountable(person: Person, authority_id: int, field: str = "accountable_official") -> None:
    """Raise unless the person is an official employed by the contracting authority itself.

    Experts by experience, peers, providers and even the authority's other staff can prepare
    and advise, but only an official exercises the authority's public power.
    """
    if person.organisation_id != authority_id:
        raise DomainError("accountable_not_of_authority", field)
    if not person.is_official:
        raise DomainError("accountable_not_official", field)


def check_role(role: Role, person: Person, authority_id: int, field: str = "role") -> None:
    """The official and staff roles belong to the authority's own people only."""
    if role in AUTHORITY_ROLES and person.organisation_id != authority_id:
        raise DomainError("role_requires_authority", field)
    if role is Role.OFFICIAL and not person.is_official:
        raise DomainError("role_requires_official", field)
