from __future__ import annotations

import rules

from .predicates import (
    has_any_procurement_role,
    is_authority_staff,
    is_closed,
    is_procurement_official,
    is_procurement_staff,
    is_public_procurement,
    is_site_admin,
)

rules.add_perm("procurement.view", is_public_procurement | has_any_procurement_role | is_site_admin)
rules.add_perm("procurement.create", is_authority_staff)
rules.add_perm("procurement.edit", is_procurement_staff & ~is_closed)
rules.add_perm("procurement.change_phase", is_procurement_official)
rules.add_perm("procurement.assign_role", is_procurement_official & ~is_closed)
rules.add_perm("organisation.create", is_authority_staff | is_site_admin)
rules.add_perm("procurement.view_roles", is_procurement_staff | is_site_admin)
