"""Panels chosen by a fair lottery: quotas, the seed's commitment and the verification file.

A panel's seats are filled by stratified selection by lot among the volunteers. The quotas say
how many members each category value (an age band, a target group, an area…) may have; they
come from the reference population's shares, rounded down and up, so that any panel within
them is as close to the population as whole seats allow. The draw itself (``panel_lottery``)
runs the selection algorithm from a seed committed before the volunteers were known to be
final and revealed after; the verification file holds everything needed to run it again:
the volunteers' anonymised categories, the quotas, the seed, the method and what was drawn.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from . import privacy
from .errors import DomainError

# The background a volunteer may give, in the order forms and files list it. Nothing else
# about a volunteer ever reaches the selection.
CATEGORIES = ("target_group", "age_band", "area", "language", "gender")
FORMAT = "coprocure-draw/1"
# Probabilities are published to this many decimals; the comparison allows the last one to differ.
DECIMALS = 6


def commitment(seed: str) -> str:
    """The SHA-256 of the seed, published before the draw: anyone can check afterwards that the
    revealed seed is the committed one, so the seed cannot have been chosen for its result."""
    return hashlib.sha256(seed.encode("ascii")).hexdigest()


def seed_number(seed: str) -> int:
    """The seed as the random generator takes it. Zero would make the library use the system's
    unseeded randomness, so it is never used."""
    number = int(seed, 16)
    if number == 0:
        raise DomainError("draw_seed_invalid", "seed")
    return number


def quotas_from_shares(seats: int, shares: Mapping[str, Decimal]) -> dict[str, tuple[int, int]]:
    """(min, max) seats per value: each value's exact share of the seats, rounded down and up.
    Shares are percentages; when they do not add up to 100 they are taken relative to their sum,
    since the panel's seats all go to the listed values."""
    if seats < 1:
        raise DomainError("panel_seats_invalid", "seats")
    listed = {value: Fraction(share) for value, share in shares.items() if share > 0}
    total = sum(listed.values(), Fraction(0))
    if not listed:
        raise DomainError("panel_quotas_missing", "quotas")
    quotas = {}
    for value, share in sorted(listed.items()):
        exact = share / total * seats
        quotas[value] = (math.floor(exact), math.ceil(exact))
    return quotas


def check_quotas(seats: int, quotas: Mapping[str, Mapping[str, Sequence[int]]],
                 pool: Sequence[Mapping[str, str]]) -> None:
    """Refuse quotas the volunteers cannot meet, naming the first category or value at fault:
    the seats must fit between the category's minimums and maximums, and every value needs at
    least its minimum of volunteers. (The solver may still find the quotas infeasible together;
    it then says so in the same words.)"""
    if seats < 1:
        raise DomainError("panel_seats_invalid", "seats")
    if len(pool) < seats:
        raise DomainError("panel_too_few_volunteers", "quotas", {"seats": seats, "volunteers": len(pool)})
    for category, values in sorted(quotas.items()):
        if category not in CATEGORIES:
            raise DomainError("panel_category_unknown", "quotas", {"category": category})
        if any(low < 0 or high < low for low, high in values.values()):
            raise DomainError("panel_quota_invalid", "quotas", {"category": category})
        if not sum(low for low, _ in values.values()) <= seats <= sum(high for _, high in values.values()):
            raise DomainError("panel_quotas_do_not_add_up", "quotas", {"category": category, "seats": seats})
        for value, (low, _high) in sorted(values.items()):
            available = sum(1 for person in pool if person.get(category) == value)
            if available < low:
                raise DomainError("panel_quota_unmet", "quotas", {
                    "category": category, "value": value, "needed": low, "available": available})
        strays = {person.get(category) for person in pool} - set(values)
        if strays:
            raise DomainError("panel_value_without_quota", "quotas", {"category": category})


@dataclass(frozen=True)
class DrawInput:
    """What the selection is run on. ``pool`` maps each volunteer's anonymous code to their
    category values (only the categories with quotas)."""

    seats: int
    quotas: dict[str, dict[str, tuple[int, int]]]
    pool: dict[str, dict[str, str]]
    seed: str
    method: str
    library: str

    def plain(self) -> dict:
        return {
            "seats": self.seats, "seed": self.seed, "method": self.method, "library": self.library,
            "quotas": {c: {v: list(q) for v, q in sorted(vs.items())} for c, vs in sorted(self.quotas.items())},
            "pool": {code: dict(sorted(values.items())) for code, values in sorted(self.pool.items())},
        }


