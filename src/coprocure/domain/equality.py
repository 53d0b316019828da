"""The participation equality monitor: did every target group get heard in proportion to
its share of the people the service is for?

A group's representation ratio is its share among participants divided by its share in the
reference population the procurement declares. A ratio under 0.8 (the four-fifths rule used
in equality monitoring) flags the group and suggests an outreach activity that goes where its
people already are. Counts under k are hidden with the same complementary suppression as
survey results, and nothing derived from a hidden count (share, ratio, flag) is shown either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from . import privacy
from .errors import DomainError

THRESHOLD = Fraction(4, 5)

# Where each group is most often reached when an institutional event misses it: (activity kind, setting).
_OUTREACH = {
    "older_people": ("discussion_event", "home_visit"),
    "children_young_people": ("co_design", "online"),
    "families": ("discussion_event", "service_centre"),
    "mental_health": ("peer_activity", "drop_in"),
    "substance_use": ("peer_activity", "drop_in"),
    "homeless": ("peer_activity", "drop_in"),
    "disabled": ("service_design", "home_visit"),
    "immigrants": ("discussion_event", "service_centre"),
    "relatives": ("customer_panel", "online"),
    "residents": ("resident_panel", "service_centre"),
}
_DEFAULT_OUTREACH = ("peer_activity", "service_centre")


def suggested_outreach(group: str) -> tuple[str, str]:
    """The activity kind and setting suggested for reaching ``group``."""
    return _OUTREACH.get(group, _DEFAULT_OUTREACH)


@dataclass(frozen=True)
class GroupFigure:
    group: str
    participants: int | None  # None: hidden to protect a small group
    share: Fraction | None
    reference_share: Fraction | None
    ratio: Fraction | None
    flagged: bool
    suggestion: tuple[str, str] | None


@dataclass(frozen=True)
class Monitor:
    groups: tuple[GroupFigure, ...]
    total: int | None  # participants who gave a target group; None when hidden
    k: int


def check_reference(percentages: Mapping[str, Decimal]) -> None:
    """Reference shares are percentages of one population: each 0–100, together at most 100."""
    if any(value < 0 or value > 100 for value in percentages.values()):
        raise DomainError("reference_share_out_of_range", "reference_shares")
    if sum(percentages.values(), Decimal(0)) > 100:
        raise DomainError("reference_shares_over_100", "reference_shares")


def monitor(counts: Mapping[str, int], reference: Mapping[str, Decimal], k: int = privacy.DEFAULT_K) -> Monitor:
    """Figures for every group that has participants or a reference share.

    ``counts`` are participations per target group as given when taking part; ``reference``
    the declared percentages. A group with a reference share and no participants has ratio 0
    and is flagged. A hidden count is never judged: flagging it would tell that it is small.
    """
    check_reference(reference)
    groups = sorted(set(counts) | {group for group, value in reference.items() if value > 0})
    full = {group: counts.get(group, 0) for group in groups}
    suppression = privacy.suppress(full, k)
    total = sum(full.values())
    shown_total = suppression.total_shown
    figures = []
    for group in groups:
        reference_share = Fraction(reference[group]) / 100 if group in reference else None
        visible = suppression.shows(group) and shown_total
        share = Fraction(full[group], total) if visible and total else (Fraction(0) if visible else None)
        ratio = share / reference_share if share is not None and reference_share else None
        flagged = ratio is not None and ratio < THRESHOLD
        figures.append(GroupFigure(
            group=group, participants=full[group] if visible else None, share=share,
            reference_share=reference_share, ratio=ratio, flagged=flagged,
            suggestion=suggested_outreach(group) if flagged else None,
        ))
    return Monitor(groups=tuple(figures), total=total if shown_total else None, k=k)
