"""Complaints against an award decision and the standstill that holds the contract back.

A bidder may ask the authority to correct its decision (a request for rectification,
hankintaoikaisu) or appeal to the Market Court, within a number of days (14 by default) counted
from the day the decision is deemed received, as ``domain.deadlines`` counts statutory time
limits. The contract cannot be signed before the standstill period has ended, nor while any
complaint is still waiting for its answer.
"""

from __future__ import annotations

from datetime import date

from .deadlines import STATUTORY_DAYS, period_end
from .errors import DomainError

COMPLAINT_DAYS = STATUTORY_DAYS
KINDS = ("rectification_request", "market_court_appeal")
OUTCOMES = ("upheld", "rejected")


def complaint_deadline(received_on: date, days: int = COMPLAINT_DAYS) -> date:
    """The last day a complaint is accepted: ``days`` after the decision was deemed received,
    moved to the next working day when it falls on a weekend or public holiday."""
    if days < 0:
        raise DomainError("complaint_days_negative", "complaint_days")
    return period_end(received_on, days)


def check_can_file(today: date, decided_on: date, days: int = COMPLAINT_DAYS) -> None:
    if today < decided_on:
        raise DomainError("complaint_before_decision")
    deadline = complaint_deadline(decided_on, days)
    if today > deadline:
        raise DomainError("complaint_deadline_passed", None, {"deadline": deadline})


def check_can_sign(today: date, standstill_ends_on: date, pending_complaints: int) -> None:
    """The standstill's last day is still part of it: signing is possible from the day after."""
    if today <= standstill_ends_on:
        raise DomainError("standstill_not_ended", None, {"until": standstill_ends_on})
    if pending_complaints > 0:
        raise DomainError("complaint_pending")


def check_answer(outcome: str, reasons: str, already_answered: bool) -> None:
    if already_answered:
        raise DomainError("complaint_answered")
    if outcome not in OUTCOMES:
        raise DomainError("complaint_outcome_unknown", "outcome")
    if not reasons.strip():
        raise DomainError("complaint_reasons_required", "reasons")


def holds(kind: str, pending: bool, enforcement_banned: bool) -> bool:
    """Whether a complaint holds back what the decision allows (the contract after an award, the
    next stage and the award after a selection or reduction decision): a pending request for
    rectification, or a pending appeal with the Market Court's ban on enforcement. An appeal
    without a ban does not stop enforcement (1397/2016 section 151)."""
    return pending and (kind != "market_court_appeal" or enforcement_banned)


def check_can_proceed(pending_requests: int, banned_appeals: int) -> None:
    """Refuse the next step of a procedure while a complaint against one of its decisions holds it."""
    if pending_requests > 0:
        raise DomainError("decision_complaint_pending")
    if banned_appeals > 0:
        raise DomainError("decision_enforcement_banned")
