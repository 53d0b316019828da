"""How the contract endpoints load the object their permission is asked of."""

from __future__ import annotations


from coprocure.api import permissions

from .. import selectors
from ..forms import IdeaLookupForm
from ..models import Contract, Indicator

contract_by_pk = permissions.by_pk(selectors.visible_contract)
meeting_by_pk = permissions.by_pk(selectors.visible_meeting)
decision_by_pk = permissions.by_pk(selectors.visible_decision)
proposal_by_pk = permissions.by_pk(selectors.visible_proposal)
kra_by_pk = permissions.by_pk(selectors.visible_kra)
indicator_by_pk = permissions.by_pk(selectors.visible_indicator)


def idea_by_reference(request, **path):
    """An idea by its reference as a person typed it, 404 alike for an unknown and a hidden one.
    A malformed reference loads nothing: the endpoint's validation answers it (422)."""
    form = IdeaLookupForm({"reference": path["reference"]})
    if not form.is_valid():
        return None
    return selectors.proposal_by_reference(request.user, form.cleaned_data["reference"])


def procurement_of(record):
    """The procurement of a contract or of one of its records: the contracts permissions are
    asked of it (all but ``contracts.report``, which takes the contract)."""
    if isinstance(record, Indicator):
        record = record.kra
    contract = record if isinstance(record, Contract) else record.contract
    return contract.procurement


