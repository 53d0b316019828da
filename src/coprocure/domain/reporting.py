"""When each indicator's report is expected, and which reports are late or missing.

An indicator is measured monthly, quarterly or yearly; the party named as its reporter reports
each period's value within ``REPORTING_DAYS`` of the period's end. A report not in by then is
*late*, and one still not in ``MISSING_AFTER_DAYS`` after its deadline is *missing*: by then
the steering group should hear of it, not only the reporter. A value that came in after the
deadline is *reported late*, which the dashboard shows so that reporting habits are visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .privacy import DEFAULT_K, reaches_k
from .spreadsheet import Period, due_periods

REPORTING_DAYS = 30
MISSING_AFTER_DAYS = 90


class ReportState(StrEnum):
    REPORTED = "reported"
    REPORTED_LATE = "reported_late"
    AWAITING = "awaiting"  # the period has ended and there is still time to report
    LATE = "late"
    MISSING = "missing"


# The states that still lack a value and need the reporter's attention.
OVERDUE = frozenset({ReportState.LATE, ReportState.MISSING})


@dataclass(frozen=True)
class ExpectedReport:
    period: Period
    deadline: date
    state: ReportState


def deadline(period: Period) -> date:
    return period.end + timedelta(days=REPORTING_DAYS)


def report_state(period: Period, reported_on: date | None, today: date) -> ReportState:
    due = deadline(period)
    if reported_on is not None:
        return ReportState.REPORTED if reported_on <= due else ReportState.REPORTED_LATE
    if today <= due:
        return ReportState.AWAITING
    if today <= due + timedelta(days=MISSING_AFTER_DAYS):
        return ReportState.LATE
    return ReportState.MISSING


def expected_reports(contract_start: date, contract_end: date, frequency: str, reported: dict[date, date],
                     today: date) -> list[ExpectedReport]:
    """Every period of the contract that has ended before today, oldest first, with its state.
    ``reported`` maps a period's first day to the day its value was reported."""
    return [ExpectedReport(period, deadline(period), report_state(period, reported.get(period.start), today))
            for period in due_periods(contract_start, contract_end, frequency, today)]


def overdue(reports: list[ExpectedReport]) -> list[ExpectedReport]:
    return [report for report in reports if report.state in OVERDUE]


@dataclass(frozen=True)
class SurveyValue:
    """A user-reported indicator's value for one period: the mean of the period's answers, or
    no value when fewer people answered than the smallest group shown (``suppressed``)."""

    answers: int
    value: Decimal | None
    k: int

    @property
    def suppressed(self) -> bool:
        return self.value is None


def survey_value(answers: int, mean: Decimal | None, k: int = DEFAULT_K) -> SurveyValue:
    """The mean of a few people's answers would tell who answered what, and would swing with
    one person's mood, so below ``k`` answers there is no value, only the flag."""
    if not reaches_k(answers, k) or mean is None:
        return SurveyValue(answers, None, k)
    return SurveyValue(answers, Decimal(mean).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), k)
