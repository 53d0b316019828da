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
    standstill_ends_on: date | None = None


class AwardOut(Schema):
    winner: int
    standstill_ends_on: date

    @staticmethod
    def resolve_winner(obj):
        return obj.winner_id


class ComplaintOut(Schema):
    """A complaint as the public timeline shows it: no complainant."""

    id: int
    kind: str
    filed_on: date
    outcome: str
    answer: str
    answered_on: date | None


class TimelineOut(Schema):
    decided_on: date
    complaints_until: date
    standstill_ends_on: date
    complaints: list[ComplaintOut]


class ComplaintIn(Schema):
    kind: str
    grounds: str


class ComplaintAnswerIn(Schema):
    outcome: str
    answer: str
