from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import privacy, reporting
from coprocure.domain.reporting import ReportState
from coprocure.domain.spreadsheet import Period

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
frequencies = st.sampled_from(["monthly", "quarterly", "yearly"])


@given(days, st.integers(min_value=1, max_value=2000), frequencies, days, st.data())
def test_expected_periods_follow_each_other_inside_the_contract_and_have_ended(start, length, frequency, today, data):
    end = start + timedelta(days=length)
    reports = reporting.expected_reports(start, end, frequency, {}, today)
    for report in reports:
        assert report.period.end < today and report.period.start <= end and report.period.end >= start
        assert report.deadline == report.period.end + timedelta(days=reporting.REPORTING_DAYS)
    for earlier, later in zip(reports, reports[1:]):
        assert later.period.start == earlier.period.end + timedelta(days=1)
    # Reporting a period moves it out of the overdue list and touches no other period.
    if reports:
        chosen = data.draw(st.sampled_from(reports))
        after = reporting.expected_reports(start, end, frequency, {chosen.period.start: today}, today)
        assert chosen.period not in {r.period for r in reporting.overdue(after)}
        assert len(reporting.overdue(after)) >= len(reporting.overdue(reports)) - 1


@given(days, st.integers(min_value=0, max_value=400), st.one_of(st.none(), st.integers(min_value=0, max_value=400)))
def test_a_report_is_late_after_its_deadline_and_missing_long_after(period_start, days_later, reported_after):
    period = Period(period_start, period_start + timedelta(days=27))
    today = period.end + timedelta(days=days_later)
    reported_on = None if reported_after is None else period.end + timedelta(days=min(reported_after, days_later))
    state = reporting.report_state(period, reported_on, today)
    due = reporting.deadline(period)
    if reported_on is not None:
        assert state == (ReportState.REPORTED if reported_on <= due else ReportState.REPORTED_LATE)
    elif today <= due:
        assert state is ReportState.AWAITING
    elif (today - due).days <= reporting.MISSING_AFTER_DAYS:
        assert state is ReportState.LATE
    else:
        assert state is ReportState.MISSING
    assert (state in reporting.OVERDUE) == (reported_on is None and today > due)


def test_a_monthly_indicator_on_a_known_day():
    reports = reporting.expected_reports(date(2025, 1, 1), date(2025, 12, 31), "monthly",
                                         {date(2025, 1, 1): date(2025, 2, 10), date(2025, 2, 1): date(2025, 4, 15)},
                                         date(2025, 6, 15))
    assert [(r.period.start.month, r.state) for r in reports] == [
        (1, ReportState.REPORTED), (2, ReportState.REPORTED_LATE), (3, ReportState.LATE), (4, ReportState.LATE),
        (5, ReportState.AWAITING)]


@given(st.lists(st.integers(min_value=1, max_value=5), max_size=30), st.integers(min_value=2, max_value=10))
def test_a_survey_value_exists_only_from_k_answers_and_stays_on_the_scale(answers, k):
    mean = Decimal(sum(answers)) / len(answers) if answers else None
    result = reporting.survey_value(len(answers), mean, k)
    assert result.suppressed == (len(answers) < k)
    if not result.suppressed:
        assert Decimal(1) <= result.value <= Decimal(5)
        assert abs(result.value - mean) <= Decimal("0.00005")


def test_the_default_threshold_is_the_privacy_one():
    assert reporting.survey_value(privacy.DEFAULT_K - 1, 4).suppressed
    assert not reporting.survey_value(privacy.DEFAULT_K, 4).suppressed
