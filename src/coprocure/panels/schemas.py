"""The panels' API shapes. Nothing public carries a volunteer's name with their background."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema

from coprocure.api.schemas import TranslatedIn, TranslatedOut


class PanelIn(Schema):
    kind: str
    title: TranslatedIn
    purpose: TranslatedIn
    seats: int
    deputies: int = 0
    term_starts: date
    term_ends: date
    areas: list[str] = []
    meetings: list[int] = []
    achievements: TranslatedIn | None = None


class QuotasIn(Schema):
    quotas: dict[str, dict[str, list[int]]]
    reason: str = ""


class CallIn(Schema):
    open: bool


class VolunteerIn(Schema):
    name: str
    contact: str
    consent: bool
    target_group: str = ""
    age_band: str = ""
    area: str = ""
    language: str = ""
    gender: str = ""


class SeatIn(Schema):
    username: str
    role: str


class EndSeatIn(Schema):
    reason: str


class VolunteerOut(Schema):
    code: str


class CompositionRowOut(Schema):
    value: str
    members: int | None  # None: hidden, fewer than k
    quota: list[int]


class CategoryOut(Schema):
    category: str
    rows: list[CompositionRowOut]


class DrawOut(Schema):
    id: int
    kind: str
    state: str  # committed, running, failed or drawn
    failure: str  # why the last attempt stored nothing, when it failed
    seed_commitment: str
    committed_at: datetime
    drawn_at: datetime | None
    seed: str | None  # shown once drawn
    minimum_probability: str | None
    verification_file: str | None  # the address of the file, once drawn


class PanelOut(Schema):
    id: int
    # Exactly one of the three is set: the panel's owner.
    procurement: int | None
    contract: int | None
    authority: int | None
    kind: str
    title: TranslatedOut
    purpose: TranslatedOut
    achievements: TranslatedOut
    seats: int
    deputies: int
    term_starts: date
    term_ends: date
    areas: list[str]
    call_open: bool
    quota_reason: str
    meetings: list[int]
    composition: list[CategoryOut]
    draws: list[DrawOut]


class SeatOut(Schema):
    id: int
    role: str
    code: str | None
    name: str
    contact: str
    started_at: datetime
    ended_at: datetime | None


class StaffVolunteerOut(Schema):
    code: str
    name: str
    contact: str
    withdrawn: bool
    drawn: bool
    background: dict[str, str]


class VolunteersOut(Schema):
    volunteers: list[StaffVolunteerOut]
    seats: list[SeatOut]


class MemberSeatOut(Schema):
    role: str
    started_at: datetime
    ended_at: datetime | None


class MeetingOut(Schema):
    id: int
    title: TranslatedOut
    starts_at: datetime | None
    place: str
    registration: bool
    page: str | None  # where to sign up, when the meeting takes sign-ups


class ProposalOut(Schema):
    statement: TranslatedOut
    status: str  # open, taken_up or not_taken_up
    status_reason: TranslatedOut


class MemberPageOut(Schema):
    panel: int
    title: TranslatedOut
    achievements: TranslatedOut
    seats: list[MemberSeatOut]
    meetings: list[MeetingOut]
    proposals: list[ProposalOut]