@dataclass(frozen=True)
class DrawResult:
    selected: tuple[str, ...]
    probabilities: dict[str, str] = field(default_factory=dict)  # code -> decimal string

    @property
    def minimum(self) -> str:
        return min(self.probabilities.values(), key=Decimal) if self.probabilities else "0"


def rounded(probability: float) -> str:
    return f"{max(probability, 0.0):.{DECIMALS}f}"


def verification_file(draw: DrawInput, result: DrawResult, *, commitment_hash: str) -> str:
    """The published file, canonical JSON: the same draw always gives the same bytes."""
    body = {
        "format": FORMAT, **draw.plain(), "seed_commitment": commitment_hash,
        "selected": sorted(result.selected),
        "probabilities": dict(sorted(result.probabilities.items())),
        "minimum_probability": result.minimum,
    }
    return json.dumps(body, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def read_file(text: str) -> tuple[DrawInput, DrawResult, str]:
    """A verification file back into the draw, its published result and the seed's commitment.
    Anything malformed is one error: the file cannot be checked."""
    try:
        body = json.loads(text)
        if body.get("format") != FORMAT:
            raise DomainError("draw_file_invalid", "file")
        draw = DrawInput(
            seats=int(body["seats"]), seed=str(body["seed"]), method=str(body["method"]),
            library=str(body["library"]),
            quotas={str(c): {str(v): (int(q[0]), int(q[1])) for v, q in vs.items()} for c, vs in body["quotas"].items()},
            pool={str(code): {str(c): str(v) for c, v in values.items()} for code, values in body["pool"].items()},
        )
        result = DrawResult(selected=tuple(sorted(str(code) for code in body["selected"])),
                            probabilities={str(k): str(v) for k, v in body["probabilities"].items()})
        return draw, result, str(body["seed_commitment"])
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise DomainError("draw_file_invalid", "file") from error


def differences(draw: DrawInput, published: DrawResult, commitment_hash: str, recomputed: DrawResult) -> list[str]:
    """What in a published file does not hold, in plain words (empty: the file is confirmed)."""
    found = []
    if commitment(draw.seed) != commitment_hash:
        found.append("the seed does not match its published SHA-256 commitment")
    if sorted(published.selected) != sorted(recomputed.selected):
        found.append("the selected volunteers differ: published %s, recomputed %s" % (
            ", ".join(sorted(published.selected)), ", ".join(sorted(recomputed.selected))))
    for code in sorted(set(published.probabilities) | set(recomputed.probabilities)):
        mine, theirs = published.probabilities.get(code), recomputed.probabilities.get(code)
        if mine is None or theirs is None or abs(Decimal(mine) - Decimal(theirs)) > Decimal(10) ** (1 - DECIMALS):
            found.append(f"the probability of {code} differs: published {mine}, recomputed {theirs}")
    if published.probabilities and published.minimum != min(published.probabilities.values(), key=Decimal):
        found.append("the reported minimum probability is not the lowest one")
    return found


def replacement_quotas(quotas: Mapping[str, Mapping[str, Sequence[int]]],
                       staying: Sequence[Mapping[str, str]]) -> dict[str, dict[str, tuple[int, int]]]:
    """Quotas for filling seats left empty: what the staying members already hold is taken off
    each value's minimum and maximum, so the whole panel stays within the original quotas."""
    result = {}
    for category, values in quotas.items():
        held = {value: sum(1 for person in staying if person.get(category) == value) for value in values}
        result[category] = {value: (max(low - held[value], 0), max(high - held[value], 0))
                            for value, (low, high) in values.items()}
    return result


def composition(members: Sequence[Mapping[str, str]], category: str, k: int) -> dict[str, int | None]:
    """Members per value of one category, a count under k shown as None (hidden). A panel's
    size is public, so when the suppression would have to hide the total, every count of the
    category is hidden instead."""
    counts: dict[str, int] = {}
    for person in members:
        if person.get(category):
            counts[person[category]] = counts.get(person[category], 0) + 1
    suppression = privacy.suppress(counts, k)
    if not suppression.total_shown:
        return dict.fromkeys(sorted(counts))
    return {value: (None if value in suppression.hidden else count) for value, count in sorted(counts.items())}
