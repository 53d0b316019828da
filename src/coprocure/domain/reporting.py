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
from enum import StrEnum

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
