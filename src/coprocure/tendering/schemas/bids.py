"""Bids and their attachments. Before opening no schema here carries a bid's price or answers:
``BidOut.price`` is asked of the visibility policy and stays null."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ninja import Schema

from coprocure.core import visibility
from coprocure.domain import attachments as attachment_rules


class MemberOut(Schema):
    organisation: int
    name: str
    role: str

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation_id

    @staticmethod
    def resolve_name(obj):
        return obj.organisation.name


class BidOut(Schema):
    """Who bid and when. ``price`` stays null until the bids are opened."""

    id: int
    lead: int
    lead_name: str
    lot: int | None = None
    members: list[MemberOut]
    submitted_at: datetime
    withdrawn: bool
    price: Decimal | None
    exclusion_reason: str
    failed_requirement: int | None = None

    @staticmethod
    def resolve_lead(obj):
        return obj.lead_id

    @staticmethod
    def resolve_lead_name(obj):
        return obj.lead.name

    @staticmethod
    def resolve_lot(obj):
        return obj.lot.number if obj.lot_id else None

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.all())

    @staticmethod
    def resolve_withdrawn(obj):
        return obj.is_withdrawn

    @staticmethod
    def resolve_price(obj, context):
        return visibility.shown(context["request"].user, obj, "price")


class AttachmentNameOut(Schema):
    id: int
    name: str
    content_type: str

    @staticmethod
    def resolve_content_type(obj):
        return attachment_rules.KINDS[obj.kind][0]


class BidContentOut(BidOut):
    """An opened bid: what it offers and the files it came with."""

    answers: dict[str, str]
    attachments: list[AttachmentNameOut]

    @staticmethod
    def resolve_answers(obj):
        return obj.answers or {}

    @staticmethod
    def resolve_attachments(obj):
        return list(obj.attachments.all())


class MemberIn(Schema):
    organisation: int
    role: str


class BidIn(Schema):
    price: Decimal
    answers: dict[str, str] = {}
    members: list[MemberIn] = []
    lot: int | None = None


class AttachmentOut(Schema):
    """A sealed attachment as its bidder sees it: that it exists and when it was added."""

    id: int
    added_at: datetime
