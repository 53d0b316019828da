"""The JSON shapes of follow-up's /api/v1 endpoints."""

from __future__ import annotations

from ninja import Schema


class FollowUpIn(Schema):
    email: str = ""
    phone: str = ""


class FollowUpOut(Schema):
    following: bool


class UnsubscribeIn(Schema):
    token: str = ""


class UnsubscribeOut(Schema):
    status: str
