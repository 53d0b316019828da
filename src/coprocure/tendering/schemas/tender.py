"""The invitation to tender as the API shows it, and what preparing it takes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema

from coprocure.api.schemas import TranslatedIn, TranslatedOut

from .. import selectors


class CriterionOut(Schema):
    id: str
    name: TranslatedOut
    description: TranslatedOut
    weight: Decimal
    scale_max: int
    levels: dict[str, str]
    objectives: list[int]

    @staticmethod
    def resolve_id(obj):
        return obj.key

    @staticmethod
    def resolve_objectives(obj):
        return [objective.pk for objective in obj.objectives.all()]


class ObjectiveOut(Schema):
    id: int
    statement: TranslatedOut
    plain_summary: TranslatedOut
    agreed_how: TranslatedOut
    agreed_on: date | None
    insights: list[int]

    @staticmethod
    def resolve_insights(obj):
        return [insight.pk for insight in obj.insights.all()]


class ClarificationOut(Schema):
    id: int
    question: str
    answer: str
    answered_at: datetime | None


class LotOut(Schema):
    id: int
    number: int
    title: TranslatedOut
    description: TranslatedOut
    estimated_value: Decimal | None


class TenderOut(Schema):
    id: int
    procurement: int
    procedure: str
    service_description: TranslatedOut
    deadline: datetime
    consortia_allowed: bool
    quality_method: str
    tie_rule: str
    price_weight: Decimal
    complaint_days: int
    published_at: datetime | None
    # The first official's request to open the bids, waiting for a second official's confirmation.
    opening_requested_at: datetime | None = None
    opened_at: datetime | None
    # The SHA-256 of the draw's seed, fixed at the opening; the seed itself only in the award.
    draw_commitment: str = ""
    criteria: list[CriterionOut]
    lots: list[LotOut] = []
    objectives: list[ObjectiveOut]
    clarifications: list[ClarificationOut]

    @staticmethod
    def resolve_procurement(obj):
        return obj.procurement_id

    @staticmethod
    def resolve_procedure(obj):
        return obj.procurement.procedure

    @staticmethod
    def resolve_criteria(obj):
        return list(obj.criteria.all())

    @staticmethod
    def resolve_lots(obj):
        return list(obj.lots.all())

    @staticmethod
    def resolve_objectives(obj):
        return list(selectors.objectives_of(obj.procurement))

    @staticmethod
    def resolve_clarifications(obj):
        return list(obj.clarifications.all())


class CreatedOut(Schema):
    id: int


class ObjectiveIn(Schema):
    statement: TranslatedIn
    plain_summary: TranslatedIn = {}
    insights: list[int] = []
    agreed_how: TranslatedIn = {}
    agreed_on: date | None = None


class TenderIn(Schema):
    service_description: TranslatedIn
    deadline: datetime
    consortia_allowed: bool = False
    quality_method: str
    tie_rule: str
    price_weight: Decimal
    complaint_days: int | None = None


class CriterionIn(Schema):
    name: TranslatedIn
    description: TranslatedIn = {}
    weight: Decimal
    scale_max: int
    levels_text: str = ""
    objectives: list[int] = []


class LotIn(Schema):
    title: TranslatedIn
    description: TranslatedIn = {}
    estimated_value: Decimal | None = None


class QuestionIn(Schema):
    question: str


class AnswerIn(Schema):
    answer: str
