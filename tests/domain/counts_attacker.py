"""An attacker who reads the equality monitor and the participation ledger side by side (pages,
API and open data carry the same figures) and solves them together for every hidden count.

It is independent of the rule in ``coprocure.domain.ledger``: it writes every published figure
as an integer linear equation over the participations behind it (per phase and group, those who
did not say, and the cells of each split by method, year or outreach that the public list of
activities says can hold anyone), optionally for several versions with a known number of
participations added in between (exactly, or at least that many: the attacker's own, with
others' unknown), and then searches, for each hidden figure, for two whole-number
solutions that disagree on it.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product

BIG = 10**4


@dataclass
class System:
    bounds: dict[Hashable, list[int]] = field(default_factory=dict)
    equations: list[tuple[dict[Hashable, int], int]] = field(default_factory=list)
    hidden: list[Hashable] = field(default_factory=list)  # published figures that are not shown
    cells: set = field(default_factory=set)  # the participations behind the figures, (moment, kind, …)

    def var(self, name: Hashable, lo: int = 0) -> Hashable:
        self.bounds.setdefault(name, [lo, BIG])
        self.bounds[name][0] = max(self.bounds[name][0], lo)
        return name

    def equal(self, terms: Mapping[Hashable, int], value: int) -> None:
        for name in terms:
            self.var(name)
        self.equations.append((dict(terms), value))

    def figure(self, name: Hashable, parts: Iterable[Hashable], shown: int | None) -> None:
        """A published figure that is the sum of ``parts``: fixed when shown, a search target
        when hidden (a hidden count may be 0: a phase whose total is hidden hides its zeros too)."""
        terms = {part: 1 for part in parts}
        if name in terms:  # a figure that is itself a cell
            if shown is None:
                self.var(name)
                self.hidden.append(name)
            else:
                self.equal({name: 1}, shown)
            return
        terms[name] = -1
        self.equal(terms, 0)
        if shown is None:
            self.var(name)
            self.hidden.append(name)
        else:
            self.equal({name: 1}, shown)


def _propagate(bounds: dict, equations: list) -> bool:
    changed = True
    while changed:
        changed = False
        for terms, value in equations:
            low = sum(min(c * bounds[v][0], c * bounds[v][1]) for v, c in terms.items())
            high = sum(max(c * bounds[v][0], c * bounds[v][1]) for v, c in terms.items())
            if not low <= value <= high:
                return False
            for v, c in terms.items():
                own_low, own_high = min(c * bounds[v][0], c * bounds[v][1]), max(c * bounds[v][0], c * bounds[v][1])
                at_least, at_most = value - (high - own_high), value - (low - own_low)
                lo, hi = (-(-at_least // c), at_most // c) if c > 0 else (-(-at_most // c), at_least // c)
                if lo > bounds[v][0] or hi < bounds[v][1]:
                    bounds[v] = [max(lo, bounds[v][0]), min(hi, bounds[v][1])]
                    if bounds[v][0] > bounds[v][1]:
                        return False
                    changed = True
    return True


def solve(bounds: Mapping, equations: list, budget: list | None = None) -> dict | None:
    """One whole-number solution within ``bounds``, or None (bound propagation and bisection)."""
    budget = budget if budget is not None else [20_000]
    budget[0] -= 1
    assert budget[0] > 0, "the search for a first solution ran too long"
    bounds = {v: list(b) for v, b in bounds.items()}
    if not _propagate(bounds, equations):
        return None
    open_ = [v for v, (lo, hi) in bounds.items() if lo < hi]
    if not open_:
        return {v: lo for v, (lo, _hi) in bounds.items()}
    v = min(open_, key=lambda name: bounds[name][1] - bounds[name][0])
    lo, hi = bounds[v]
    for part in ([lo, lo], [lo + 1, hi]):
        found = solve({**bounds, v: part}, equations, budget)
        if found is not None:
            return found
    return None


def kernel(names: list, equations: list) -> list[dict]:
    """Whole-number changes to the unknowns that leave every equation as it is: a basis, one
    vector per free unknown of the reduced row echelon form (exact fractions)."""
    index = {name: i for i, name in enumerate(names)}
    rows = []
    for terms, _value in equations:
        row = [Fraction(0)] * len(names)
        for name, c in terms.items():
            row[index[name]] += c
        rows.append(row)
    pivots, r = [], 0
    for column in range(len(names)):
        found = next((i for i in range(r, len(rows)) if rows[i][column]), None)
        if found is None:
            continue
        rows[r], rows[found] = rows[found], rows[r]
        lead = rows[r][column]
        rows[r] = [value / lead for value in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][column]:
                factor = rows[i][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(column)
        r += 1
    basis = []
    for free in (c for c in range(len(names)) if c not in pivots):
        vector = {names[free]: Fraction(1)}
        for i, column in enumerate(pivots):
            if rows[i][free]:
                vector[names[column]] = -rows[i][free]
        scale = math.lcm(*(value.denominator for value in vector.values()))
        basis.append({name: int(value * scale) for name, value in vector.items()})
    return basis


def _moves(basis: list[dict], target) -> Iterable[dict]:
    """Small combinations of basis vectors that change ``target``: each such vector times ±1, ±2,
    then with a second vector added or taken away."""
    changing = [vector for vector in basis if vector.get(target)]
    for vector in changing:
        for times in (1, -1, 2, -2):
            yield {name: times * value for name, value in vector.items()}
    for vector in changing:
        for other in basis:
            if other is vector:
                continue
            for a, b in product((1, -1), repeat=2):
                move = {name: a * vector.get(name, 0) + b * other.get(name, 0) for name in {*vector, *other}}
                if move.get(target):
                    yield move


def pinned(system: System) -> dict[Hashable, int]:
    """The hidden figures that only one value fits, with that value. A figure is free when some
    small whole-number change of the unknowns keeps every equation and bound and changes it. A
    figure fixed at 0 is not reported: it describes nobody, and the rule shows zeros (a page
    hides them only beside a hidden total)."""
    first = solve(system.bounds, system.equations)
    assert first is not None, "the published figures must have a solution"
    basis = kernel(sorted(system.bounds, key=str), system.equations)
    found = {}
    for name in system.hidden:
        if any(all(system.bounds[v][0] <= first[v] + step <= system.bounds[v][1] for v, step in move.items())
               for move in _moves(basis, name)):
            continue
        if not any(vector.get(name) for vector in basis) or not _other_value(system, name, first[name]):
            found[name] = first[name]
    return {name: value for name, value in found.items() if value}


def _other_value(system: System, name, value: int) -> bool:
    """Whether a solution gives ``name`` another value than ``value`` (a search; a search that
    runs too long counts as none found, which can only make the attacker look stronger)."""
    lo, hi = system.bounds[name]
    for part in ([value + 1, hi], [lo, value - 1]):
        if part[0] > part[1]:
            continue
        try:
            if solve({**system.bounds, name: part}, system.equations, [5_000]) is not None:
                return True
        except AssertionError:
            pass
    return False


@dataclass
class Pages:
    """The figures of one moment as the attacker reads them: the monitor per phase and overall
    (counts of named groups, their total, those who did not say), the ledger (participations per
    phase, per group, those who did not say, all of them) and the ledger's splits: name →
    (column → count, the (phase, column) cells the public activities allow)."""

    monitor_phases: dict[str, dict]
    monitor_overall: dict
    ledger_phases: dict[str, int | None]
    ledger_groups: dict[str, int | None]
    ledger_unstated: int | None
    ledger_total: int | None
    splits: dict[str, tuple[dict, set]] = field(default_factory=dict)


def add_pages(system: System, pages: Pages, at: str = "") -> None:
    """Every figure of ``pages`` as equations over the participations of the moment ``at``."""
    phases = sorted(set(pages.monitor_phases) | set(pages.ledger_phases))
    groups = sorted({g for row in pages.monitor_phases.values() for g in row["groups"]} | set(pages.monitor_overall["groups"])
                    | {g for g in pages.ledger_groups if g != "unstated"})

    def cell(phase, group):
        system.cells.add((at, "cell", phase, group))
        return (at, "cell", phase, group)

    for phase in phases:
        row = pages.monitor_phases.get(phase, {"groups": {}, "total": 0, "unstated": 0})
        for group in groups:
            if group in row["groups"]:
                system.figure(cell(phase, group), [cell(phase, group)], row["groups"][group])
            else:  # a group not listed in a phase has nobody there
                system.equal({cell(phase, group): 1}, 0)
        named = [cell(phase, g) for g in groups]
        system.figure((at, "named", phase), named, row["total"])
        system.figure(cell(phase, "unstated"), [cell(phase, "unstated")], row["unstated"])
        system.figure((at, "participations", phase), [*named, cell(phase, "unstated")], pages.ledger_phases.get(phase, 0))
    overall = pages.monitor_overall
    for group in groups:
        shown = overall["groups"].get(group, 0)
        system.figure((at, "group", group), [cell(p, group) for p in phases], shown)
        if pages.ledger_groups.get(group) is not None:
            system.equal({(at, "group", group): 1}, pages.ledger_groups[group])
    everyone = [cell(p, g) for p in phases for g in groups]
    system.figure((at, "named", "all"), everyone, overall["total"])
    system.figure((at, "unstated", "all"), [cell(p, "unstated") for p in phases], overall["unstated"])
    if pages.ledger_unstated is not None:
        system.equal({(at, "unstated", "all"): 1}, pages.ledger_unstated)
    system.figure((at, "participations", "all"), [*everyone, *(cell(p, "unstated") for p in phases)], pages.ledger_total)
    for name, (columns, allowed) in pages.splits.items():
        system.cells.update((at, name, p, c) for p, c in allowed)
        for phase in phases:
            inside = {(at, name, p, c): 1 for p, c in allowed if p == phase}
            system.equal({**inside, (at, "participations", phase): -1}, 0)
        for column, shown in columns.items():
            system.figure((at, name, column), [(at, name, p, c) for p, c in allowed if c == column], shown)


def add_growth(system: System, before: str, after: str, added: int, at_least: bool = False) -> None:
    """``added`` participations arrived between the moments ``before`` and ``after``, in cells
    the attacker does not know: every cell of ``after`` is its cell of ``before`` or more. With
    ``at_least`` the attacker knows only its own ``added`` (others may have come too)."""
    growth = {}
    for name in sorted(system.cells, key=str):
        if name[0] == before and (after, *name[1:]) in system.cells:
            grown = ("growth", before, *name[1:])
            system.equal({(after, *name[1:]): 1, name: -1, grown: -1}, 0)
            if name[1] == "cell":
                growth[grown] = 1
    if at_least:
        growth[("others", before)] = -1
    system.equal(growth, added)


def attack(*versions: Pages, added: Iterable[int] = (), at_least: bool = False) -> dict[Hashable, int]:
    """The hidden figures of the first version that the versions pin down."""
    system = System()
    names = [f"v{index}" for index in range(len(versions))]
    for name, pages in zip(names, versions, strict=True):
        add_pages(system, pages, name)
    for (before, after), n in zip(zip(names, names[1:]), added, strict=True):
        add_growth(system, before, after, n, at_least)
    system.hidden = [name for name in system.hidden if name[0] == names[0]]
    return pinned(system)
