"""The continuous-development backlog: what a proposal's status needs before it is shown.

The "you said, we did" trail is only honest if a proposal that was not taken up says why, and
an adopted one says what was actually done.
"""

from __future__ import annotations

from .errors import DomainError

STATUSES = ("new", "under_consideration", "trial", "adopted", "rejected")
MAX_TEXT_LENGTH = 2000


def check_status(status: str, has_reason: bool, has_outcome: bool) -> None:
    if status not in STATUSES:
        raise DomainError("proposal_status_unknown", "status")
    if status == "rejected" and not has_reason:
        raise DomainError("proposal_reason_required", "status_reason")
    if status == "adopted" and not has_outcome:
        raise DomainError("proposal_outcome_required", "outcome")


def check_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise DomainError("proposal_empty", "text")
    if len(cleaned) > MAX_TEXT_LENGTH:
        raise DomainError("too_long", "text", {"max": MAX_TEXT_LENGTH})
    return cleaned
