"""/api/v1 endpoints for the contract period: the same forms and services as the web UI."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Field, File, Router, Schema
from ninja.decorators import decorate_view
from ninja.files import UploadedFile
from ninja.responses import Status

from coprocure.api.auth import ANYONE, PUBLIC_WRITE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS, ErrorOut, TranslatedIn, TranslatedOut
from coprocure.core import visibility
from coprocure.core.moderation import RedactionForm
from coprocure.web.ratelimit import rate_limited
from coprocure.core.selectors import visible_procurement
from coprocure.domain.errors import DomainError
from coprocure.errors import RowsRejected, ServiceError

from coprocure.tendering import selectors as tendering_selectors

from coprocure.interop import spreadsheets

from . import award, selectors, services
from .forms import (
    CORRECTIONS, SurveyLinkForm, SurveyMeasureForm,
    AmendmentForm, CompensationForm, ContractForm, DecisionForm, DocumentForm, IndicatorForm, KraForm, MeetingForm, MemberForm,
    MinutesForm, PartyForm, PositionForm, ProposalDecisionForm, ProposalForm,
)

router = Router(tags=["contracts"])


class PartyOut(Schema):
    id: int
    name: str
    role: str
    consortium_role: str
    organisation: int | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation_id


class DocumentOut(Schema):
    title: str
    url: str


class AmendmentOut(Schema):
    version: int
    summary: TranslatedOut
    reason: TranslatedOut
    decision: int
    new_ends_on: date | None

    @staticmethod
    def resolve_decision(obj):
        return obj.decision_id


class MemberOut(Schema):
    id: int
    name: str
    role: str
    organisation: int | None
    term_starts: date
    term_ends: date | None
    deputy_for: int | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation_id

    @staticmethod
    def resolve_deputy_for(obj):
        return obj.deputy_for_id


class MeetingOut(Schema):
    id: int
    starts_at: datetime
    place: str
    agenda: TranslatedOut | None
    agenda_published_at: datetime | None
    materials: list[DocumentOut]


def _carried_over(contract):
    # Both fields come from one read per contract.
    if not hasattr(contract, "_carried_over"):
        contract._carried_over = selectors.carried_over(contract)
    return contract._carried_over


class ObjectiveOut(Schema):
    id: int
    statement: TranslatedOut


class CriterionOut(Schema):
    id: int
    name: TranslatedOut
    weight: Decimal
    objectives: list[int]

    @staticmethod
    def resolve_objectives(obj):
        return [objective.pk for objective in obj.objectives.all()]


class ContractOut(Schema):
    id: int
    procurement: int
    kind: str
    title: TranslatedOut
    description: TranslatedOut
    starts_on: date
    ends_on: date
    options: TranslatedOut
    version: int
    parties: list[PartyOut]
    documents: list[DocumentOut]
    amendments: list[AmendmentOut]
    steering_group: list[MemberOut]
    objectives: list[ObjectiveOut] = Field(description="the tender's objectives, carried over to the contract")
    criteria: list[CriterionOut] = Field(description="the tender's quality criteria and the objectives each serves")

    @staticmethod
    def resolve_procurement(obj):
        return obj.procurement_id

    @staticmethod
    def resolve_objectives(obj):
        return _carried_over(obj).objectives

    @staticmethod
    def resolve_criteria(obj):
        return _carried_over(obj).criteria

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_documents(obj):
        return list(obj.documents.all())

    @staticmethod
    def resolve_amendments(obj):
        return list(obj.amendments.all())

    @staticmethod
    def resolve_steering_group(obj):
        return list(obj.steering_members.all())


class PositionOut(Schema):
    member: int
    name: str
    role: str
    position: str
    view: str
    client_view: bool


class DecisionOut(Schema):
    id: int
    number: int
    decided_on: date
    is_confidential: bool
    confidentiality_reason: str
    accountable_official: int
    title: TranslatedOut | None = None
    decided: TranslatedOut | None = None
    reasoning: TranslatedOut | None = None
    proposed_by: str | None = None
    proposer_role: str | None = None
    client_view: TranslatedOut | None = None
    meeting: int | None = None
    positions: list[PositionOut] = []


class CreatedOut(Schema):
    id: int


class ContractIn(Schema):
    kind: str
    title: TranslatedIn
    description: TranslatedIn = {}
    starts_on: date
    ends_on: date
    options: TranslatedIn = {}


class PartyIn(Schema):
    role: str
    organisation: int | None = None
    name: str = ""
    consortium_role: str = ""


class DocumentIn(Schema):
    title: str
    url: str


class AmendmentIn(Schema):
    summary: TranslatedIn
    reason: TranslatedIn
    decision: int
    new_ends_on: date | None = None


class MemberIn(Schema):
    name: str
    role: str
    organisation: int | None = None
    user: int | None = None
    term_starts: date
    term_ends: date | None = None
    deputy_for: int | None = None


class MaterialIn(Schema):
    title: str
    url: str


class MeetingIn(Schema):
    starts_at: datetime
    place: str = ""
    agenda: TranslatedIn
    materials: list[MaterialIn] = []


class MinutesIn(Schema):
    minutes: TranslatedIn
    attendees: list[int] = []


class CompensationIn(Schema):
    member: int
    hours: Decimal
    fee: Decimal


class CompensationOut(Schema):
    member: int
    hours: Decimal
    fee: Decimal


class DecisionIn(Schema):
    title: TranslatedIn
    decided: TranslatedIn
    reasoning: TranslatedIn
    proposed_by: str
    proposer_role: str
    client_view: TranslatedIn = {}
    meeting: int | None = None
    accountable_official: int | None = None
    decided_on: date
    is_confidential: bool = False
    confidentiality_reason: str = ""


def _meeting_out(user, meeting) -> dict:
    public = visibility.may_show(user, meeting, "agenda")
    return {"id": meeting.pk, "starts_at": meeting.starts_at, "place": meeting.place,
            "agenda": meeting.agenda if public else None, "agenda_published_at": meeting.agenda_published_at,
            "materials": meeting.materials if public else []}


def position_out(position) -> dict:
    return {"member": position.member_id, "name": position.member.name, "role": position.member.role,
            "position": position.position, "view": position.view, "client_view": position.is_client_view}


def decision_out(user, decision) -> dict:
    """A confidential decision shows only that it exists, when, its legal reason and who is
    accountable; the rest is shown as the visibility policy decides."""
    result = {"id": decision.pk, "number": decision.number, "decided_on": decision.decided_on,
              "is_confidential": decision.is_confidential, "confidentiality_reason": decision.confidentiality_reason,
              "accountable_official": decision.accountable_official_id}
    if visibility.may_show(user, decision, "decided"):
        result.update({"title": decision.title, "decided": decision.decided, "reasoning": decision.reasoning,
                       "proposed_by": decision.proposed_by, "proposer_role": decision.proposer_role,
                       "client_view": decision.client_view, "meeting": decision.meeting_id,
                       "positions": [position_out(position) for position in decision.positions.all()]})
    return result


def _manageable(request, pk: int, permission: str = "contracts.manage"):
    contract = selectors.visible_contract(request.user, pk)
    if not request.user.has_perm(permission, contract.procurement):
        raise PermissionDenied(permission)
    return contract


@router.post("/procurements/{pk}/contracts", response={201: ContractOut, **ERRORS}, auth=SIGNED_IN)
def create_contract(request, pk: int, payload: ContractIn):
    procurement = visible_procurement(request.user, pk)
    if not request.user.has_perm("contracts.manage", procurement):
        raise PermissionDenied
    contract = services.create_contract(request.user, procurement, validated(ContractForm, payload.dict()))
    return Status(201, selectors.contract_page(contract.pk))


@router.get("/contracts/{pk}", response={200: ContractOut, **ERRORS}, auth=ANYONE)
def get_contract(request, pk: int):
    return selectors.visible_contract(request.user, pk)


@router.post("/contracts/{pk}/parties", response={201: PartyOut, **ERRORS}, auth=SIGNED_IN)
def add_party(request, pk: int, payload: PartyIn):
    contract = _manageable(request, pk)
    return Status(201, services.add_party(request.user, contract, validated(PartyForm, payload.dict())))


@router.post("/contracts/{pk}/documents", response={201: DocumentOut, **ERRORS}, auth=SIGNED_IN)
def add_document(request, pk: int, payload: DocumentIn):
    contract = _manageable(request, pk)
    return Status(201, services.add_document(request.user, contract, validated(DocumentForm, payload.dict())))


@router.post("/contracts/{pk}/amendments", response={201: AmendmentOut, **ERRORS}, auth=SIGNED_IN)
def amend_contract(request, pk: int, payload: AmendmentIn):
    contract = _manageable(request, pk)
    data = validated(AmendmentForm, payload.dict(), contract=contract)
    return Status(201, services.amend_contract(request.user, contract, data))


@router.post("/contracts/{pk}/steering-group", response={201: MemberOut, **ERRORS}, auth=SIGNED_IN)
def add_member(request, pk: int, payload: MemberIn):
    contract = _manageable(request, pk)
    data = validated(MemberForm, payload.dict(), contract=contract)
    return Status(201, services.add_member(request.user, contract, data))


@router.get("/contracts/{pk}/meetings", response={200: list[MeetingOut], **ERRORS}, auth=ANYONE)
def list_meetings(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    return [_meeting_out(request.user, meeting) for meeting in contract.meetings.all()]


@router.post("/contracts/{pk}/meetings", response={201: MeetingOut, **ERRORS}, auth=SIGNED_IN)
def schedule_meeting(request, pk: int, payload: MeetingIn):
    contract = _manageable(request, pk)
    body = payload.dict()
    body["materials"] = "\n".join(f"{item['title']} | {item['url']}" for item in body["materials"])
    meeting = services.schedule_meeting(request.user, contract, validated(MeetingForm, body))
    return Status(201, _meeting_out(request.user, meeting))


def _managed_meeting(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    if not request.user.has_perm("contracts.manage", meeting.contract.procurement):
        raise PermissionDenied("contracts.manage")
    return meeting


@router.post("/meetings/{pk}/publish", response={200: MeetingOut, **ERRORS}, auth=SIGNED_IN)
def publish_agenda(request, pk: int):
    return _meeting_out(request.user, services.publish_agenda(request.user, _managed_meeting(request, pk)))


@router.post("/meetings/{pk}/minutes", response={200: MeetingOut, **ERRORS}, auth=SIGNED_IN)
def record_minutes(request, pk: int, payload: MinutesIn):
    meeting = _managed_meeting(request, pk)
    data = validated(MinutesForm, payload.dict(), instance=meeting)
    return _meeting_out(request.user, services.record_minutes(request.user, meeting, data))


@router.post("/meetings/{pk}/compensations", response={201: CompensationOut, **ERRORS}, auth=SIGNED_IN)
def record_compensation(request, pk: int, payload: CompensationIn):
    meeting = _managed_meeting(request, pk)
    data = validated(CompensationForm, payload.dict(), meeting=meeting)
    compensation = services.record_compensation(request.user, meeting, data)
    return Status(201, {"member": compensation.member_id, "hours": compensation.hours, "fee": compensation.fee})


@router.get("/contracts/{pk}/decisions", response={200: list[DecisionOut], **ERRORS}, auth=ANYONE)
def list_decisions(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    return [decision_out(request.user, decision) for decision in selectors.decisions_of(contract)]


@router.post("/contracts/{pk}/decisions", response={201: DecisionOut, **ERRORS}, auth=SIGNED_IN)
def record_decision(request, pk: int, payload: DecisionIn):
    contract = _manageable(request, pk, "contracts.decide")
    data = validated(DecisionForm, payload.dict(), contract=contract)
    return Status(201, decision_out(request.user, services.record_decision(request.user, contract, data)))


class PositionIn(Schema):
    member: int | None = None
    position: str = ""
    view: str = ""


@router.post("/decisions/{pk}/positions", response={201: PositionOut, **ERRORS}, auth=SIGNED_IN)
def record_position(request, pk: int, payload: PositionIn):
    decision = selectors.visible_decision(request.user, pk)
    if not request.user.has_perm("contracts.decide", decision.contract.procurement):
        raise PermissionDenied("contracts.decide")
    data = validated(PositionForm, payload.dict(), decision=decision)
    return Status(201, position_out(services.record_position(request.user, decision, data)))


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


class RedactionIn(Schema):
    start: int | None = None
    end: int | None = None
    passage: str = ""
    reason: str = ""


class ProposalDecisionIn(Schema):
    status: str
    owner: int | None = None
    kras: list[int] = []
    outcome: TranslatedIn = {}
    status_reason: TranslatedIn = {}


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


def _expected_out(reports) -> list[dict]:
    return [{"start": r.period.start, "end": r.period.end, "deadline": r.deadline} for r in reports]


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


@router.post("/contracts/{pk}/proposals", response={201: ProposalOut, **ERRORS, 429: ErrorOut}, auth=PUBLIC_WRITE)
@decorate_view(rate_limited("proposal"))
def submit_proposal(request, pk: int, payload: ProposalIn):
    """Anyone may send an idea; without sign-in it is stored anonymously (no user, no address)."""
    contract = selectors.visible_contract(request.user, pk)
    data = validated(ProposalForm, payload.dict())
    submitter = request.user if request.user.is_authenticated else None
    return Status(201, services.submit_proposal(contract, data, submitter))


@router.get("/contracts/{pk}/you-said-we-did", response={200: list[ProposalOut], **ERRORS}, auth=ANYONE)
def trail(request, pk: int):
    return list(selectors.trail_of(selectors.visible_contract(request.user, pk)))


@router.post("/proposals/{pk}/decision", response={200: ProposalOut, **ERRORS}, auth=SIGNED_IN)
def decide_proposal(request, pk: int, payload: ProposalDecisionIn):
    proposal = selectors.visible_proposal(request.user, pk)
    if not request.user.has_perm("contracts.manage", proposal.contract.procurement):
        raise PermissionDenied("contracts.manage")
    data = validated(ProposalDecisionForm, payload.dict(), instance=proposal)
    return services.decide_proposal(request.user, proposal, data)


@router.post("/proposals/{pk}/redactions", response={201: ProposalOut, **ERRORS}, auth=SIGNED_IN)
def redact_proposal(request, pk: int, payload: RedactionIn):
    """Hide part of a proposal's public text: ``{"start": 10, "end": 24, "reason": "personal_data"}``
    or ``{"passage": "...", "reason": ...}``; a range outside the text is 422 ``redaction_out_of_range``."""
    proposal = selectors.visible_proposal(request.user, pk)
    if not request.user.has_perm("contracts.manage", proposal.contract.procurement):
        raise PermissionDenied
    data = validated(RedactionForm, payload.dict(), text=proposal.text)
    return Status(201, services.redact_proposal(request.user, proposal, data))


@router.get("/contracts/{pk}/kras", response={200: list[KraOut], **ERRORS}, auth=ANYONE)
def list_kras(request, pk: int):
    return list(selectors.kras_of(selectors.visible_contract(request.user, pk)))


@router.post("/contracts/{pk}/kras", response={201: KraOut, **ERRORS}, auth=SIGNED_IN)
def add_kra(request, pk: int, payload: KraIn):
    contract = _manageable(request, pk)
    return Status(201, services.add_kra(request.user, contract, validated(KraForm, payload.dict())))


@router.post("/kras/{pk}/indicators", response={201: IndicatorOut, **ERRORS}, auth=SIGNED_IN)
def add_indicator(request, pk: int, payload: IndicatorIn):
    kra = selectors.visible_kra(request.user, pk)
    if not request.user.has_perm("contracts.manage", kra.contract.procurement):
        raise PermissionDenied("contracts.manage")
    data = validated(IndicatorForm, payload.dict(), contract=kra.contract)
    return Status(201, services.add_indicator(request.user, kra, data))


@router.get("/contracts/{pk}/outcomes", response={200: list[OutcomeOut], **ERRORS}, auth=ANYONE)
def outcomes(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    return [
        {"kra": area.kra.pk, "indicator": outcome.indicator, "level": outcome.level, "trend": outcome.trend,
         "measurements": outcome.measurements, "late": _expected_out(outcome.late),
         "missing": _expected_out(outcome.missing)}
        for area in selectors.outcome_areas(contract) for outcome in area.outcomes
    ]


def _reporter(request, pk: int):
    contract = selectors.visible_contract(request.user, pk)
    if not request.user.has_perm("contracts.report", contract):
        raise PermissionDenied("contracts.report")
    return contract


@router.post("/contracts/{pk}/measurements", response={201: ReportOut, 200: ReportOut, **ERRORS}, auth=SIGNED_IN)
def report(request, pk: int, payload: ReportIn, dry_run: bool = False):
    """Report values, all or none. Rows are checked like a spreadsheet's: errors name the row
    as ``rows.N.field``, where the first row is number 2 (as under a header line)."""
    contract = _reporter(request, pk)
    table = [["indicator", "period", "value", "unit"]] + [[r.indicator, r.period, str(r.value), r.unit] for r in payload.rows]
    return _stored_or_checked(request, contract, table, "api", dry_run)


@router.post("/contracts/{pk}/measurements/upload", response={201: ReportOut, 200: ReportOut, **ERRORS}, auth=SIGNED_IN)
def upload_report(request, pk: int, file: UploadedFile = File(...), dry_run: bool = False):
    """A CSV (semicolons, comma decimals, UTF-8 or Windows-1252) or XLSX report file."""
    contract = _reporter(request, pk)
    table = spreadsheets.read_upload(file)
    return _stored_or_checked(request, contract, table, "upload", dry_run)


def _stored_or_checked(request, contract, table, source: str, dry_run: bool):
    rows, errors = services.check_report(contract, table)
    if errors:
        raise RowsRejected(errors)
    if not dry_run:
        services.report_measurements(request.user, contract, table, source=source)
    body = {"stored": not dry_run, "rows": [
        {"row": row.number, "indicator": row.indicator, "period_start": row.period.start, "period_end": row.period.end,
         "value": row.value} for row in rows]}
    return Status(200 if dry_run else 201, body)


# User-reported indicators: rounds of a short recurring survey whose period mean becomes the value.
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


def _round_out(survey_round, result=None, measured=False) -> dict:
    return {"survey": survey_round.survey_id, "question": survey_round.question_id,
            "period_start": survey_round.period_start, "period_end": survey_round.period_end,
            "answers": result.answers if result else 0, "value": result.value if result else None,
            "measured": measured}


def _survey_indicator(request, pk: int):
    indicator = selectors.visible_indicator(request.user, pk)
    if not request.user.has_perm("contracts.manage", indicator.kra.contract.procurement):
        raise PermissionDenied("contracts.manage")
    return indicator


@router.get("/indicators/{pk}/survey-rounds", response={200: list[SurveyRoundOut], **ERRORS}, auth=SIGNED_IN)
def survey_rounds(request, pk: int):
    indicator = _survey_indicator(request, pk)
    return [_round_out(row.survey_round, row.result, row.measurement is not None)
            for row in selectors.survey_rounds(indicator)]


@router.post("/indicators/{pk}/survey-rounds", response={201: SurveyRoundOut, **ERRORS}, auth=SIGNED_IN)
def link_survey(request, pk: int, payload: SurveyLinkIn):
    """Link the indicator to a 1–5 question of one of the procurement's surveys: its first round."""
    indicator = _survey_indicator(request, pk)
    data = validated(SurveyLinkForm, payload.dict(), indicator=indicator)
    return Status(201, _round_out(services.link_survey_question(request.user, indicator, data)))


