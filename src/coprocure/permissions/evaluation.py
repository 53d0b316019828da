"""Who may read and write a procurement's evaluation.

The report's public parts (suppressed counts, experience scores, the influence trail,
outcomes and the self-assessment) are for everyone who may see the procurement. The equality
monitor's ratios and the experts' hours and fees stay with the procurement's staff, as they do
on the participation pages.
"""
from __future__ import annotations

import rules

from .predicates import has_any_procurement_role, is_closed, is_procurement_staff, is_public_procurement, is_site_admin

# Every permission here takes the procurement.
rules.add_perm("evaluation.view", is_public_procurement | has_any_procurement_role | is_site_admin)
rules.add_perm("evaluation.view_restricted", is_procurement_staff)
# The self-assessment is written after the procurement, too: evaluation goes on after closing.
rules.add_perm("evaluation.assess", is_procurement_staff)
# A new survey needs participation to be open, as every other survey does.
rules.add_perm("evaluation.run_survey", is_procurement_staff & ~is_closed)
