"""Key result areas, indicators, measurements, reports and the survey rounds of user-reported indicators."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from coprocure.api.schemas import TranslatedIn, TranslatedOut


class KraIn(Schema):
    name: TranslatedIn
    description: TranslatedIn = {}
    weight: Decimal


class IndicatorIn(Schema):
    code: str
    name: TranslatedIn
    unit: str
    direction: str
    baseline: Decimal | None = None
    minimum: Decimal
    target: Decimal
    excellent: Decimal
    frequency: str
    data_source: str
    reported_by: int | None = None


class MeasurementOut(Schema):
    period_start: date
    period_end: date
    value: Decimal


class IndicatorOut(Schema):
    id: int
    code: str
    name: TranslatedOut
    unit: str
    direction: str
    baseline: Decimal | None
    minimum: Decimal
    target: Decimal
    excellent: Decimal
    frequency: str
    data_source: str
    reported_by: int | None

    @staticmethod
    def resolve_reported_by(obj):
        return obj.reported_by_id


class KraOut(Schema):
    id: int
    name: TranslatedOut
    description: TranslatedOut
    weight: Decimal
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_indicators(obj):
        return list(obj.indicators.all())


class ExpectedReportOut(Schema):
    start: date
    end: date
    deadline: date


class OutcomeOut(Schema):
    kra: int
    indicator: IndicatorOut
    level: Decimal | None
    trend: str
    measurements: list[MeasurementOut]
    late: list[ExpectedReportOut]
    missing: list[ExpectedReportOut]


class ReportRowIn(Schema):
    indicator: str
    period: str
    value: str | Decimal
    unit: str = ""


class ReportIn(Schema):
    rows: list[ReportRowIn]


class ReportRowOut(Schema):
    row: int
    indicator: str
    period_start: date
    period_end: date
    value: Decimal


class ReportOut(Schema):
    stored: bool
    rows: list[ReportRowOut]


class SurveyLinkIn(Schema):
    question: int
    period_start: date


class SurveyMeasureIn(Schema):
    period_start: date


class SurveyRoundOut(Schema):
    survey: int
    question: int
    period_start: date
    period_end: date
    answers: int
    value: Decimal | None = Field(description="the period's mean; null while fewer people answered than the privacy threshold")
    measured: bool
