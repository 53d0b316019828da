from __future__ import annotations

import rules

from .predicates import is_site_admin


@rules.predicate
def represents_organisation(user, organisation) -> bool:
    """The organisation's own people describe it; nobody else edits what it says of itself."""
    return bool(
        user.is_authenticated and organisation is not None
        and user.organisation_id == organisation.pk and user.position in {"representative", "staff", "official"}
    )


rules.add_perm("partners.edit_profile", represents_organisation | is_site_admin)
