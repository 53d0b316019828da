"""The JSON shapes of organisations, procurements, their phase changes and roles in /api/v1."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from coprocure.api.schemas import TranslatedIn, TranslatedOut
from coprocure.domain.lifecycle import Phase


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    business_id: str | None
    municipality: str


class OrganisationIn(Schema):
    name: str
    kind: str
    business_id: str | None = None
    municipality: str = ""
    postcode: str = ""
    # NUTS 3 (NUTS 2024) code of the organisation's region, e.g. FI19B; the EU notices name it.
    nuts_region: str = ""
    website: str = ""


class PhaseChangeOut(Schema):
    source: str
    target: str
    reason: str
    changed_at: datetime


class ProcurementOut(Schema):
    id: int
    reference: str
    authority: OrganisationOut
    title: TranslatedOut
    summary: TranslatedOut
    plain_summary: TranslatedOut
    service_area: str
    procedure: str
    intended_contract_kind: str
    target_groups: list[str]
    estimated_value: Decimal | None
    phase: str
    is_public: bool
    accountable_official: int | None = Field(None, alias="accountable_official_id")
    partnership_4p: TranslatedOut
    co_production: TranslatedOut
    outcome_based: TranslatedOut
    phase_changes: list[PhaseChangeOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_target_groups(obj):
        return [group.code for group in obj.target_groups.all()]

    @staticmethod
    def resolve_phase_changes(obj):
        return list(obj.phase_changes.all())


class ProcurementIn(Schema):
    title: TranslatedIn
    summary: TranslatedIn
    plain_summary: TranslatedIn | None = None
    service_area: str
    procedure: str
    intended_contract_kind: str = ""
    target_groups: list[str] = []
    estimated_value: Decimal | None = None
    is_public: bool = True
    accountable_official: int | None = None
    partnership_4p: TranslatedIn | None = None
    co_production: TranslatedIn | None = None
    outcome_based: TranslatedIn | None = None

    @classmethod
    def of(cls, procurement) -> dict:
        """A saved procurement as this input, so that a partial update can be validated whole."""
        current = {name: getattr(procurement, name) for name in cls.model_fields
                   if name not in {"target_groups", "accountable_official"}}
        current["target_groups"] = [group.code for group in procurement.target_groups.all()]
        current["accountable_official"] = procurement.accountable_official_id
        return current


class ProcurementPatch(Schema):
    title: TranslatedIn | None = None
    summary: TranslatedIn | None = None
    plain_summary: TranslatedIn | None = None
    service_area: str | None = None
    procedure: str | None = None
    intended_contract_kind: str | None = None
    target_groups: list[str] | None = None
    estimated_value: Decimal | None = None
    is_public: bool | None = None
    accountable_official: int | None = None
    partnership_4p: TranslatedIn | None = None
    co_production: TranslatedIn | None = None
    outcome_based: TranslatedIn | None = None


class PhaseChangeIn(Schema):
    target: Phase | str
    reason: str = ""


class RoleIn(Schema):
    user: str = Field(..., description="the person's username")
    role: str


class RoleOut(Schema):
    user: int = Field(..., alias="user_id")
    name: str
    role: str

    @staticmethod
    def resolve_name(obj):
        return str(obj.user)


class MyParticipationOut(Schema):
    """What the signed-in person takes part in, as "My participation" shows it: each list holds
    the same records as the matching section of the "My data" download."""

    sign_ups: list[dict]
    survey_answers: list[dict]
    ideas: list[dict]
    panel_seats: list[dict]
    follow_up: list[dict]


class KnownAccessibilityIssueOut(Schema):
    description: TranslatedOut
    criterion: str
    workaround: TranslatedOut


class AutomatedCheckOut(Schema):
    """One automated check of the summary the tests record (``axe``, ``html``, ``reflow``)."""

    name: str
    tool: str
    pages: int
    violations: int
    checked_on: date
    languages: list[str]


class AccessibilityStatementOut(Schema):
    """The statement as published. ``conformance`` is derived by one rule (domain/conformance.py)
    from the automated checks, the open known issues and the status a person last declared
    (``declared_conformance``, null until an assessment is recorded); ``conformance_reasons``
    say why it is not ``full``."""

    conformance: str
    conformance_reasons: list[str]
    declared_conformance: str | None
    automated_checks: list[AutomatedCheckOut]
    assessed_on: date | None
    method: TranslatedOut
    contact_email: str | None
    known_issues: list[KnownAccessibilityIssueOut]
    supervisory_authority: str


class AccessibilityFeedbackIn(Schema):
    message: str
    page: str = ""
    contact: str = ""


class AccessibilityFeedbackOut(Schema):
    received_on: date
    answer_by: date


class PersonalDataNoticeOut(Schema):
    data: str
    why: str
    kept: str


class ProcurementControllerOut(Schema):
    procurement: int
    reference: str
    controller: str


class PrivacyNoticeOut(Schema):
    personal_data: list[PersonalDataNoticeOut]
    controllers: list[ProcurementControllerOut]
