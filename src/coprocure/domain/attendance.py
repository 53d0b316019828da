"""Attendance at the door: how long an activity's attendance code is valid, and what a code
must say to mark someone present. The signature is checked by the shell (Django's signing); what
is left here is the rules on the signed content."""

from __future__ import annotations

from datetime import datetime, timedelta

from .errors import DomainError

# People arrive late and the organiser may mark the last ones after the end.
GRACE = timedelta(hours=2)
# An activity without an end time: a working day from its start.
WITHOUT_END = timedelta(hours=12)


def valid_until(starts_at: datetime | None, ends_at: datetime | None, issued_at: datetime) -> datetime:
    """When a code issued at ``issued_at`` stops working: after the activity's end, never before
    the code is a working day old, so a code shown at an activity without times still works."""
    if ends_at is not None:
        return ends_at + GRACE
    return max((starts_at or issued_at) + WITHOUT_END, issued_at + WITHOUT_END)


def check(code_activity: int, code_until: datetime, activity: int, now: datetime) -> None:
    """A code marks presence only at its own activity and only until it expires."""
    if code_activity != activity:
        raise DomainError("attendance_code_invalid", "code")
    if now >= code_until:
        raise DomainError("attendance_code_expired", "code")
