"""Suppression that arithmetic cannot undo: figures derived from hidden counts.

Hiding counts of fewer than k people (``privacy.suppress``, ``tables.suppress_table``) keeps
each hidden count among several possible values as long as only counts and their totals are
published. A mean, a share agreeing or another total published beside them is one more
equation about the same cells, and with the total it can pin a hidden count down: 1–5 answers
with the 2s and the 4s hidden and the mean shown leave two equations in two unknowns.

The rule every figure set follows: the figures are published only when every cell they do not
show still has at least two values that agree with everything shown, the derived figures
taken as exact (rounding is not protection: a mean to two decimals of a few dozen answers is
the exact mean). ``pinned`` is the attacker's side of the rule: it looks for another
non-negative integer table that gives the same published figures; a cell that no such table
moves is pinned down, and the figure that pins it is not published.

``distribution`` applies the rule to a table of answers 1–5 with its count, mean and share
agreeing, dropping figures in a fixed order until nothing is pinned.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import combinations, product

from . import privacy

_STEP = (-4, -3, -2, -1, 1, 2, 3, 4)  # how far one move changes a single cell
_MAX_CELLS_MOVED = 5  # a move changes at most this many cells at once (all of a 1–5 scale)


@lru_cache(maxsize=512)
def _moves(rows: tuple[tuple[int, ...], ...], size: int) -> tuple[tuple[int, ...], ...]:
    """Small integer changes to ``size`` unknown cells that leave every equation's value as it
    was. Searching only small moves errs on the safe side: a cell that only a large move
    would change is reported pinned, and more is hidden than strictly needed."""
    found = []
    widest = _MAX_CELLS_MOVED if size <= _MAX_CELLS_MOVED else 3  # keeps a wide table's search short
    for width in range(1, min(size, widest) + 1):
        for where in combinations(range(size), width):
            for steps in product(_STEP, repeat=width):
                move = [0] * size
                for index, step in zip(where, steps, strict=True):
                    move[index] = step
                if all(sum(c * m for c, m in zip(row, move, strict=True)) == 0 for row in rows):
                    found.append(tuple(move))
    return tuple(found)


def pinned(cells: Mapping[Hashable, int], shown: Iterable[Hashable],
           equations: Sequence[Mapping[Hashable, int]]) -> frozenset:
    """The cells not in ``shown`` whose value the published figures fix.

    ``equations`` are the published weighted sums over the cells (a total is all ones, a mean
    times the count is the values, a share agreeing times the count is ones on the agreeing
    values); each is taken as known exactly. A cell is free when some other table of
    non-negative integers has the same shown cells and the same sums and a different value in
    that cell."""
    shown = set(shown)
    unknown = sorted((cell for cell in cells if cell not in shown), key=str)
    if not unknown:
        return frozenset()
    rows = tuple(tuple(int(equation.get(cell, 0)) for cell in unknown) for equation in equations)
    rows = tuple(row for row in rows if any(row))
    values = [cells[cell] for cell in unknown]
    free: set[int] = set()
    for move in _moves(rows, len(unknown)):
        if all(value + step >= 0 for value, step in zip(values, move, strict=True)):
            free.update(index for index, step in enumerate(move) if step)
    return frozenset(cell for index, cell in enumerate(unknown) if index not in free)


@dataclass(frozen=True)
class Distribution:
    answers: int | None  # None: fewer than k, nothing shown
    mean: Fraction | None
    agree_share: Fraction | None
    counts: dict[int, int | None]  # value → answers, None where hidden


# Which figures to publish, in the order tried: the mean is the headline figure (it is what
# rounds and procurements are compared by), the distribution and the share come after it.
FIGURE_SETS: tuple[frozenset, ...] = (
    frozenset({"counts", "mean", "agree"}),
    frozenset({"counts", "mean"}),
    frozenset({"mean", "agree"}),
    frozenset({"mean"}),
    frozenset({"counts", "agree"}),
    frozenset({"counts"}),
)


def equations(values: Iterable[int], agree: frozenset, figures: frozenset) -> list[dict[int, int]]:
    """The sums an attacker knows exactly when ``figures`` are published with the count."""
    values = list(values)
    found = [{v: 1 for v in values}]  # the number of answers is always published with a figure
    if "mean" in figures:
        found.append({v: v for v in values})
    if "agree" in figures:
        found.append({v: 1 for v in values if v in agree})
    return found


def distribution(counts: Mapping[int, int], k: int = privacy.DEFAULT_K, agree: frozenset = frozenset({4, 5}),
                 enough: bool = True) -> Distribution:
    """The publishable figures of a table of answers on a numeric scale.

    Nothing is shown under k answers (or when ``enough`` is false: the caller's own reason,
    such as an item of the dimension with fewer than k answers). Otherwise the counts are
    suppressed as every row of counts is, and the first set of ``FIGURE_SETS`` that pins no
    hidden count down is published."""
    total = sum(counts.values())
    nothing = Distribution(None if total else 0, None, None, {v: None for v in counts})
    if not total or not enough or not privacy.reaches_k(total, k):
        return nothing
    suppression = privacy.suppress(counts, k)
    for figures in FIGURE_SETS:
        shown = {v for v in counts if suppression.shows(v)} if "counts" in figures else set()
        if pinned(counts, shown, equations(counts, agree, figures)):
            continue
        return Distribution(
            total,
            Fraction(sum(v * n for v, n in counts.items()), total) if "mean" in figures else None,
            Fraction(sum(n for v, n in counts.items() if v in agree), total) if "agree" in figures else None,
            {v: n if v in shown else None for v, n in counts.items()},
        )
    return Distribution(total, None, None, {v: None for v in counts})


def mean_publishable(counts: Mapping[int, int], k: int = privacy.DEFAULT_K) -> bool:
    """Whether the mean of these answers may be published beside their suppressed counts
    (``privacy.suppress``) and their number, as a survey's results page shows them."""
    total = sum(counts.values())
    if not privacy.reaches_k(total, k):
        return False
    suppression = privacy.suppress(counts, k)
    shown = {v for v in counts if suppression.shows(v)}
    return not pinned(counts, shown, equations(counts, frozenset(), frozenset({"mean"})))
