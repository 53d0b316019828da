"""Who may plan participation, run surveys and see their results.

Answering needs no account: a survey can be answered by anyone who may see its procurement.
Results, even suppressed, are for the procurement's own staff until they are published.
"""
from __future__ import annotations

import rules

from .predicates import has_any_procurement_role, is_closed, is_procurement_staff, is_public_procurement, is_site_admin

# Every permission here takes the procurement the plan, activity or survey belongs to.
rules.add_perm("participation.view", is_public_procurement | has_any_procurement_role | is_site_admin)
rules.add_perm("participation.manage", is_procurement_staff & ~is_closed)
rules.add_perm("participation.answer", (is_public_procurement | has_any_procurement_role) & ~is_closed)
rules.add_perm("participation.view_results", is_procurement_staff)
