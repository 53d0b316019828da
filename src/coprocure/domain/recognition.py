"""Paying experts by experience and peers for their work: hours, fee and travel costs per
activity. Recognition is about work done; it never makes anyone accountable for a decision
(see roles.check_accountable)."""

from __future__ import annotations

from decimal import Decimal

from .errors import DomainError

MAX_HOURS = Decimal(24)
MAX_AMOUNT = Decimal(10_000)
CENT = Decimal("0.01")


def check(hours: Decimal, fee: Decimal, travel_cost: Decimal) -> None:
    """One activity is at most a day's work, and amounts are whole cents, never negative."""
    if not Decimal(0) < hours <= MAX_HOURS:
        raise DomainError("recognition_hours", "hours", {"max": MAX_HOURS})
    for field, amount in (("fee", fee), ("travel_cost", travel_cost)):
        if not Decimal(0) <= amount <= MAX_AMOUNT or amount != amount.quantize(CENT):
            raise DomainError("recognition_amount", field, {"max": MAX_AMOUNT})


def total(fee: Decimal, travel_cost: Decimal) -> Decimal:
    return (fee + travel_cost).quantize(CENT)
