"""Giving every compared bid its points and ranking the bids, lot by lot."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .. import exact
from ..errors import DomainError
from .criteria import (
    TOTAL_WEIGHT, AwardComparison, AwardCriteria, Bid, BidPoints, Draw, FinalScoreMethod, LotComparisons,
    QualityMethod, TieRule,
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


def commitment(seed: str) -> str:
    """What is published before a draw: the seed's SHA-256, which binds the authority to it."""
    return hashlib.sha256(seed.encode()).hexdigest()


def _drawn(seed: str, bid_id: str) -> str:
    return hashlib.sha256(f"{seed}:{bid_id}".encode()).hexdigest()


def _announced_key(rule: TieRule, bid: Bid, quality_total: Fraction) -> tuple[Any, ...]:
    """Everything the tender documents announced for ordering bids with equal totals."""
    first = (Fraction(bid.price),) if rule in (TieRule.PRICE_THEN_LOTS, TieRule.PRICE_THEN_EARLIER) else (-quality_total,)
    if rule in (TieRule.QUALITY_THEN_EARLIER, TieRule.PRICE_THEN_EARLIER):
        return (*first, bid.submitted_at)
    return first


def _check_draw(draw: Draw | None) -> None:
    if draw is not None and draw.seed is not None and commitment(draw.seed) != draw.commitment:
        raise DomainError("draw_seed_not_committed", "draw")


def compare_bids(criteria: AwardCriteria, bids: Iterable[Bid], draw: Draw | None = None) -> AwardComparison:
    """Validate the criteria and bids, give every compared bid its points and rank them.

    Points are rational numbers, computed and compared exactly: two totals are equal only when
    they are the same number (500/7 and 500/7), never by where a far decimal was rounded. Equal
    totals are ordered by the announced tie rule; bids still equal on all of it are a true tie,
    ordered by the revealed ``draw`` (or, until there is one, only provisionally, by id)."""
    check_criteria(criteria)
    _check_draw(draw)
    all_bids = tuple(sorted(bids, key=lambda bid: bid.id))
    for previous, current in zip(all_bids, all_bids[1:]):
        if previous.id == current.id:
            raise DomainError("duplicate_bid", "bids", {"bid": current.id})
    for bid in all_bids:
        _check_bid(bid, criteria)
    compared = [bid for bid in all_bids if not bid.excluded]
    if not compared:
        raise DomainError("no_bids", "bids")

    lowest = min(Fraction(bid.price) for bid in compared)
    best = {c.id: max(Fraction(bid.scores[c.id]) for bid in compared) for c in criteria.quality}
    relative = criteria.method == QualityMethod.RELATIVE
    scored = []
    for bid in compared:
        price_points = Fraction(criteria.price_weight) * lowest / Fraction(bid.price)
        quality = {}
        for criterion in criteria.quality:
            base = best[criterion.id] if relative else Fraction(criterion.scale_max)
            # A relative best of zero means no bid showed any quality here, so nobody earns
            # points for it (the scale maximum is never zero).
            ratio = Fraction(bid.scores[criterion.id]) / base if base else Fraction(0)
            quality[criterion.id] = Fraction(criterion.weight) * ratio
        quality_total = sum(quality.values(), Fraction(0))
        total = price_points + quality_total
        scored.append(((-total, *_announced_key(criteria.tie_rule, bid, quality_total)), bid, price_points, quality,
                       quality_total, total))

    groups: dict[tuple[Any, ...], list] = {}
    for row in scored:
        groups.setdefault(row[0], []).append(row)
    revealed = draw is not None and draw.seed is not None
    ordered, ties = [], []
    for key in sorted(groups):
        group = groups[key]
        group.sort(key=lambda row: _drawn(draw.seed, row[1].id) if revealed else row[1].id)
        if len(group) > 1:
            ties.append(tuple(row[1].id for row in group))
        ordered.extend(group)

    as_decimal = exact.from_fraction
    ranking = tuple(
        BidPoints(bid.id, rank, as_decimal(price_points), {c: as_decimal(p) for c, p in quality.items()},
                  as_decimal(quality_total), as_decimal(total))
        for rank, (_, bid, price_points, quality, quality_total, total) in enumerate(ordered, start=1)
    )
    return AwardComparison(criteria, all_bids, as_decimal(lowest), {c: as_decimal(b) for c, b in best.items()},
                           ranking, tuple(ties), draw)


def _lot_order(lot: str) -> tuple[int, Any]:
    return (0, int(lot)) if lot.isdigit() else (1, lot)


def compare_lots(criteria: AwardCriteria, bids: Iterable[Bid], draw: Draw | None = None) -> LotComparisons:
    """Compare each lot's bids on their own: the lowest price, the best scores and the ranking
    of a lot are those of its bids only, so a lot is won as if it were a tender of its own."""
    all_bids = list(bids)
    lots = {bid.lot for bid in all_bids}
    if lots == {None} or not all_bids:
        return ((None, compare_bids(criteria, all_bids, draw)),)
    if None in lots:
        raise DomainError("lot_missing", "lot", {"bid": next(b.id for b in all_bids if b.lot is None)})
    results = []
    for lot in sorted(lots, key=_lot_order):
        try:
            results.append((lot, compare_bids(criteria, [bid for bid in all_bids if bid.lot == lot], draw)))
        except DomainError as error:
            raise DomainError(error.code, error.field, {**error.params, "lot": lot}) from None
    return tuple(results)


def winners(results: LotComparisons) -> dict[str | None, str]:
    """The bid ranked first in each lot. A lot whose first place is a true tie without a
    revealed draw has no winner yet: the award waits for the draw."""
    for lot, result in results:
        if result.ties and result.ranking[0].bid_id in result.ties[0] and result.needs_draw:
            raise DomainError("award_tie_needs_draw", "draw", {"bids": ", ".join(result.ties[0]),
                                                                 **({"lot": lot} if lot else {})})
    return {lot: result.ranking[0].bid_id for lot, result in results}
