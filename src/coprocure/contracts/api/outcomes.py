"""Key result areas and indicators, the outcomes dashboard, reports of measured values, and the
survey rounds of user-reported indicators."""

from __future__ import annotations

from ninja import File
from ninja.files import UploadedFile
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.errors import RowsRejected
from coprocure.interop import spreadsheets
from coprocure.ops.api import JobOut, job_out

from .. import selectors, services, tasks
from ..forms import IndicatorForm, KraForm, SurveyLinkForm, SurveyMeasureForm
from ..schemas import (
    IndicatorIn, IndicatorOut, KraIn, KraOut, MeasurementOut, OutcomeOut, ReportIn, ReportOut, SurveyLinkIn,
    SurveyMeasureIn, SurveyRoundOut,
)
from . import router
from ._common import contract_by_pk, indicator_by_pk, kra_by_pk, procurement_of


@router.get("/contracts/{pk}/kras", response={200: list[KraOut], **ERRORS}, auth=ANYONE)
@permitted(None, load=contract_by_pk)
def list_kras(request, pk: int):
    return list(selectors.kras_of(target(request)))


@router.post("/contracts/{pk}/kras", response={201: KraOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=contract_by_pk, of=procurement_of)
def add_kra(request, pk: int, payload: KraIn):
    return Status(201, services.add_kra(request.user, target(request), validated(KraForm, payload.dict())))


@router.post("/kras/{pk}/indicators", response={201: IndicatorOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=kra_by_pk, of=procurement_of)
def add_indicator(request, pk: int, payload: IndicatorIn):
    kra = target(request)
    data = validated(IndicatorForm, payload.dict(), contract=kra.contract)
    return Status(201, services.add_indicator(request.user, kra, data))


def _expected_out(reports) -> list[dict]:
    return [{"start": r.period.start, "end": r.period.end, "deadline": r.deadline} for r in reports]


@router.get("/contracts/{pk}/outcomes", response={200: list[OutcomeOut], **ERRORS}, auth=ANYONE)
@permitted(None, load=contract_by_pk)
def outcomes(request, pk: int):
    return [
        {"kra": area.kra.pk, "indicator": outcome.indicator, "level": outcome.level, "trend": outcome.trend,
         "measurements": outcome.measurements, "late": _expected_out(outcome.late),
         "missing": _expected_out(outcome.missing)}
        for area in selectors.outcome_areas(target(request)) for outcome in area.outcomes
    ]


@router.post("/contracts/{pk}/measurements", response={201: ReportOut, 200: ReportOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.report", load=contract_by_pk)
def report(request, pk: int, payload: ReportIn, dry_run: bool = False):
    """Report values, all or none. Rows are checked like a spreadsheet's: errors name the row
    as ``rows.N.field``, where the first row is number 2 (as under a header line)."""
    table = [["indicator", "period", "value", "unit"]] + [[r.indicator, r.period, str(r.value), r.unit] for r in payload.rows]
    return _stored_or_checked(request, table, "api", dry_run)


@router.post("/contracts/{pk}/measurements/upload", response={201: ReportOut, 200: ReportOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.report", load=contract_by_pk)
def upload_report(request, pk: int, file: UploadedFile = File(...), dry_run: bool = False):
    """A CSV (semicolons, comma decimals, UTF-8 or Windows-1252) or XLSX report file. A file over
    100 kB is refused (413): send it to ``POST /contracts/{pk}/measurements/imports``."""
    spreadsheets.refuse_large_in_request(file, f"/api/v1/contracts/{pk}/measurements/imports")
    return _stored_or_checked(request, spreadsheets.read_upload(file), "upload", dry_run)


@router.post("/contracts/{pk}/measurements/imports", response={202: JobOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.report", load=contract_by_pk)
def import_report(request, pk: int, file: UploadedFile = File(...)):
    """The same report file, of any size, stored by a worker: its size and type are checked now,
    its rows by the job. Follow it at ``GET /jobs/{id}``: ``done`` with ``outcome.imported``
    (values stored), or ``failed`` with ``reason`` ``rejected`` and ``outcome.errors`` named
    ``rows.N.field`` (nothing was stored)."""
    return Status(202, job_out(tasks.start_import(request.user, target(request), file)))


def _stored_or_checked(request, table, source: str, dry_run: bool):
    contract = target(request)
    rows, errors = services.check_report(contract, table)
    if errors:
        raise RowsRejected(errors)
    if not dry_run:
        services.report_measurements(request.user, contract, table, source=source)
    body = {"stored": not dry_run, "rows": [
        {"row": row.number, "indicator": row.indicator, "period_start": row.period.start, "period_end": row.period.end,
         "value": row.value} for row in rows]}
    return Status(200 if dry_run else 201, body)


def _round_out(survey_round, result=None, measured=False) -> dict:
    return {"survey": survey_round.survey_id, "question": survey_round.question_id,
            "period_start": survey_round.period_start, "period_end": survey_round.period_end,
            "answers": result.answers if result else 0, "value": result.value if result else None,
            "measured": measured}


@router.get("/indicators/{pk}/survey-rounds", response={200: list[SurveyRoundOut], **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=indicator_by_pk, of=procurement_of)
def survey_rounds(request, pk: int):
    return [_round_out(row.survey_round, row.result, row.measurement is not None)
            for row in selectors.survey_rounds(target(request))]


@router.post("/indicators/{pk}/survey-rounds", response={201: SurveyRoundOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=indicator_by_pk, of=procurement_of)
def link_survey(request, pk: int, payload: SurveyLinkIn):
    """Link the indicator to a 1–5 question of one of the procurement's surveys: its first round."""
    indicator = target(request)
    data = validated(SurveyLinkForm, payload.dict(), indicator=indicator)
    return Status(201, _round_out(services.link_survey_question(request.user, indicator, data)))


@router.post("/indicators/{pk}/survey-rounds/next", response={201: SurveyRoundOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=indicator_by_pk, of=procurement_of)
def open_next_round(request, pk: int):
    """Copy the last round's survey for the next period."""
    return Status(201, _round_out(services.open_next_round(request.user, target(request))))


@router.post("/indicators/{pk}/survey-measurements", response={201: MeasurementOut, **ERRORS}, auth=SIGNED_IN)
@permitted("contracts.manage", load=indicator_by_pk, of=procurement_of)
def record_survey_measurement(request, pk: int, payload: SurveyMeasureIn):
    """Store an ended period's mean as the indicator's value; 409 while too few people answered."""
    data = validated(SurveyMeasureForm, payload.dict())
    return Status(201, services.record_survey_measurement(request.user, target(request), data))
