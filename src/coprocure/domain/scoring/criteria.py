"""What a MEAT comparison is made of: the announced award criteria, the bids, and the points
and ranking that come out (see the package's docstring)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

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
    """How bids with exactly equal totals are ordered, as announced in the tender documents.
    Bids still equal on everything the rule names are a true tie, decided by drawing lots."""

    QUALITY_THEN_LOTS = "quality_then_lots"  # more quality points, then drawing lots
    PRICE_THEN_LOTS = "price_then_lots"  # lower price, then drawing lots
    QUALITY_THEN_EARLIER = "quality_then_earlier"  # more quality points, then earlier submission, then lots
    PRICE_THEN_EARLIER = "price_then_earlier"  # lower price, then earlier submission, then lots


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
class Draw:
    """Drawing lots between truly tied bids, verifiably: the seed's SHA-256 ``commitment`` was
    published before the draw (at the opening of the bids, when nobody knew of a tie), the
    ``seed`` is revealed with the comparison, and anyone can recompute the order from it."""

    commitment: str
    seed: str | None = None  # None until revealed


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
    # Groups of bids equal on their total and on everything the tie rule names, each in rank
    # order: without a revealed draw their order among themselves is not decided.
    ties: tuple[tuple[str, ...], ...] = ()
    draw: Draw | None = None

    @property
    def needs_draw(self) -> bool:
        """A true tie whose order is not yet decided by a revealed draw."""
        return bool(self.ties) and (self.draw is None or self.draw.seed is None)

    @property
    def excluded(self) -> tuple[Bid, ...]:
        return tuple(bid for bid in self.bids if bid.excluded)


def display(points: Decimal) -> Decimal:
    """Points as people read them: two decimals, half up. Never feed this back into ranking."""
    return points.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)



# One comparison per lot, lots in their order; a tender without lots is ((None, comparison),).
LotComparisons = tuple[tuple[str | None, AwardComparison], ...]