@router.post("/indicators/{pk}/survey-rounds/next", response={201: SurveyRoundOut, **ERRORS}, auth=SIGNED_IN)
def open_next_round(request, pk: int):
    """Copy the last round's survey for the next period."""
    indicator = _survey_indicator(request, pk)
    return Status(201, _round_out(services.open_next_round(request.user, indicator)))


@router.post("/indicators/{pk}/survey-measurements", response={201: MeasurementOut, **ERRORS}, auth=SIGNED_IN)
def record_survey_measurement(request, pk: int, payload: SurveyMeasureIn):
    """Store an ended period's mean as the indicator's value; 409 while too few people answered."""
    indicator = _survey_indicator(request, pk)
    data = validated(SurveyMeasureForm, payload.dict())
    return Status(201, services.record_survey_measurement(request.user, indicator, data))


# Corrections of records entered by mistake, through the same forms and rules as the web pages.
def _correctable(request, kind: str, pk: int):
    model, form_class, needs_contract = CORRECTIONS[kind]
    record, contract = selectors.visible_record(request.user, model, pk)
    if not request.user.has_perm("contracts.manage", contract.procurement):
        raise PermissionDenied("contracts.manage")
    return record, form_class, ({"contract": contract} if needs_contract else {})


def _correct(request, kind: str, pk: int, payload: Schema):
    record, form_class, extra = _correctable(request, kind, pk)
    data = validated(form_class, payload.dict(), instance=record, **extra)
    return services.correct(request.user, record, data)


