"""What the tendering API's chapters share: the objects the bridge loads (each through the one
"who may see this tender"), and the procurement every tendering rule is asked of."""

from coprocure.api.permissions import by_pk

from .. import selectors

tender_by_pk = by_pk(selectors.visible_tender)
bid_by_pk = by_pk(selectors.visible_bid)


def procurement_of(tender):
    return tender.procurement


def procurement_of_bid(bid):
    return bid.tender.procurement


def procurement_of_decision(decision):
    return decision.tender.procurement
