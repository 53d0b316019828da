"""Who may see and run panels. Every rule takes the panel (for creating one, an unsaved panel
with its owner set), and follows its owner: a procurement's or a contract's panel the roles of
that procurement, an authority's standing panel the authority's own officials and staff.

The volunteers' names and backgrounds together are for the owner's staff alone; outreach
partners (the procurement's peers and experts by experience, who meet people where they are)
may enter volunteers from paper but not read the list.
"""
from __future__ import annotations

import rules

from coprocure.permissions.participation import is_procurement_peer
from coprocure.permissions.predicates import (
    has_any_procurement_role, is_authority_staff, is_closed, is_procurement_staff, is_public_procurement,
    is_site_admin,
)


@rules.predicate
def is_panel_staff(user, panel) -> bool:
    if panel.authority_id:
        return bool(is_authority_staff(user) and user.organisation_id == panel.authority_id)
    return bool(is_procurement_staff(user, panel.governing_procurement))


@rules.predicate
def is_public_panel(user, panel) -> bool:
    # An authority's standing panel is public like the authority itself.
    return bool(panel.authority_id or is_public_procurement(user, panel.governing_procurement))


@rules.predicate
def has_panel_role(user, panel) -> bool:
    if panel.authority_id:
        return bool(is_panel_staff(user, panel))
    return bool(has_any_procurement_role(user, panel.governing_procurement))


@rules.predicate
def is_panel_closed(user, panel) -> bool:
    return bool(not panel.authority_id and is_closed(user, panel.governing_procurement))


@rules.predicate
def is_panel_outreach_partner(user, panel) -> bool:
    return bool(not panel.authority_id and is_procurement_peer(user, panel.governing_procurement))


rules.add_perm("panels.view", is_public_panel | has_panel_role | is_site_admin)
rules.add_perm("panels.volunteer", is_public_panel & ~is_panel_closed)
rules.add_perm("panels.manage", is_panel_staff & ~is_panel_closed)
rules.add_perm("panels.view_volunteers", is_panel_staff)
rules.add_perm("panels.enter_volunteers", (is_panel_staff | is_panel_outreach_partner) & ~is_panel_closed)
