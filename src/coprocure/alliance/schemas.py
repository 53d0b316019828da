"""The API schemas of alliance settlements."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema


class PeriodIn(Schema):
    label: str = ""
    starts_on: str = ""
    ends_on: str = ""
    target_cost: str = ""
    fee_kind: str = ""
    fee_amount: str = ""
    gain_share: str = ""
    pain_share: str = ""
    gain_cap: str | None = None
    pain_cap: str | None = None
    kra_bonus_pool: str = ""
    kra_sanction_pool: str = ""
    missing_kra: str = "minimum"
    downside_beyond_fee: bool = False
    split: dict[str, str] = {}  # provider party id -> percent


class PeriodOut(Schema):
    id: int
    label: str


class CostLineIn(Schema):
    amount: Decimal | None = None
    category: str = ""
    evidence: str = ""


class CostDecisionIn(Schema):
    approve: str = ""
    reason: str = ""


class CostLineOut(Schema):
    id: int
    amount: Decimal
    category: str
    evidence: str
    status: str
    reason: str


class StatementOut(Schema):
    id: int
    period: str
    payment: str

    @staticmethod
    def resolve_period(obj):
        return obj.period.label

    @staticmethod
    def resolve_payment(obj):
        return obj.document["payment"]
