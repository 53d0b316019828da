"""Outcome surveys that cannot be stuffed (issue 17 item 3): the figures behind a user-reported
indicator come only from invitation codes, and unusual patterns are flagged to the accountable
official before the figure can enter a settlement."""

from __future__ import annotations

from decimal import Decimal

# Many answers from one batch of codes within one hour: at least this many, and at least this
# share of the batch.
BURST_MIN_ANSWERS = 10
BURST_SHARE = Decimal("0.5")
# A period's mean on the 1–5 scale that moves this much from the previous period's is a jump.
JUMP = Decimal("0.5")
MAX_CODES_PER_BATCH = 500


def is_burst(answers_in_hour: int, batch_size: int) -> bool:
    """Whether the answers one batch of codes brought in one hour look like one person's work."""
    return answers_in_hour >= BURST_MIN_ANSWERS and Decimal(answers_in_hour) >= BURST_SHARE * batch_size


def is_jump(previous: Decimal | None, current: Decimal) -> bool:
    """Whether the period's figure moved suddenly from the previous period's (none: no jump)."""
    return previous is not None and abs(current - previous) >= JUMP
