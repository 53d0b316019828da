"""Comparing tenders by the most economically advantageous tender (MEAT).

The award decision is the point where a procurement is most often disputed, so the comparison
is a pure function of what the tender documents announced (weights, scales, method, tie rule)
and what the bids contained. Points are exact decimals: a bidder or a court must be able to
recompute the published comparison digit for digit (``recompute``). Rounding happens only when
points are shown to people (``display``), never before ranking.

Excluded bids (those failing a minimum requirement) stay in the comparison with their reason,
because the exclusion is part of the decision, but they neither get points nor set the lowest
price or the best score that the compared bids are measured against.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from . import exact
from .errors import DomainError

DOCUMENT_FORMAT = "coprocure.award-comparison"
DOCUMENT_VERSION = 1
TOTAL_WEIGHT = Decimal(100)


class QualityMethod(StrEnum):
    # Absolute: points against the announced scale, so a bid's quality points do not depend on
    # its rivals. Relative: points against the best compared bid, so the best always gets the
    # full weight of the criterion.
    ABSOLUTE = "absolute"
    RELATIVE = "relative"


class TieRule(StrEnum):
    """How bids with equal totals are ordered, as announced in the tender documents."""

    QUALITY_THEN_EARLIER = "quality_then_earlier"  # more quality points, then earlier submission
    PRICE_THEN_EARLIER = "price_then_earlier"  # lower price, then earlier submission


class FinalScoreMethod(StrEnum):
    MEAN = "mean"
    CONSENSUS = "consensus"


@dataclass(frozen=True)
class QualityCriterion:
    id: str
    weight: Decimal
    scale_max: Decimal  # the top of the evaluators' scale, e.g. 5; the bottom is always 0


@dataclass(frozen=True)
class AwardCriteria:
    price_weight: Decimal
    quality: tuple[QualityCriterion, ...]
    method: QualityMethod = QualityMethod.ABSOLUTE
    tie_rule: TieRule = TieRule.QUALITY_THEN_EARLIER


@dataclass(frozen=True)
class Bid:
    id: str
    price: Decimal
    submitted_at: datetime  # timezone-aware: the deadline is an instant, not a wall-clock reading
    scores: Mapping[str, Decimal] = field(default_factory=dict)  # final score per criterion id
    exclusion_reason: str | None = None
    # The lot the bid is for; None in a tender without lots (one implicit lot).
    lot: str | None = None

    @property
    def excluded(self) -> bool:
        return self.exclusion_reason is not None


@dataclass(frozen=True)
class BidPoints:
    bid_id: str
    rank: int
    price_points: Decimal
    quality_points: Mapping[str, Decimal]  # per criterion id
    quality_total: Decimal
    total: Decimal


@dataclass(frozen=True)
class AwardComparison:
    """The whole decision: the announced criteria, every bid, and the points of those compared.

    It carries its inputs so that the published document alone is enough to recompute it.
    """

    criteria: AwardCriteria
    bids: tuple[Bid, ...]  # sorted by id, excluded ones included
    lowest_price: Decimal
    best_scores: Mapping[str, Decimal]  # per criterion id, among compared bids
    ranking: tuple[BidPoints, ...]  # compared bids, rank 1 first

    @property
    def excluded(self) -> tuple[Bid, ...]:
        return tuple(bid for bid in self.bids if bid.excluded)


def display(points: Decimal) -> Decimal:
    """Points as people read them: two decimals, half up. Never feed this back into ranking."""
    return points.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


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


def _check_criteria(criteria: AwardCriteria) -> None:
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
    _check_criteria(criteria)
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


# One comparison per lot, lots in their order; a tender without lots is ((None, comparison),).
LotComparisons = tuple[tuple[str | None, AwardComparison], ...]


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


def _bid_json(bid: Bid) -> dict[str, Any]:
    entry = {
        "id": bid.id,
        "price": exact.text(bid.price),
        "submitted_at": bid.submitted_at.isoformat(),
        "scores": {criterion: exact.text(score) for criterion, score in bid.scores.items()},
        "exclusion_reason": bid.exclusion_reason,
    }
    if bid.lot is not None:
        entry["lot"] = bid.lot
    return entry


def _outcome_json(result: AwardComparison) -> dict[str, Any]:
    text = exact.text
    return {
        "lowest_price": text(result.lowest_price),
        "best_scores": {criterion: text(score) for criterion, score in result.best_scores.items()},
        "ranking": [
            {
                "bid_id": row.bid_id,
                "rank": row.rank,
                "price_points": text(row.price_points),
                "quality_points": {criterion: text(points) for criterion, points in row.quality_points.items()},
                "quality_total": text(row.quality_total),
                "total": text(row.total),
            }
            for row in result.ranking
        ],
    }


def _criteria_json(criteria: AwardCriteria) -> dict[str, Any]:
    text = exact.text
    return {
        "price_weight": text(criteria.price_weight),
        "quality_method": QualityMethod(criteria.method).value,
        "tie_rule": TieRule(criteria.tie_rule).value,
        "quality": [{"id": c.id, "weight": text(c.weight), "scale_max": text(c.scale_max)} for c in criteria.quality],
    }


def to_json_dict(result: AwardComparison) -> dict[str, Any]:
    """The published form: plain JSON types, every decimal as an exact string."""
    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "criteria": _criteria_json(result.criteria),
        "bids": [_bid_json(bid) for bid in result.bids],
        **_outcome_json(result),
    }


def lots_to_json_dict(results: LotComparisons) -> dict[str, Any]:
    """The published form of ``compare_lots``: without lots exactly ``to_json_dict``; with lots
    the same criteria and bids (each naming its lot) and one outcome per lot under ``lots``."""
    if len(results) == 1 and results[0][0] is None:
        return to_json_dict(results[0][1])
    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "criteria": _criteria_json(results[0][1].criteria),
        "bids": [_bid_json(bid) for bid in sorted((b for _, r in results for b in r.bids), key=lambda b: b.id)],
        "lots": [{"lot": lot, **_outcome_json(result)} for lot, result in results],
    }


def _decimals(value: Any, path: str) -> dict[str, Decimal]:
    return {key: exact.decimal(item, f"{path}.{key}") for key, item in exact.mapping(value, path).items()}


def _enum(kind: type[StrEnum], value: Any, path: str) -> Any:
    try:
        return kind(exact.string(value, path))
    except ValueError:
        raise exact.invalid(path, "unknown value") from None


def _criteria_from_json(data: Any) -> AwardCriteria:
    quality = []
    for index, entry in enumerate(exact.array(exact.item(data, "quality", "criteria"), "criteria.quality")):
        path = f"criteria.quality[{index}]"
        quality.append(QualityCriterion(
            id=exact.string(exact.item(entry, "id", path), f"{path}.id"),
            weight=exact.decimal(exact.item(entry, "weight", path), f"{path}.weight"),
            scale_max=exact.decimal(exact.item(entry, "scale_max", path), f"{path}.scale_max"),
        ))
    return AwardCriteria(
        price_weight=exact.decimal(exact.item(data, "price_weight", "criteria"), "criteria.price_weight"),
        quality=tuple(quality),
        method=_enum(QualityMethod, exact.item(data, "quality_method", "criteria"), "criteria.quality_method"),
        tie_rule=_enum(TieRule, exact.item(data, "tie_rule", "criteria"), "criteria.tie_rule"),
    )


def _bid_from_json(entry: Any, path: str) -> Bid:
    reason = exact.item(entry, "exclusion_reason", path)
    return Bid(
        id=exact.string(exact.item(entry, "id", path), f"{path}.id"),
        price=exact.decimal(exact.item(entry, "price", path), f"{path}.price"),
        submitted_at=exact.timestamp(exact.item(entry, "submitted_at", path), f"{path}.submitted_at"),
        scores=_decimals(exact.item(entry, "scores", path), f"{path}.scores"),
        exclusion_reason=None if reason is None else exact.string(reason, f"{path}.exclusion_reason"),
        lot=exact.string(entry["lot"], f"{path}.lot") if isinstance(entry, dict) and "lot" in entry else None,
    )


def _points_from_json(entry: Any, path: str) -> BidPoints:
    return BidPoints(
        bid_id=exact.string(exact.item(entry, "bid_id", path), f"{path}.bid_id"),
        rank=exact.integer(exact.item(entry, "rank", path), f"{path}.rank"),
        price_points=exact.decimal(exact.item(entry, "price_points", path), f"{path}.price_points"),
        quality_points=_decimals(exact.item(entry, "quality_points", path), f"{path}.quality_points"),
        quality_total=exact.decimal(exact.item(entry, "quality_total", path), f"{path}.quality_total"),
        total=exact.decimal(exact.item(entry, "total", path), f"{path}.total"),
    )


def from_json_dict(data: Any) -> AwardComparison:
    """Read a published comparison back as it stands, without checking that its points add up."""
    exact.check_header(data, DOCUMENT_FORMAT, DOCUMENT_VERSION)
    bids = exact.array(exact.item(data, "bids", ""), "bids")
    ranking = exact.array(exact.item(data, "ranking", ""), "ranking")
    return AwardComparison(
        criteria=_criteria_from_json(exact.item(data, "criteria", "")),
        bids=tuple(_bid_from_json(entry, f"bids[{index}]") for index, entry in enumerate(bids)),
        lowest_price=exact.decimal(exact.item(data, "lowest_price", ""), "lowest_price"),
        best_scores=_decimals(exact.item(data, "best_scores", ""), "best_scores"),
        ranking=tuple(_points_from_json(entry, f"ranking[{index}]") for index, entry in enumerate(ranking)),
    )


def _outcome_from_json(criteria: AwardCriteria, bids: tuple[Bid, ...], data: Any, path: str) -> AwardComparison:
    def at(name: str) -> str:
        return f"{path}.{name}" if path else name

    ranking = exact.array(exact.item(data, "ranking", path), at("ranking"))
    return AwardComparison(
        criteria=criteria,
        bids=bids,
        lowest_price=exact.decimal(exact.item(data, "lowest_price", path), at("lowest_price")),
        best_scores=_decimals(exact.item(data, "best_scores", path), at("best_scores")),
        ranking=tuple(_points_from_json(entry, f"{at('ranking')}[{index}]") for index, entry in enumerate(ranking)),
    )


def _has_lots(data: Any) -> bool:
    return isinstance(data, Mapping) and "lots" in data


def lots_from_json_dict(data: Any) -> LotComparisons:
    """Read a published comparison, with or without lots, back as it stands."""
    if not _has_lots(data):
        return ((None, from_json_dict(data)),)
    exact.check_header(data, DOCUMENT_FORMAT, DOCUMENT_VERSION)
    criteria = _criteria_from_json(exact.item(data, "criteria", ""))
    bids = tuple(_bid_from_json(entry, f"bids[{index}]")
                 for index, entry in enumerate(exact.array(exact.item(data, "bids", ""), "bids")))
    results = []
    for index, entry in enumerate(exact.array(data["lots"], "lots")):
        path = f"lots[{index}]"
        lot = exact.string(exact.item(entry, "lot", path), f"{path}.lot")
        results.append((lot, _outcome_from_json(criteria, tuple(b for b in bids if b.lot == lot), entry, path)))
    return tuple(results)


def recompute_lots(data: Any) -> tuple[LotComparisons, dict[str | None, bool]]:
    """``recompute`` lot by lot: the recomputed comparisons and, per lot, whether the published
    figures match. A published lot that the bids do not recompute to does not match either."""
    if not _has_lots(data):
        result, matches = recompute(data)
        return ((None, result),), {None: matches}
    published = dict(lots_from_json_dict(data))
    criteria = _criteria_from_json(exact.item(data, "criteria", ""))
    bids = [_bid_from_json(entry, f"bids[{index}]")
            for index, entry in enumerate(exact.array(exact.item(data, "bids", ""), "bids"))]
    results = compare_lots(criteria, bids)
    verdict = {lot: lot in published and _figures(result) == _figures(published[lot]) for lot, result in results}
    for lot in published:
        verdict.setdefault(lot, False)
    return results, verdict


def recompute(data: Any) -> tuple[AwardComparison, bool]:
    """Recompute a published comparison from its own inputs and say whether it stands.

    ``matches`` is true only when every published rank and every point figure equals the
    recomputed one exactly (as numbers, so "40" and "40.00" agree); a figure rounded for
    display does not match, because the published document is the exact record.
    """
    published = from_json_dict(data)
    result = compare_bids(published.criteria, published.bids)
    return result, _figures(result) == _figures(published)


def _figures(comparison: AwardComparison) -> tuple[Any, ...]:
    # Neither the order the bids are listed in nor the order of the ranking rows is a figure.
    return (
        comparison.criteria,
        tuple(sorted(comparison.bids, key=lambda bid: bid.id)),
        comparison.lowest_price,
        dict(comparison.best_scores),
        len(comparison.ranking),
        {row.bid_id: row for row in comparison.ranking},
    )
