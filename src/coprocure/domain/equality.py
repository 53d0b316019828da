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
from dataclasses import dataclass, replace
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
    unstated: int | None = None  # participants who did not say; None when hidden


def check_reference(percentages: Mapping[str, Decimal]) -> None:
    """Reference shares are percentages of one population: each 0–100, together at most 100."""
    if any(value < 0 or value > 100 for value in percentages.values()):
        raise DomainError("reference_share_out_of_range", "reference_shares")
    if sum(percentages.values(), Decimal(0)) > 100:
        raise DomainError("reference_shares_over_100", "reference_shares")


def monitor(counts: Mapping[str, int], reference: Mapping[str, Decimal], k: int = privacy.DEFAULT_K, *,
            hidden: frozenset | None = None, total_shown: bool | None = None, unstated: int | None = None) -> Monitor:
    """Figures for every group that has participants or a reference share.

    ``counts`` are participations per target group as given when taking part; ``reference``
    the declared percentages. A group with a reference share and no participants has ratio 0
    and is flagged. A hidden count is never judged: flagging it would tell that it is small.
    ``hidden`` and ``total_shown`` come from ``by_phase`` when this monitor is one row of a
    larger table; on its own the counts are suppressed here.
    """
    check_reference(reference)
    groups = sorted(set(counts) | {group for group, value in reference.items() if value > 0})
    full = {group: counts.get(group, 0) for group in groups}
    if hidden is None:
        suppression = privacy.suppress(full, k)
        hidden, total_shown = suppression.hidden, suppression.total_shown
    total = sum(full.values())
    figures = []
    for group in groups:
        reference_share = Fraction(reference[group]) / 100 if group in reference else None
        visible = group not in hidden and total_shown
        share = Fraction(full[group], total) if visible and total else (Fraction(0) if visible else None)
        ratio = share / reference_share if share is not None and reference_share else None
        flagged = ratio is not None and ratio < THRESHOLD
        figures.append(GroupFigure(
            group=group, participants=full[group] if visible else None, share=share,
            reference_share=reference_share, ratio=ratio, flagged=flagged,
            suggestion=suggested_outreach(group) if flagged else None,
        ))
    return Monitor(groups=tuple(figures), total=total if total_shown else None, k=k, unstated=unstated)


def by_phase(counts: Mapping[str, Mapping[str, int]], unstated: Mapping[str, int], reference: Mapping[str, Decimal],
             k: int = privacy.DEFAULT_K) -> tuple[Monitor, dict[str, Monitor]]:
    """The whole procurement and each phase.

    Each phase is suppressed on its own, so a past phase's figures never change when later
    phases gather participants. The overall figures are the phases' sums, so an overall count
    is hidden whenever a count in its column is hidden in some phase (otherwise the overall
    count minus the other phases would give the hidden one away), and the overall total only
    shows when every phase's total shows. What the overall total then tells about the hidden
    overall counts (their sum) is the sum of the phases' hidden counts, which the phases'
    own totals already tell, so nothing new can be worked out.
    """
    check_reference(reference)
    phases = {phase: _phase(counts.get(phase, {}), unstated.get(phase, 0), reference, k)
              for phase in sorted(set(counts) | set(unstated))}
    groups = sorted({g for row in counts.values() for g in row} | {g for g, value in reference.items() if value > 0})
    overall = {g: sum(row.get(g, 0) for row in counts.values()) for g in groups}
    hidden = frozenset(
        g for g in groups
        if 0 < overall[g] and not privacy.reaches_k(overall[g], k) or any(f.group == g and f.participants is None for p in phases.values() for f in p.groups)
    )
    total = sum(overall.values())
    total_shown = all(p.total is not None for p in phases.values()) and (total == 0 or privacy.reaches_k(total, k))
    unstated_total = sum(unstated.values())
    unstated_shown = all(p.unstated is not None for p in phases.values()) and _shown(unstated_total, k) is not None
    return (monitor(overall, reference, k, hidden=hidden, total_shown=total_shown,
                    unstated=unstated_total if unstated_shown else None), phases)


def _phase(counts: Mapping[str, int], unstated: int, reference: Mapping[str, Decimal], k: int) -> Monitor:
    """One phase. Those who named a group and those who did not add up to the phase's
    participations, which the evaluation's ledger publishes (``ledger.published``): when the
    named total is hidden, a shown number of those who did not say would give it away by
    difference, so that number is hidden with it, as its complement."""
    result = monitor(counts, reference, k)
    shown = _shown(unstated, k) if result.total is not None else (None if unstated else 0)
    return replace(result, unstated=shown)


def _shown(count: int, k: int) -> int | None:
    return count if count == 0 or privacy.reaches_k(count, k) else None
