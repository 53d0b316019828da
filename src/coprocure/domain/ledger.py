"""The participation ledger's counts, decided together with the equality monitor's.

Two public pages count the same participations (survey answers and attendance, by the target
group given when taking part): the equality monitor shows, per phase and overall, the counts of
the named groups, their total and the number who did not say; the evaluation's ledger shows the
participations per phase (those who did not say included), per group over the procurement, the
number who did not say and the number of participations, and splits that number again by method,
by year and into outreach. Suppressed each on its own, a count one page hides is a sum or a
difference of counts the other shows (a phase's participations minus the monitor's named total
is the hidden number who did not say). So the ledger shows nothing the monitor's figures do not
already fix, or hides it:

- a phase's participations are shown when the monitor shows both its parts, or hides both and
  they add up to at least k (the monitor hides those who did not say with a hidden named total);
- a group's count and the number who did not say over the procurement are the monitor's own
  overall figures, and the number of participations is shown only when every phase's is;
- a split of the participations in another direction (method, year, outreach) is a table of
  phases × columns whose cells are never shown, only the columns' counts. The activities' phase,
  kind, setting and dates are public, so which cells can hold anyone is known, and in each
  connected part of that table the columns add up to the rows: a lone hidden count there would
  be their difference. ``split`` hides, in each part holding a hidden count, the smallest further
  columns until at least one column and two counts are hidden and, with every row shown, the
  hidden columns add up to at least k.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from . import equality, privacy


@dataclass(frozen=True)
class Ledger:
    phases: dict[str, int | None]  # participations per phase; None where hidden
    groups: dict[str, int | None]  # per target group over the procurement
    unstated: int | None  # those who did not say their group, over the procurement
    total: int | None  # the number of participations
    overall: equality.Monitor  # the equality monitor's figures these agree with
    by_phase: dict[str, equality.Monitor]


def published(counts: Mapping[str, Mapping[str, int]], unstated: Mapping[str, int],
              reference: Mapping[str, Decimal], k: int = privacy.DEFAULT_K) -> Ledger:
    """The ledger's counts per phase and group from the same participations as the monitor's
    (``counts``: phase → group → participations, ``unstated``: phase → those who did not say),
    with the monitor's figures they were decided with."""
    overall, phases = equality.by_phase(counts, unstated, reference, k)
    per_phase = {}
    for phase, monitor in phases.items():
        named, rest = sum(counts.get(phase, {}).values()), unstated.get(phase, 0)
        both_shown = monitor.total is not None and monitor.unstated is not None
        both_hidden = monitor.total is None and monitor.unstated is None and privacy.reaches_k(named + rest, k)
        per_phase[phase] = named + rest if both_shown or both_hidden else None
    total = sum(sum(row.values()) for row in counts.values()) + sum(unstated.values())
    # Shown with its parts both shown or both hidden, so the number of participations never
    # tells one part from the other (the phases' rules make this so; it is checked here).
    total_shown = (all(n is not None for n in per_phase.values()) and (overall.total is None) == (overall.unstated is None)
                   and (total == 0 or privacy.reaches_k(total, k)))
    return Ledger(
        phases=per_phase,
        groups={figure.group: figure.participants for figure in overall.groups},
        unstated=overall.unstated, total=total if total_shown else None,
        overall=overall, by_phase=phases,
    )


def split(cells: Mapping[tuple[str, Hashable], int], phases: Mapping[str, int | None], k: int = privacy.DEFAULT_K,
          unpublished: frozenset = frozenset()) -> dict[Hashable, int | None]:
    """The participations split by a column (method, year, outreach): each column's count, or
    None where hidden. ``cells`` are (phase, column) → participations, ``phases`` the ledger's
    phase counts as published (None where hidden); ``unpublished`` columns are never shown (their
    count is still the rows minus the other columns, so they are protected like hidden ones)."""
    columns: dict[Hashable, int] = {}
    for (_phase, column), n in cells.items():
        columns[column] = columns.get(column, 0) + n
    hidden = {column for column, n in columns.items() if column in unpublished or 0 < n and not privacy.reaches_k(n, k)}
    for rows, part in _parts(cells):
        hidden_rows = [phase for phase in rows if phases.get(phase) is None]
        while True:
            inside = [column for column in part if column in hidden]
            if not (hidden_rows or inside):
                break
            enough = inside and len(hidden_rows) + len(inside) >= 2 and (
                hidden_rows or privacy.reaches_k(sum(columns[column] for column in inside), k))
            candidates = sorted((column for column in part if column not in hidden and columns[column]),
                                key=lambda column: (columns[column], str(column)))
            if enough or not candidates:
                # Nothing left to hide: every column of this part is hidden and they add up to
                # its rows, which are all shown.
                break
            hidden.add(candidates[0])
    return {column: None if column in hidden else n for column, n in columns.items()}


def _parts(cells: Mapping[tuple[str, Hashable], int]) -> list[tuple[set, set]]:
    """The connected parts of the phases × columns table: phases and columns joined by a cell
    that holds someone."""
    parent: dict[tuple, tuple] = {}

    def root(node: tuple) -> tuple:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for (phase, column), n in cells.items():
        if n:
            parent[root(("row", phase))] = root(("column", column))
    parts: dict[tuple, tuple[set, set]] = {}
    for node in list(parent):
        rows, columns = parts.setdefault(root(node), (set(), set()))
        (rows if node[0] == "row" else columns).add(node[1])
    return list(parts.values())
