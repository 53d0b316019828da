"""An attacker who knows every published figure and tries to recover the hidden counts.

It is deliberately independent of the rule in ``coprocure.domain.disclosure``: it enumerates
every table of non-negative integers with the published number of answers and keeps those that
reproduce every published figure at the precision it was published with (a mean to two
decimals, a percentage to one). A hidden cell is safe when at least two values survive.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction

LIKERT = (1, 2, 3, 4, 5)
AGREE = (4, 5)


def compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to write ``total`` as ``parts`` non-negative integers."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in compositions(total - first, parts - 1):
            yield (first, *rest)


def published_mean(counts: Mapping[int, int]) -> float:
    n = sum(counts.values())
    return round(float(Fraction(sum(v * c for v, c in counts.items()), n)), 2)


def published_percent(part: int, whole: int) -> float:
    return round(float(Fraction(part, whole)) * 100, 1)


def consistent(candidate: Mapping[int, int], published: Mapping) -> bool:
    """Whether a table of answers 1–5 gives the published figures: ``answers``, ``mean`` (two
    decimals), ``agree`` (percent, one decimal) and ``distribution`` (value → count or None)."""
    n = sum(candidate.values())
    if published.get("answers") is not None and n != published["answers"]:
        return False
    for value, count in (published.get("distribution") or {}).items():
        if count is not None and candidate[int(value)] != count:
            return False
    if published.get("mean") is not None and published_mean(candidate) != published["mean"]:
        return False
    if published.get("agree") is not None and published_percent(sum(candidate[v] for v in AGREE), n) != published["agree"]:
        return False
    return True


def solve(versions: Sequence[Mapping], added: Sequence[int] = ()) -> dict[int, set[int]]:
    """The values each cell of the *first* version can take, given every version.

    ``versions`` are the figures published of one table at successive moments; ``added`` says
    how many answers arrived between consecutive versions (one each by default). The attacker
    knows the number of answers of the first version and tries every table for it and every
    set of answers added after it."""
    n = versions[0]["answers"]
    added = list(added) or [1] * (len(versions) - 1)
    found: dict[int, set[int]] = {v: set() for v in LIKERT}
    for cells in compositions(n, len(LIKERT)):
        first = dict(zip(LIKERT, cells, strict=True))
        if not consistent(first, versions[0]):
            continue
        if _later_consistent(first, versions[1:], added):
            for value, count in first.items():
                found[value].add(count)
    return found


def _later_consistent(table: dict[int, int], versions: Sequence[Mapping], added: list[int]) -> bool:
    if not versions:
        return True
    for extra in compositions(added[0], len(LIKERT)):
        later = {v: table[v] + e for v, e in zip(LIKERT, extra, strict=True)}
        if consistent(later, versions[0]) and _later_consistent(later, versions[1:], added[1:]):
            return True
    return False


def hidden_cells(published: Mapping) -> list[int]:
    return [int(value) for value, count in published["distribution"].items() if count is None]
