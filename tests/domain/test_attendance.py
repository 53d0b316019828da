from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import attendance
from coprocure.domain.errors import DomainError

moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(timezone.utc))
spans = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3))


@given(moments, spans, moments)
def test_a_code_works_until_two_hours_after_the_end(starts_at, length, issued_at):
    ends_at = starts_at + length
    until = attendance.valid_until(starts_at, ends_at, issued_at)
    assert until == ends_at + attendance.GRACE
    attendance.check(7, until, 7, until - timedelta(seconds=1))
    with pytest.raises(DomainError) as expired:
        attendance.check(7, until, 7, until)
    assert expired.value.code == "attendance_code_expired"


@given(st.one_of(st.none(), moments), moments)
def test_without_an_end_a_code_works_at_least_a_working_day_from_when_it_is_shown(starts_at, issued_at):
    until = attendance.valid_until(starts_at, None, issued_at)
    assert until >= issued_at + attendance.WITHOUT_END
    if starts_at is not None:
        assert until >= starts_at + attendance.WITHOUT_END


@given(st.integers(min_value=1), st.integers(min_value=1), moments)
def test_a_code_never_works_at_another_activity(code_activity, activity, now):
    if code_activity == activity:
        attendance.check(code_activity, now + timedelta(hours=1), activity, now)
    else:
        with pytest.raises(DomainError) as wrong:
            attendance.check(code_activity, now + timedelta(hours=1), activity, now)
        assert wrong.value.code == "attendance_code_invalid"
