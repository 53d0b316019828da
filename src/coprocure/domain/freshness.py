"""When provider information counts as stale.

Organisers need up-to-date, comparable information (seed 003); a profile nobody has confirmed
for a while is shown as such rather than silently trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_PERIOD_DAYS = 180


@dataclass(frozen=True)
class Freshness:
    is_stale: bool
    reminder_due: bool
    stale_since: datetime | None


def assess(last_confirmed: datetime | None, now: datetime, period_days: int = DEFAULT_PERIOD_DAYS,
           last_reminded: datetime | None = None) -> Freshness:
    """Stale after ``period_days`` without confirmation; remind once per period while stale."""
    if period_days <= 0:
        raise ValueError("period_days must be positive")
    period = timedelta(days=period_days)
    if last_confirmed is None:
        return Freshness(True, last_reminded is None or now - last_reminded >= period, None)
    stale_since = last_confirmed + period
    is_stale = now >= stale_since
    reminder_due = is_stale and (last_reminded is None or last_reminded < stale_since or now - last_reminded >= period)
    return Freshness(is_stale, reminder_due, stale_since if is_stale else None)
