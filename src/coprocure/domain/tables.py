"""Small-group suppression for a table whose row and column totals are published, and
neutralising spreadsheet cells.

A survey question split by answering channel is such a table: each channel's row adds up to
the people who answered in that channel, and each answer's column adds up to the "all
channels" figure. Hiding a count only in its row is not enough when its column total is shown,
so hiding is repeated over every line (row or column) until no line has a lone hidden count
or hidden counts adding up to fewer than k.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from .privacy import reaches_k

# A cell starting with one of these is read as a formula by spreadsheet programs: a respondent
# could make a payroll clerk's spreadsheet fetch a URL or run a command.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that cannot start a formula; numbers and empty cells pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class TableSuppression:
    hidden: frozenset  # cells whose counts are not shown
    hidden_totals: frozenset  # indexes of lines whose totals are not shown

    def shows(self, cell: Hashable) -> bool:
        return cell not in self.hidden


def _unsafe(line: Sequence[Hashable], hidden: set, cells: Mapping[Hashable, int], k: int) -> bool:
    inside = [cell for cell in line if cell in hidden]
    return bool(inside) and (len(inside) == 1 or not reaches_k(sum(cells[cell] for cell in inside), k))


def suppress_table(cells: Mapping[Hashable, int], lines: Sequence[Sequence[Hashable]], k: int) -> TableSuppression:
    """Hide counts of 1..k-1 and, line by line, the next smallest counts until each line's
    hidden counts are at least two and add up to at least k. A line with nothing left to hide
    with has its total hidden instead. Zero is shown: it describes nobody."""
    if k < 1:
        raise ValueError("k must be at least 1")
    hidden = {cell for cell, n in cells.items() if 0 < n and not reaches_k(n, k)}
    hidden_totals: set[int] = set()
    changed = True
    while changed:
        changed = False
        for index, line in enumerate(lines):
            if index in hidden_totals or not _unsafe(line, hidden, cells, k):
                continue
            candidates = sorted((cell for cell in line if cell not in hidden and reaches_k(cells[cell], k)),
                                key=lambda cell: (cells[cell], str(cell)))
            if candidates:
                hidden.add(candidates[0])
            else:
                hidden_totals.add(index)
            changed = True
    return TableSuppression(frozenset(hidden), frozenset(hidden_totals))
