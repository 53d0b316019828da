"""Rules of contract-period governance: who is paid for meetings, when an agenda may still be
published, when a decision may be kept from the public, and how a contract is amended."""

from __future__ import annotations

from datetime import date, datetime

from .errors import DomainError

COMPENSATED_ROLES = frozenset({"client_representative", "peer"})
POSITIONS = ("supports", "opposes", "abstains", "dissent")


def check_compensation(role: str, attended: bool) -> None:
    """Fees are recorded for experts by experience and peers who attended: their time is work,
    whereas officials and providers' representatives attend as part of their job."""
    if role not in COMPENSATED_ROLES:
        raise DomainError("compensation_not_expert", "member")
    if not attended:
        raise DomainError("compensation_not_attended", "member")


def check_agenda_publishable(starts_at: datetime, now: datetime) -> None:
    """An agenda is published in advance so that members can prepare, with support if they
    need it; publishing it after the meeting has begun would only pretend to that."""
    if now >= starts_at:
        raise DomainError("agenda_too_late", "agenda")


def check_confidentiality(is_confidential: bool, legal_reason: str) -> None:
    """Decisions are public; keeping one confidential needs the section of law that allows it."""
    if is_confidential and not legal_reason.strip():
        raise DomainError("decision_confidential_reason", "confidentiality_reason")


def check_new_end(starts_on: date, new_ends_on: date | None) -> None:
    if new_ends_on is not None and new_ends_on <= starts_on:
        raise DomainError("amendment_end_before_start", "new_ends_on")


def check_position(position: str, view: str) -> None:
    """A member who dissents has their view recorded in their own words: a dissent without one
    would leave nothing for the public, or a later court, to read."""
    if position not in POSITIONS:
        raise DomainError("position_unknown", "position")
    if position == "dissent" and not view.strip():
        raise DomainError("position_dissent_view", "view")
