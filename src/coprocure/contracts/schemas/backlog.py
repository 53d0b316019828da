"""Development proposals from the public and what staff decide about them."""

from __future__ import annotations

from datetime import date

from ninja import Schema

from coprocure.api.schemas import TranslatedIn, TranslatedOut


class ProposalIn(Schema):
    text: str
    proposer_kind: str
    token: str = ""


class ProposalOut(Schema):
    id: int
    text: str  # as moderated: hidden parts replaced by a marker with the reason
    proposer_kind: str
    submitted_on: date
    status: str
    status_reason: TranslatedOut
    outcome: TranslatedOut
    kras: list[int]

    @staticmethod
    def resolve_kras(obj):
        return [kra.pk for kra in obj.kras.all()]

    @staticmethod
    def resolve_text(obj):
        return obj.public_text


class ProposalDecisionIn(Schema):
    status: str
    owner: int | None = None
    kras: list[int] = []
    outcome: TranslatedIn = {}
    status_reason: TranslatedIn = {}
