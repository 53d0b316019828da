"""Who may compose and publish a procedure, run its stages, ask to participate and select.

``is_selected_candidate`` is the rule every stage after a selection asks: once a procedure has a
requests-to-participate stage, only organisations that its published selection decision selected
may take part in what follows (tendering.bid asks it too). Where the procedure ends in final
tenders, tendering.bid also asks ``is_invited_to_final_tenders``.
"""
from __future__ import annotations

import rules

from .predicates import has_any_procurement_role, is_closed, is_procurement_official, is_procurement_staff, is_public_procurement, is_site_admin
from .candidates import has_selection_stage, is_candidate, is_selected_candidate
from .tendering import is_provider

rules.add_perm("procedures.view", is_public_procurement | has_any_procurement_role | is_site_admin)
rules.add_perm("procedures.compose", is_procurement_staff & ~is_closed)
rules.add_perm("procedures.publish", is_procurement_official & ~is_closed)
rules.add_perm("procedures.run_stages", is_procurement_official & ~is_closed)
rules.add_perm("procedures.request", is_provider & ~is_closed)
rules.add_perm("procedures.open_requests", is_procurement_official & ~is_closed)
rules.add_perm("procedures.check", is_procurement_staff & ~is_closed)
rules.add_perm("procedures.select", is_procurement_official & ~is_closed)
rules.add_perm("procedures.read_selection", is_procurement_staff | is_candidate)
rules.add_perm("procedures.next_stage", ~has_selection_stage | is_selected_candidate)
rules.add_perm("procedures.round_bid", is_provider & is_selected_candidate & ~is_closed)
rules.add_perm("procedures.open_round", is_procurement_official & ~is_closed)
rules.add_perm("procedures.read_round", is_procurement_staff)
rules.add_perm("procedures.reduce", is_procurement_official & ~is_closed)
rules.add_perm("procedures.invite_final", is_procurement_official & ~is_closed)
rules.add_perm("procedures.award_on_initial_bids", is_procurement_official & ~is_closed)
# Who the decision names is checked by the service (procedures.services.complaints).
rules.add_perm("procedures.complain", is_provider & ~is_closed)
rules.add_perm("procedures.handle_complaints", is_procurement_official & ~is_closed)
