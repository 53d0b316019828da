from __future__ import annotations

import rules

from .predicates import has_any_procurement_role, is_authority_staff, is_closed, is_procurement_staff, is_public_procurement, is_site_admin


@rules.predicate
def represents_organisation(user, organisation) -> bool:
    """The organisation's own people describe it; nobody else edits what it says of itself."""
    return bool(
        user.is_authenticated and organisation is not None
        and user.organisation_id == organisation.pk and user.position in {"representative", "staff", "official"}
    )


rules.add_perm("partners.edit_profile", represents_organisation | is_site_admin)


@rules.predicate
def represents_a_provider(user) -> bool:
    organisation = getattr(user, "organisation", None)
    return bool(represents_organisation(user, organisation) and not organisation.is_authority)


@rules.predicate
def coordinates_network(user, network) -> bool:
    return network is not None and represents_organisation(user, network.coordinator)


rules.add_perm("partners.create_network", represents_a_provider)
rules.add_perm("partners.manage_network", coordinates_network | is_site_admin)


@rules.predicate
def represents_member(user, membership) -> bool:
    return membership is not None and represents_organisation(user, membership.organisation)


rules.add_perm("partners.edit_membership", represents_member | is_site_admin)


# Partnership tables: each permission takes the procurement the table's activity belongs to.
# The procurement's own staff run the table; any provider's or user association's
# representative who may see the procurement signs their organisation up.
rules.add_perm("partners.manage_table", is_procurement_staff & ~is_closed)
rules.add_perm("partners.sign_up_for_table",
               represents_a_provider & (is_public_procurement | has_any_procurement_role) & ~is_closed)

# Consortia: a provider's people publish interest in a procurement they may see; only the
# lead's own people invite partners and form the consortium.
rules.add_perm("partners.express_interest", represents_a_provider & (is_public_procurement | has_any_procurement_role))


@rules.predicate
def leads_interest(user, interest) -> bool:
    return interest is not None and represents_organisation(user, interest.organisation)


rules.add_perm("partners.lead_consortium", leads_interest)

# Importing organisation lists: the authorities' own staff and site administrators.
rules.add_perm("partners.import_organisations", is_authority_staff | is_site_admin)
