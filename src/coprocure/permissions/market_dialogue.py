"""Who may take part in and run a procedure's market dialogue stage: any organisation other than
an authority registers (its confirmation by staff is what lets it ask); the procurement's staff
confirm, answer, hold sessions and publish what was learned."""
from __future__ import annotations

import rules

from .predicates import is_closed, is_procurement_staff
from .tendering import is_provider

rules.add_perm("market_dialogue.register", is_provider & ~is_closed)
rules.add_perm("market_dialogue.ask", is_provider & ~is_closed)
rules.add_perm("market_dialogue.manage", is_procurement_staff & ~is_closed)
rules.add_perm("market_dialogue.read_registrations", is_procurement_staff)
