"""Rules of the tendering phase around the MEAT comparison in ``scoring``: when bids may be
sent and opened, what a bid must contain, how a panel settles a final score, and when the
standstill period ends.

The deadline is the one instant everything turns on: before it bids may change and nobody may
read them; after it no bid may change and an official may open them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal

from . import exact, scoring
from .deadlines import period_end
from .errors import DomainError

STANDSTILL_DAYS = 14


def check_award_criteria(criteria: scoring.AwardCriteria) -> None:
    """The criteria a tender announces must be comparable: weights summing to 100, positive scales."""
    scoring.check_criteria(criteria)


def check_can_bid(now: datetime, deadline: datetime, published: bool) -> None:
    if not published:
        raise DomainError("tender_not_published")
    if now >= deadline:
        raise DomainError("deadline_passed", "deadline")


def check_can_open(now: datetime, deadline: datetime, already_opened: bool) -> None:
    if already_opened:
        raise DomainError("bids_already_opened")
    if now < deadline:
        raise DomainError("opening_before_deadline", "deadline")


def check_price(price: Decimal, field: str = "price") -> None:
    if not exact.is_finite(price) or price <= 0:
        raise DomainError("price_not_positive", field)


def check_deadline(now: datetime, deadline: datetime) -> None:
    """A tender is published with time left to bid."""
    if deadline <= now:
        raise DomainError("deadline_in_past", "deadline")


def settle(
    individual: Iterable[Decimal], *, scale_max: Decimal, criterion_id: str,
    consensus: Decimal | None = None, reason: str = "",
) -> Decimal:
    """The final score of one bid on one criterion, and the reason rule for consensus.

    Every change from an individual evaluator's score to the final one is part of the public
    record, so a consensus that differs from any evaluator's own score needs a reason.
    """
    scores = list(individual)
    if consensus is None:
        return scoring.settle_final_score(scores, scale_max=scale_max, criterion_id=criterion_id)
    final = scoring.settle_final_score(
        scores, scoring.FinalScoreMethod.CONSENSUS, consensus, scale_max=scale_max, criterion_id=criterion_id
    )
    if any(score != final for score in scores) and not reason.strip():
        raise DomainError("consensus_reason_required", "reason", {"criterion": criterion_id})
    return final


def check_resettle(previous: Decimal | None, final: Decimal, reason: str) -> None:
    """Settling a final score again to a different value is a change of the public record too,
    so it needs its own reason."""
    if previous is not None and previous != final and not reason.strip():
        raise DomainError("final_score_change_reason_required", "reason")


def standstill_end(received_on: date, days: int = STANDSTILL_DAYS) -> date:
    """The standstill's last day: ``days`` after the decision was deemed received, on a working
    day (``domain.deadlines``); the contract may be signed from the day after."""
    if days < 0:
        raise DomainError("standstill_negative", "standstill_ends_on")
    return period_end(received_on, days)
