"""The steering group: members, meetings, fees, decisions and members' positions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema

from coprocure.api.schemas import TranslatedIn, TranslatedOut

from .contract import DocumentOut


class MeetingOut(Schema):
    id: int
    starts_at: datetime
    place: str
    agenda: TranslatedOut | None
    agenda_published_at: datetime | None
    materials: list[DocumentOut]


class PositionOut(Schema):
    member: int
    name: str
    role: str
    position: str
    view: str
    client_view: bool


class DecisionOut(Schema):
    id: int
    number: int
    decided_on: date
    is_confidential: bool
    confidentiality_reason: str
    accountable_official: int
    title: TranslatedOut | None = None
    decided: TranslatedOut | None = None
    reasoning: TranslatedOut | None = None
    proposed_by: str | None = None
    proposer_role: str | None = None
    client_view: TranslatedOut | None = None
    meeting: int | None = None
    positions: list[PositionOut] = []


class MemberIn(Schema):
    name: str
    role: str
    organisation: int | None = None
    user: int | None = None
    term_starts: date
    term_ends: date | None = None
    deputy_for: int | None = None


class MaterialIn(Schema):
    title: str
    url: str


class MeetingIn(Schema):
    starts_at: datetime
    place: str = ""
    agenda: TranslatedIn
    materials: list[MaterialIn] = []


class MinutesIn(Schema):
    minutes: TranslatedIn
    attendees: list[int] = []


class CompensationIn(Schema):
    member: int
    hours: Decimal
    fee: Decimal


class CompensationOut(Schema):
    member: int
    hours: Decimal
    fee: Decimal


class DecisionIn(Schema):
    title: TranslatedIn
    decided: TranslatedIn
    reasoning: TranslatedIn
    proposed_by: str
    proposer_role: str
    client_view: TranslatedIn = {}
    meeting: int | None = None
    accountable_official: int | None = None
    decided_on: date
    is_confidential: bool = False
    confidentiality_reason: str = ""


class PositionIn(Schema):
    member: int | None = None
    position: str = ""
    view: str = ""
