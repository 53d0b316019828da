"""Who runs negotiation meetings and gives written information (the procurement's staff; the
accountable official alone for nothing here), and who proposes dialogue solutions (a selected
candidate). Whether a person sees one meeting is object-level: negotiation.selectors."""
from __future__ import annotations

import rules

from .candidates import is_selected_candidate
from .predicates import is_closed, is_procurement_staff
from .tendering import is_provider

rules.add_perm("negotiation.manage", is_procurement_staff & ~is_closed)
rules.add_perm("negotiation.read_log", is_procurement_staff)
rules.add_perm("negotiation.propose", is_provider & is_selected_candidate & ~is_closed)
