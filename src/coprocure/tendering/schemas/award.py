"""The award decision, its published comparison and the complaints' public timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Schema

from coprocure.api.schemas import TranslatedIn

# The published award's whole record (docs/sealed-bids.md describes the format).
Comparison = dict[str, Any]


class AwardIn(Schema):
    accountable_official: int
    reasons: TranslatedIn
    decided_on: date
    sent_on: date | None = None
    channel: str = "electronic"
    standstill_ends_on: date | None = None


class AwardOut(Schema):
    winner: int
    sent_on: date | None
    channel: str
    received_on: date
    complaints_until: date
    standstill_ends_on: date

    @staticmethod
    def resolve_winner(obj):
        return obj.winner_id


class ComplaintOut(Schema):
    """A complaint as the public timeline shows it: no complainant. An appeal's ``answer`` is
    the Market Court's decision, dated ``court_decided_on``."""

    id: int
    kind: str
    filed_on: date
    outcome: str
    answer: str
    answered_on: date | None
    late: bool
    enforcement_banned: bool
    court_decided_on: date | None


class InstructionsOut(Schema):
    lang: str
    rectification_title: str
    rectification: list[str]
    appeal_title: str
    appeal: list[str]


class TimelineOut(Schema):
    decided_on: date
    sent_on: date | None
    channel: str
    received_on: date
    complaints_until: date
    standstill_ends_on: date
    complaints: list[ComplaintOut]
    instructions: list[InstructionsOut]


class ComplaintIn(Schema):
    kind: str
    grounds: str


class AppealIn(Schema):
    appellant: int
    filed_on: date
    grounds: str = ""
    enforcement_banned: bool = False


class CourtDecisionIn(Schema):
    outcome: str = "pending"
    court_decided_on: date | None = None
    answer: str = ""
    enforcement_banned: bool = False


class ComplaintAnswerIn(Schema):
    outcome: str
    answer: str
