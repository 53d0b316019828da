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
    reference: str
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


class IdeaOut(Schema):
    """An idea as anyone following it sees it: the text (as moderated), the staff's reason and
    what was done appear only once staff have checked the text."""

    reference: str
    contract: int
    status: str
    status_label: str
    submitted_on: date
    published_on: date | None
    text: str | None
    status_reason: TranslatedOut | None
    outcome: TranslatedOut | None

    @staticmethod
    def resolve_contract(obj):
        return obj.contract_id

    @staticmethod
    def resolve_status_label(obj):
        return str(obj.get_status_display())

    @staticmethod
    def resolve_text(obj):
        return obj.public_text if obj.published_on else None

    @staticmethod
    def resolve_status_reason(obj):
        return obj.status_reason if obj.published_on else None

    @staticmethod
    def resolve_outcome(obj):
        return obj.outcome if obj.published_on else None


class ProposalDecisionIn(Schema):
    status: str
    owner: int | None = None
    kras: list[int] = []
    outcome: TranslatedIn = {}
    status_reason: TranslatedIn = {}
