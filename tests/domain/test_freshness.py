from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.freshness import assess

NOW = datetime(2026, 11, 24, tzinfo=timezone.utc)


def test_never_confirmed_is_stale_and_due_a_reminder():
    result = assess(None, NOW)
    assert result.is_stale and result.reminder_due


def test_reminded_once_per_period():
    confirmed = NOW - timedelta(days=200)
    assert assess(confirmed, NOW, 180).reminder_due
    assert not assess(confirmed, NOW, 180, last_reminded=NOW - timedelta(days=5)).reminder_due


@given(st.integers(min_value=0, max_value=2000), st.integers(min_value=1, max_value=720))
def test_stale_exactly_when_the_period_has_passed(age_days, period):
    result = assess(NOW - timedelta(days=age_days), NOW, period)
    assert result.is_stale == (age_days >= period)
    assert result.reminder_due == result.is_stale
