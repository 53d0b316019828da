"""Who may plan participation, run surveys and see their results.

Answering needs no account: a survey can be answered by anyone who may see its procurement.
Results, even suppressed, are for the procurement's own staff until they are published.
"""
from __future__ import annotations

import rules

from coprocure.domain.roles import Role

from .predicates import (
    _roles, has_any_procurement_role, is_closed, is_procurement_staff, is_public_procurement, is_site_admin,
)


@rules.predicate
def is_procurement_peer(user, procurement) -> bool:
    """Peers and experts by experience collect answers where people are (drop-ins, home visits)."""
    return bool(_roles(user, procurement) & {Role.PEER, Role.EXPERT_BY_EXPERIENCE})


# Every permission here takes the procurement the plan, activity or survey belongs to.
rules.add_perm("participation.view", is_public_procurement | has_any_procurement_role | is_site_admin)
rules.add_perm("participation.manage", is_procurement_staff & ~is_closed)
rules.add_perm("participation.answer", (is_public_procurement | has_any_procurement_role) & ~is_closed)
rules.add_perm("participation.view_results", is_procurement_staff)
rules.add_perm("participation.enter_answers", (is_procurement_staff | is_procurement_peer) & ~is_closed)
