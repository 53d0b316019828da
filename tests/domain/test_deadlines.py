"""Statutory time limits (issue 18 item 5): counted from the deemed receipt, a last day on a
weekend or public holiday moved to the next working day (Act 150/1930), holidays checked
against an independent computation of Finland's fixed and moving holidays."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import deadlines
from coprocure.domain.complaints import complaint_deadline
from coprocure.domain.errors import DomainError
from coprocure.domain.tendering import standstill_end


def easter(year: int) -> date:
    """Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), written out here."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    return date(year, month, (h + leap - 7 * m + 114) % 31 + 1)


def saturday_between(year: int, month: int, first: int, last: int) -> date:
    return next(date(year, month, d) for d in range(first, last + 1) if date(year, month, d).weekday() == 5)


def finnish_days_off(year: int) -> set[date]:
    """The days 150/1930 section 5 moves a last day past, besides weekends."""
    sunday = easter(year)
    midsummer = saturday_between(year, 6, 20, 26)
    all_saints = (saturday_between(year, 10, 31, 31) if date(year, 10, 31).weekday() == 5
                  else saturday_between(year, 11, 1, 6))
    return {date(year, 1, 1), date(year, 1, 6), sunday - timedelta(days=2), sunday, sunday + timedelta(days=1),
            date(year, 5, 1), sunday + timedelta(days=39), sunday + timedelta(days=49), midsummer - timedelta(days=1),
            midsummer, all_saints, date(year, 12, 6), date(year, 12, 24), date(year, 12, 25), date(year, 12, 26)}


def is_working(day: date) -> bool:
    return day.weekday() < 5 and day not in finnish_days_off(day.year)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(days)
def test_the_calendar_agrees_with_an_independent_computation(day):
    assert deadlines.is_working_day(day) == is_working(day)


@given(days, st.integers(0, 60))
def test_a_period_ends_on_the_first_working_day_from_its_nominal_last_day(start, length):
    end = deadlines.period_end(start, length)
    nominal = start + timedelta(days=length)
    assert end >= nominal and is_working(end)
    assert all(not is_working(nominal + timedelta(days=n)) for n in range((end - nominal).days))


@given(days, st.sampled_from(list(deadlines.Channel)), st.integers(0, 30))
def test_the_complaint_period_and_standstill_run_from_the_deemed_receipt(sent, channel, length):
    received = deadlines.deemed_received(sent, channel)
    assert received == sent + timedelta(days=7 if channel == "letter" else 0)
    assert complaint_deadline(received, length) == standstill_end(received, length) == deadlines.period_end(received, length)


@pytest.mark.parametrize("sent,channel,last", [
    (date(2026, 12, 10), "electronic", date(2026, 12, 28)),  # 24.12. Christmas Eve; 25.–27. holidays and Sunday
    (date(2026, 6, 5), "electronic", date(2026, 6, 22)),     # 19.6. Midsummer Eve, 20.6. Midsummer Day, 21.6. Sunday
    (date(2026, 3, 20), "electronic", date(2026, 4, 7)),     # 3.4. Good Friday … 6.4. Easter Monday
    (date(2026, 3, 13), "letter", date(2026, 4, 7)),         # received 20.3.: the same last day
    (date(2026, 11, 20), "electronic", date(2026, 12, 4)),   # an ordinary Friday stays
    (date(2026, 11, 22), "electronic", date(2026, 12, 7)),   # 6.12. Independence Day (a Sunday)
])
def test_worked_examples(sent, channel, last):
    assert complaint_deadline(deadlines.deemed_received(sent, channel)) == last


def test_unknown_channel_and_negative_days_are_refused():
    with pytest.raises(DomainError):
        deadlines.deemed_received(date(2026, 1, 1), "carrier pigeon")
    with pytest.raises(DomainError):
        deadlines.period_end(date(2026, 1, 1), -1)
