"""Who runs negotiation meetings, gives written information and sets R&D milestones (the
procurement's staff); who decides (its official: the close of dialogue, a milestone's acceptance,
the end of a partnership, the stage's close); who proposes dialogue solutions (a selected
candidate) and submits milestone results (a provider: the service checks it is a partner).
Whether a person sees one meeting or result is object-level: negotiation.selectors."""
from __future__ import annotations

import rules

from .candidates import is_selected_candidate
from .predicates import is_closed, is_procurement_official, is_procurement_staff
from .tendering import is_provider

rules.add_perm("negotiation.manage", is_procurement_staff & ~is_closed)
rules.add_perm("negotiation.read_log", is_procurement_staff)
rules.add_perm("negotiation.propose", is_provider & is_selected_candidate & ~is_closed)
rules.add_perm("negotiation.decide", is_procurement_official & ~is_closed)
rules.add_perm("negotiation.submit_result", is_provider & ~is_closed)
