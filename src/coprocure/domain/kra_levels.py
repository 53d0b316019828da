"""Turning a key result area (KRA) indicator into a performance level between −1 and +1.

An alliance contract rewards outcomes for the people served, not activity, through KRAs such
as "clients living at home a year later" or "days waiting for an assessment". Each KRA
announces three values of its indicator in advance: the minimum (level −1), the target
(level 0) and excellent (level +1). The level between them is linear so that every
improvement counts the same, and it is clamped so that one extreme result cannot outweigh the
other KRAs. For a lower-is-better indicator the same holds with the axis turned around.

Two of the values may coincide, and then the level steps instead of sliding:
- a threshold at the top, target = excellent ("evictions: minimum 3, target 0, excellent 0"):
  reaching the target is excellent (+1), anything short of it slides from −1 at the minimum
  towards 0;
- a threshold at the bottom, minimum = target ("at least 95 %, 99 % excellent"): missing the
  target is −1 at once, reaching it is 0 and better slides towards +1;
- all three equal is a yes/no KRA (indicator 1 for yes, 0 for no, minimum = target =
  excellent = 1): yes is +1, no is −1.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from . import exact
from .errors import DomainError

LEVEL_MIN = Decimal(-1)
LEVEL_MAX = Decimal(1)


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


@dataclass(frozen=True)
class Kra:
    id: str
    weight: Decimal  # share of the KRA score; the weights of a model's KRAs sum to 1
    direction: Direction
    minimum: Decimal
    target: Decimal
    excellent: Decimal


def check_kra(kra: Kra) -> None:
    """Refuse levels that do not run from minimum through target to excellent.

    Out of order they would reward getting worse. Coinciding values are steps (see above);
    ``kra_level`` never divides by the width of a band that has none.
    """
    try:
        direction = Direction(kra.direction)
    except ValueError:
        raise DomainError("kra_direction_unknown", "kras", {"kra": kra.id}) from None
    points = (kra.minimum, kra.target, kra.excellent)
    if not all(exact.is_finite(p) for p in points):
        raise DomainError("kra_levels_order", "kras", {"kra": kra.id})
    ascending = kra.minimum <= kra.target <= kra.excellent
    descending = kra.minimum >= kra.target >= kra.excellent
    if not (ascending if direction is Direction.HIGHER_IS_BETTER else descending):
        raise DomainError("kra_levels_order", "kras", {"kra": kra.id, "direction": direction.value})


def kra_level(kra: Kra, value: Decimal) -> Decimal:
    """The level of one indicator value, exact, within [−1, +1]. Assumes ``check_kra`` passed."""
    with exact.exact():
        # Negating every value turns a lower-is-better scale into a higher-is-better one.
        sign = 1 if kra.direction == Direction.HIGHER_IS_BETTER else -1
        v, minimum, target, excellent = (sign * x for x in (value, kra.minimum, kra.target, kra.excellent))
        if v >= excellent:
            return LEVEL_MAX
        if v >= target:  # so excellent > target: a band to slide in
            return (v - target) / (excellent - target)
        if v <= minimum:  # also every miss of a target that equals the minimum
            return LEVEL_MIN
        return LEVEL_MIN + (v - minimum) / (target - minimum)


def level_band(level: Decimal) -> str:
    """Where a level falls, for words next to the number: at or below the minimum, below the
    target, at or above the target but below excellent, or excellent."""
    if level <= LEVEL_MIN:
        return "minimum"
    if level < 0:
        return "below_target"
    if level < LEVEL_MAX:
        return "above_target"
    return "excellent"
