"""Who may prepare a tender, bid, open bids, evaluate and decide the award.

Every permission here takes the procurement. Nobody has a permission to read a sealed bid:
before opening its content is encrypted with a key the application does not hold unwrapped.
"""
from __future__ import annotations

import rules

from coprocure.domain.roles import PARTICIPANT_ROLES, Role

from .candidates import has_final_tenders_stage, has_selection_stage, is_invited_to_final_tenders, is_selected_candidate
from .predicates import _roles, has_any_procurement_role, is_closed, is_procurement_official, is_procurement_staff, is_public_procurement, is_site_admin


@rules.predicate
def is_provider(user) -> bool:
    """Signed in on behalf of an organisation that is not a contracting authority."""
    organisation = getattr(user, "organisation", None)
    return bool(user.is_authenticated and organisation is not None and not organisation.is_authority)


@rules.predicate
def is_evaluator(user, procurement) -> bool:
    return Role.EVALUATOR in _roles(user, procurement)


@rules.predicate
def is_user_representative(user, procurement) -> bool:
    """Invited to the procurement as an expert by experience, peer, service user, relative or resident."""
    return bool(_roles(user, procurement) & PARTICIPANT_ROLES)


rules.add_perm("tendering.view", is_public_procurement | has_any_procurement_role | is_site_admin)
rules.add_perm("tendering.manage", is_procurement_staff & ~is_closed)
# The service description and minimum requirements are written together with the people who
# use the service; publishing a version stays with the authority's own people.
rules.add_perm("tendering.edit_documents", (is_procurement_staff | is_user_representative) & ~is_closed)
rules.add_perm("tendering.publish", is_procurement_official & ~is_closed)
rules.add_perm("tendering.answer", is_procurement_official & ~is_closed)
rules.add_perm("tendering.ask", is_provider & ~is_closed)
# After a selection stage only the selected candidates tender, and where the procedure ends in
# final tenders only those invited to submit them (docs/procedures.md).
rules.add_perm("tendering.bid", is_provider & ~is_closed & (~has_selection_stage | is_selected_candidate)
               & (~has_final_tenders_stage | is_invited_to_final_tenders))
rules.add_perm("tendering.open_bids", is_procurement_official & ~is_closed)
rules.add_perm("tendering.evaluate", is_evaluator & ~is_closed)
rules.add_perm("tendering.settle", is_procurement_official & ~is_closed)
rules.add_perm("tendering.decide", is_procurement_official & ~is_closed)
rules.add_perm("tendering.complain", is_provider & ~is_closed)
