"""Procurement phases and the rules for moving between them.

A procurement moves forward one phase at a time: preparation → tendering → contract →
closed. Skipping a phase would skip the participation that phase owes its users, so it is
refused. Going back (for example when a tender is cancelled and prepared again) is allowed
only with a recorded reason, because it undoes commitments made to participants and bidders.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import DomainError


class Phase(StrEnum):
    PREPARATION = "preparation"
    TENDERING = "tendering"
    CONTRACT = "contract"
    CLOSED = "closed"


ORDER: tuple[Phase, ...] = (Phase.PREPARATION, Phase.TENDERING, Phase.CONTRACT, Phase.CLOSED)
MAX_REASON_LENGTH = 2000


@dataclass(frozen=True)
class Transition:
    source: Phase
    target: Phase
    reason: str

    @property
    def is_backward(self) -> bool:
        return ORDER.index(self.target) < ORDER.index(self.source)


def next_phase(current: Phase) -> Phase | None:
    index = ORDER.index(current)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def plan_transition(current: str, target: str, reason: str = "") -> Transition:
    """Validate a phase change and return it, or raise DomainError naming the broken rule."""
    try:
        source, goal = Phase(current), Phase(target)
    except ValueError:
        raise DomainError("phase_unknown", "target") from None
    reason = reason.strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise DomainError("too_long", "reason", {"max": MAX_REASON_LENGTH})
    step = ORDER.index(goal) - ORDER.index(source)
    if step == 0:
        raise DomainError("phase_unchanged", "target")
    if step > 1:
        raise DomainError("phase_skipped", "target", {"next": ORDER[ORDER.index(source) + 1].value})
    if step < 0 and not reason:
        raise DomainError("phase_back_without_reason", "reason")
    return Transition(source, goal, reason)
