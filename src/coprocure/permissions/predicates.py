"""Named predicates a non-programmer can read: who is this person, relative to this object."""

from __future__ import annotations

import rules

from coprocure.domain.lifecycle import Phase
from coprocure.domain.roles import Role


@rules.predicate
def is_site_admin(user) -> bool:
    return bool(user.is_active and user.is_superuser)


@rules.predicate
def is_authority_staff(user) -> bool:
    """Employed by a contracting authority as an official or staff member."""
    organisation = getattr(user, "organisation", None)
    return bool(
        user.is_authenticated and organisation is not None and organisation.is_authority
        and user.position in {"official", "staff"}
    )


ROLE_CACHE = "_procurement_roles"


def forget_roles(user) -> None:
    """Drop the roles cached on this user object, so the next check reads them again: called
    by every service that gives or takes away a procurement role."""
    user.__dict__.pop(ROLE_CACHE, None)


def _roles(user, procurement) -> frozenset[str]:
    # Cached on the user object for the life of a request, where one page checks many permissions.
    if not user.is_authenticated or procurement is None:
        return frozenset()
    cache = getattr(user, ROLE_CACHE, None)
    if cache is None:
        cache = {}
        setattr(user, ROLE_CACHE, cache)
    if procurement.pk not in cache:
        cache[procurement.pk] = frozenset(
            procurement.roles.filter(user=user).values_list("role", flat=True)
        )
    return cache[procurement.pk]


@rules.predicate
def is_procurement_official(user, procurement) -> bool:
    return Role.OFFICIAL in _roles(user, procurement)


@rules.predicate
def is_procurement_staff(user, procurement) -> bool:
    return bool(_roles(user, procurement) & {Role.OFFICIAL, Role.STAFF})


@rules.predicate
def has_any_procurement_role(user, procurement) -> bool:
    return bool(_roles(user, procurement))


@rules.predicate
def is_public_procurement(user, procurement) -> bool:
    return bool(procurement is not None and procurement.is_public)


@rules.predicate
def is_closed(user, procurement) -> bool:
    return procurement is not None and procurement.phase == Phase.CLOSED
