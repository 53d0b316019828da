"""The published comparison: written as plain JSON with every decimal an exact string, read back
as it stands, and recomputed from its own inputs to say whether it stands."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .. import exact
from .comparison import compare_bids, compare_lots
from .criteria import (
    DOCUMENT_FORMAT, DOCUMENT_VERSION, AwardComparison, AwardCriteria, Bid, BidPoints, Draw, LotComparisons,
    QualityCriterion, QualityMethod, TieRule,
)


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
    # A true tie is shown as one: the groups of bids equal on everything announced.
    ties = {"ties": [list(group) for group in result.ties]} if result.ties else {}
    return {**ties,
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


def _draw_json(draw: Draw | None) -> dict[str, Any]:
    return {} if draw is None else {"draw": {"commitment": draw.commitment, "seed": draw.seed}}


def to_json_dict(result: AwardComparison) -> dict[str, Any]:
    """The published form: plain JSON types, every decimal as an exact string."""
    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "criteria": _criteria_json(result.criteria),
        **_draw_json(result.draw if result.ties else None),
        "bids": [_bid_json(bid) for bid in result.bids],
        **_outcome_json(result),
    }


def lots_to_json_dict(results: LotComparisons) -> dict[str, Any]:
    """The published form of ``compare_lots``: without lots exactly ``to_json_dict``; with lots
    the same criteria and bids (each naming its lot) and one outcome per lot under ``lots``."""
    if len(results) == 1 and results[0][0] is None:
        return to_json_dict(results[0][1])
    tied = any(result.ties for _, result in results)
    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "criteria": _criteria_json(results[0][1].criteria),
        **_draw_json(results[0][1].draw if tied else None),
        "bids": [_bid_json(bid) for bid in sorted((b for _, r in results for b in r.bids), key=lambda b: b.id)],
        "lots": [{"lot": lot, **_outcome_json(result)} for lot, result in results],
    }


def _decimals(value: Any, path: str) -> dict[str, Decimal]:
    return {key: exact.decimal(item, f"{path}.{key}") for key, item in exact.mapping(value, path).items()}


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
        method=exact.enum(QualityMethod, exact.item(data, "quality_method", "criteria"), "criteria.quality_method"),
        tie_rule=exact.enum(TieRule, exact.item(data, "tie_rule", "criteria"), "criteria.tie_rule"),
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


def _draw_from_json(data: Any) -> Draw | None:
    if not isinstance(data, Mapping) or data.get("draw") is None:
        return None
    entry = data["draw"]
    seed = exact.item(entry, "seed", "draw")
    return Draw(commitment=exact.string(exact.item(entry, "commitment", "draw"), "draw.commitment"),
                seed=None if seed is None else exact.string(seed, "draw.seed"))


def _ties_from_json(data: Any, path: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(data, Mapping) or "ties" not in data:
        return ()
    at = f"{path}.ties" if path else "ties"
    return tuple(tuple(exact.string(bid, at) for bid in exact.array(group, at)) for group in exact.array(data["ties"], at))


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
        ties=_ties_from_json(data, ""),
        draw=_draw_from_json(data),
    )


def _outcome_from_json(criteria: AwardCriteria, bids: tuple[Bid, ...], data: Any, path: str,
                       draw: Draw | None) -> AwardComparison:
    def at(name: str) -> str:
        return f"{path}.{name}" if path else name

    ranking = exact.array(exact.item(data, "ranking", path), at("ranking"))
    return AwardComparison(
        criteria=criteria,
        bids=bids,
        lowest_price=exact.decimal(exact.item(data, "lowest_price", path), at("lowest_price")),
        best_scores=_decimals(exact.item(data, "best_scores", path), at("best_scores")),
        ranking=tuple(_points_from_json(entry, f"{at('ranking')}[{index}]") for index, entry in enumerate(ranking)),
        ties=_ties_from_json(data, path),
        draw=draw,
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
        results.append((lot, _outcome_from_json(criteria, tuple(b for b in bids if b.lot == lot), entry, path,
                                                _draw_from_json(data))))
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
    results = compare_lots(criteria, bids, _draw_from_json(data))
    verdict = {lot: lot in published and _figures(result) == _figures(published[lot]) for lot, result in results}
    for lot in published:
        verdict.setdefault(lot, False)
    return results, verdict


def recompute(data: Any) -> tuple[AwardComparison, bool]:
    """Recompute a published comparison from its own inputs (and its revealed draw, whose seed
    must match the published commitment) and say whether it stands.

    ``matches`` is true only when every published rank and every point figure equals the
    recomputed one exactly (as numbers, so "40" and "40.00" agree); a figure rounded for
    display does not match, because the published document is the exact record.
    """
    published = from_json_dict(data)
    result = compare_bids(published.criteria, published.bids, published.draw)
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
        comparison.ties,
        comparison.draw if comparison.ties else None,
    )
