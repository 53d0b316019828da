"""What the tendering API's chapters share: the tender as the bridge loads it, and its procurement
as the object every tendering rule is asked of."""

from coprocure.api.permissions import by_pk

from .. import selectors

tender_by_pk = by_pk(selectors.visible_tender)


def procurement_of(tender):
    return tender.procurement

bid_by_pk = by_pk(selectors.visible_bid)


def procurement_of_bid(bid):
    return bid.tender.procurement


def procurement_of_decision(decision):
    return decision.tender.procurement
