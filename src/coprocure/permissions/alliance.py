"""Who may see an alliance's settlements, report its costs, approve them and approve statements.

Every permission here takes the contract: providers report costs for the alliances they are a
party to, the procurement's staff check each cost line, and only its official approves a
statement, because the payment is the authority's decision.
"""
from __future__ import annotations

import rules

from .contracts import is_provider_party
from .predicates import has_any_procurement_role, is_procurement_official, is_procurement_staff, is_public_procurement, \
    is_site_admin


@rules.predicate
def contract_is_public(user, contract) -> bool:
    return contract is not None and is_public_procurement(user, contract.procurement)


@rules.predicate
def has_contract_role(user, contract) -> bool:
    return contract is not None and has_any_procurement_role(user, contract.procurement)


@rules.predicate
def is_contract_staff(user, contract) -> bool:
    return contract is not None and is_procurement_staff(user, contract.procurement)


@rules.predicate
def is_contract_official(user, contract) -> bool:
    return contract is not None and is_procurement_official(user, contract.procurement)


@rules.predicate
def is_contract_auditor(user, contract) -> bool:
    """Appointed the alliance's auditor (tilintarkastaja): reads the costs open-book, changes nothing."""
    if not user.is_authenticated or contract is None:
        return False
    return contract.auditors.filter(user=user).exists()


rules.add_perm("alliance.view", contract_is_public | has_contract_role | is_provider_party | is_contract_auditor
               | is_site_admin)
rules.add_perm("alliance.manage", is_contract_staff)
rules.add_perm("alliance.report_costs", is_provider_party)
rules.add_perm("alliance.approve_costs", is_contract_staff)
rules.add_perm("alliance.approve_statement", is_contract_official)
rules.add_perm("alliance.decide", is_contract_staff)
rules.add_perm("alliance.audit", is_contract_auditor)
# Open book: the cost lines with their evidence, for the parties, the authority's staff and the auditor.
rules.add_perm("alliance.read_costs", is_contract_staff | is_provider_party | is_contract_auditor)
# The development phase: every party proposes drafts and states its position on them (the
# authority's staff for the authority); the accountable official switches to the service phase.
rules.add_perm("alliance.develop", is_contract_staff | is_provider_party)
rules.add_perm("alliance.start_service", is_contract_official)
