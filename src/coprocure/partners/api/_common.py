"""How the partners endpoints load the object their permission is asked of."""

from __future__ import annotations

from coprocure.api.permissions import by_pk
from coprocure.core.selectors import visible_procurement

from .. import selectors


def _public(select, name: str = "pk"):
    """A loader for what everyone may see: ``select(pk)`` answers 404 only for what does not exist."""
    return by_pk(lambda user, pk: select(pk), name)


provider_by_pk = _public(selectors.provider_organisation, "organisation_id")
network_by_pk = _public(selectors.network_page)
procurement_by_pk = by_pk(visible_procurement)
table_activity_by_pk = by_pk(selectors.table_activity)
action_point_by_pk = by_pk(selectors.visible_action_point)
interest_by_pk = by_pk(selectors.interest_page)
