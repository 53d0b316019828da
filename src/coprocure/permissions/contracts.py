"""Who may see and steer a contract, record its decisions and report its outcomes.

Every permission here takes the contract's procurement, except ``contracts.report``, which
takes the contract itself: a provider reports for the contracts it is a party to.
"""
from __future__ import annotations

import rules

from .predicates import has_any_procurement_role, is_closed, is_procurement_staff, is_public_procurement, is_site_admin


@rules.predicate
def is_provider_party(user, contract) -> bool:
    """Works for one of the contract's provider parties."""
    if not user.is_authenticated or contract is None or user.organisation_id is None:
        return False
    return contract.parties.filter(organisation_id=user.organisation_id).exclude(role="authority").exists()


@rules.predicate
def is_contract_staff(user, contract) -> bool:
    return contract is not None and is_procurement_staff(user, contract.procurement)


rules.add_perm("contracts.view", is_public_procurement | has_any_procurement_role | is_site_admin)
rules.add_perm("contracts.manage", is_procurement_staff & ~is_closed)
rules.add_perm("contracts.decide", is_procurement_staff & ~is_closed)
rules.add_perm("contracts.propose", (is_public_procurement | has_any_procurement_role) & ~is_closed)
rules.add_perm("contracts.report", is_contract_staff | is_provider_party)