def _remove(request, kind: str, pk: int):
    record, _form_class, _extra = _correctable(request, kind, pk)
    services.remove(request.user, record)
    return Status(204, None)


@router.put("/steering-members/{pk}", response={200: MemberOut, **ERRORS}, auth=SIGNED_IN)
def correct_member(request, pk: int, payload: MemberIn):
    return _correct(request, "member", pk, payload)


@router.delete("/steering-members/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
def remove_member(request, pk: int):
    return _remove(request, "member", pk)


@router.put("/meetings/{pk}", response={200: MeetingOut, **ERRORS}, auth=SIGNED_IN)
def correct_meeting(request, pk: int, payload: MeetingIn):
    return _correct(request, "meeting", pk, payload)


@router.delete("/meetings/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
def remove_meeting(request, pk: int):
    return _remove(request, "meeting", pk)


@router.put("/kras/{pk}", response={200: KraOut, **ERRORS}, auth=SIGNED_IN)
def correct_kra(request, pk: int, payload: KraIn):
    return _correct(request, "kra", pk, payload)


@router.delete("/kras/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
def remove_kra(request, pk: int):
    return _remove(request, "kra", pk)


@router.put("/indicators/{pk}", response={200: IndicatorOut, **ERRORS}, auth=SIGNED_IN)
def correct_indicator(request, pk: int, payload: IndicatorIn):
    return _correct(request, "indicator", pk, payload)


@router.delete("/indicators/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
def remove_indicator(request, pk: int):
    return _remove(request, "indicator", pk)


@router.put("/contract-documents/{pk}", response={200: DocumentOut, **ERRORS}, auth=SIGNED_IN)
def correct_document(request, pk: int, payload: DocumentIn):
    return _correct(request, "document", pk, payload)


@router.delete("/contract-documents/{pk}", response={204: None, **ERRORS}, auth=SIGNED_IN)
def remove_document(request, pk: int):
    return _remove(request, "document", pk)


@router.post("/tenders/{pk}/contract", response={201: CreatedOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.decide", load=by_pk(tendering_selectors.visible_tender), of=lambda tender: tender.procurement)
def conclude_award(request, pk: int, payload: ContractIn):
    """After the standstill, the contract with the winner (``description`` and ``options`` optional).
    The procurement moves to the contract phase; 409 during the standstill or while a complaint waits."""
    decision = tendering_selectors.published_award(target(request))
    data = validated(ContractForm, payload.dict())
    return Status(201, {"id": award.conclude_award(request.user, decision, data).pk})
