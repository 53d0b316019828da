"""The API schemas of alliance settlements."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema

from coprocure.api.schemas import TranslatedIn


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


class PartyPositionIn(Schema):
    party: int
    position: str = ""
    representative: str = ""
    view: str = ""


class LeadershipDecisionIn(Schema):
    """The contract decision's fields (as ``POST /contracts/{id}/decisions``), the matter, every
    party's position and, for a decision on cost categories, the agreed categories."""

    title: TranslatedIn = {}
    decided: TranslatedIn = {}
    reasoning: TranslatedIn = {}
    proposed_by: str = ""
    proposer_role: str = ""
    client_view: TranslatedIn = {}
    meeting: int | None = None
    accountable_official: int | None = None
    decided_on: str = ""
    is_confidential: bool = False
    confidentiality_reason: str = ""
    matter: str = ""
    categories: list[str] = []
    positions: list[PartyPositionIn] = []


class AuditorIn(Schema):
    user: int | None = None


class AuditorOut(Schema):
    id: int
    user: int

    @staticmethod
    def resolve_user(obj):
        return obj.user_id


class AuditReportIn(Schema):
    opinion: str = ""
    findings: str = ""
    audited_cost: Decimal | None = None


class AuditReportOut(Schema):
    id: int
    period: str
    opinion: str
    findings: str
    audited_cost: Decimal

    @staticmethod
    def resolve_period(obj):
        return obj.period.label
