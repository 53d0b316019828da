"""Who may see and run panels. Every rule takes the panel's procurement.

The volunteers' names and backgrounds together are for the procurement's staff alone; outreach
partners (the procurement's peers and experts by experience, who meet people where they are)
may enter volunteers from paper but not read the list.
"""
from __future__ import annotations

import rules

from coprocure.permissions.participation import is_procurement_peer
from coprocure.permissions.predicates import (
    has_any_procurement_role, is_closed, is_procurement_staff, is_public_procurement, is_site_admin,
)

rules.add_perm("panels.view", is_public_procurement | has_any_procurement_role | is_site_admin)
rules.add_perm("panels.volunteer", is_public_procurement & ~is_closed)
rules.add_perm("panels.manage", is_procurement_staff & ~is_closed)
rules.add_perm("panels.view_volunteers", is_procurement_staff)
rules.add_perm("panels.enter_volunteers", (is_procurement_staff | is_procurement_peer) & ~is_closed)
