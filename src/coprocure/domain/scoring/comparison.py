"""Giving every compared bid its points and ranking the bids, lot by lot."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .. import exact
from ..errors import DomainError
from .criteria import (
    TOTAL_WEIGHT, AwardComparison, AwardCriteria, Bid, BidPoints, FinalScoreMethod, LotComparisons, QualityMethod,
    TieRule,
)


def check_score(
    score: Decimal, scale_max: Decimal, criterion_id: str, field: str = "score", bid_id: str | None = None
) -> None:
    if not exact.is_finite(score) or not Decimal(0) <= score <= scale_max:
        params = {"criterion": criterion_id, "max": exact.text(scale_max)}
        raise DomainError("score_out_of_scale", field, params if bid_id is None else {"bid": bid_id, **params})


def settle_final_score(
    individual_scores: Iterable[Decimal],
    method: str = FinalScoreMethod.MEAN,
    consensus: Decimal | None = None,
    *,
    scale_max: Decimal,
    criterion_id: str = "",
) -> Decimal:
    """The one final score a criterion gets from a panel of evaluators.

    By default the exact mean of the evaluators' scores. A panel that agreed on a score in
    discussion records it as the consensus instead; the individual scores given are still
    checked against the scale, because they are kept as the record of how the panel got there.
    """
    scores = list(individual_scores)
    for score in scores:
        check_score(score, scale_max, criterion_id)
    try:
        chosen = FinalScoreMethod(method)
    except ValueError:
        raise DomainError("final_score_method_unknown", "method") from None
    if chosen is FinalScoreMethod.CONSENSUS:
        if consensus is None:
            raise DomainError("missing_score", "consensus", {"criterion": criterion_id})
        check_score(consensus, scale_max, criterion_id, "consensus")
        return consensus
    if not scores:
        raise DomainError("missing_score", "score", {"criterion": criterion_id})
    with exact.exact():
        return sum(scores, Decimal(0)) / len(scores)


def check_criteria(criteria: AwardCriteria) -> None:
    for kind, value, code in ((QualityMethod, criteria.method, "quality_method_unknown"),
                              (TieRule, criteria.tie_rule, "tie_rule_unknown")):
        try:
            kind(value)
        except ValueError:
            raise DomainError(code, "award_criteria") from None
    weights = [criteria.price_weight, *(c.weight for c in criteria.quality)]
    if any(not exact.is_finite(w) or w < 0 for w in weights):
        raise DomainError("weight_negative", "award_criteria")
    with exact.exact():
        total = sum(weights, Decimal(0))
    if total != TOTAL_WEIGHT:
        raise DomainError("weights_not_100", "award_criteria", {"sum": exact.text(total)})
    seen: set[str] = set()
    for criterion in criteria.quality:
        if criterion.id in seen:
            raise DomainError("duplicate_criterion", "award_criteria", {"criterion": criterion.id})
        seen.add(criterion.id)
        if not exact.is_finite(criterion.scale_max) or criterion.scale_max <= 0:
            raise DomainError("scale_not_positive", "award_criteria", {"criterion": criterion.id})


def _check_bid(bid: Bid, criteria: AwardCriteria) -> None:
    if bid.submitted_at.utcoffset() is None:
        raise DomainError("submitted_at_naive", "submitted_at", {"bid": bid.id})
    if bid.excluded:
        # Exclusion often happens before the quality evaluation, so an excluded bid may have no
        # scores; all it needs is a reason a bidder can contest.
        if not bid.exclusion_reason.strip():
            raise DomainError("exclusion_without_reason", "exclusion_reason", {"bid": bid.id})
        return
    if not exact.is_finite(bid.price) or bid.price <= 0:
        raise DomainError("price_not_positive", "price", {"bid": bid.id})
    known = {c.id: c for c in criteria.quality}
    for criterion_id in bid.scores:
        if criterion_id not in known:
            raise DomainError("unknown_criterion", "score", {"bid": bid.id, "criterion": criterion_id})
    for criterion in criteria.quality:
        if criterion.id not in bid.scores:
            raise DomainError("missing_score", "score", {"bid": bid.id, "criterion": criterion.id})
        check_score(bid.scores[criterion.id], criterion.scale_max, criterion.id, bid_id=bid.id)


def _tie_key(rule: TieRule, bid: Bid, quality_total: Decimal) -> tuple[Any, ...]:
    # The bid id comes last only to make the order reproducible; bids equal on everything the
    # tender announced are a real tie that the authority resolves (e.g. by drawing lots).
    if rule == TieRule.PRICE_THEN_EARLIER:
        return (bid.price, bid.submitted_at, bid.id)
    return (-quality_total, bid.submitted_at, bid.id)


def compare_bids(criteria: AwardCriteria, bids: Iterable[Bid]) -> AwardComparison:
    """Validate the criteria and bids, give every compared bid its points and rank them."""
    check_criteria(criteria)
    all_bids = tuple(sorted(bids, key=lambda bid: bid.id))
    for previous, current in zip(all_bids, all_bids[1:]):
        if previous.id == current.id:
            raise DomainError("duplicate_bid", "bids", {"bid": current.id})
    for bid in all_bids:
        _check_bid(bid, criteria)
    compared = [bid for bid in all_bids if not bid.excluded]
    if not compared:
        raise DomainError("no_bids", "bids")

    with exact.exact():
        lowest = min(bid.price for bid in compared)
        best = {c.id: max(bid.scores[c.id] for bid in compared) for c in criteria.quality}
        relative = criteria.method == QualityMethod.RELATIVE
        scored = []
        for bid in compared:
            price_points = criteria.price_weight * (lowest / bid.price)
            quality = {}
            for criterion in criteria.quality:
                base = best[criterion.id] if relative else criterion.scale_max
                # A relative best of zero means no bid showed any quality here, so nobody earns
                # points for it (the scale maximum is never zero).
                ratio = bid.scores[criterion.id] / base if base else Decimal(0)
                quality[criterion.id] = criterion.weight * ratio
            quality_total = sum(quality.values(), Decimal(0))
            total = price_points + quality_total
            key = (-total, *_tie_key(criteria.tie_rule, bid, quality_total))
            scored.append((key, bid.id, price_points, quality, quality_total, total))

    scored.sort(key=lambda row: row[0])
    ranking = tuple(
        BidPoints(bid_id, rank, price_points, quality, quality_total, total)
        for rank, (_, bid_id, price_points, quality, quality_total, total) in enumerate(scored, start=1)
    )
    return AwardComparison(criteria, all_bids, lowest, best, ranking)


def _lot_order(lot: str) -> tuple[int, Any]:
    return (0, int(lot)) if lot.isdigit() else (1, lot)


def compare_lots(criteria: AwardCriteria, bids: Iterable[Bid]) -> LotComparisons:
    """Compare each lot's bids on their own: the lowest price, the best scores and the ranking
    of a lot are those of its bids only, so a lot is won as if it were a tender of its own."""
    all_bids = list(bids)
    lots = {bid.lot for bid in all_bids}
    if lots == {None} or not all_bids:
        return ((None, compare_bids(criteria, all_bids)),)
    if None in lots:
        raise DomainError("lot_missing", "lot", {"bid": next(b.id for b in all_bids if b.lot is None)})
    results = []
    for lot in sorted(lots, key=_lot_order):
        try:
            results.append((lot, compare_bids(criteria, [bid for bid in all_bids if bid.lot == lot])))
        except DomainError as error:
            raise DomainError(error.code, error.field, {**error.params, "lot": lot}) from None
    return tuple(results)


def winners(results: LotComparisons) -> dict[str | None, str]:
    """The bid ranked first in each lot."""
    return {lot: result.ranking[0].bid_id for lot, result in results}
