from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import complaints
from coprocure.domain import deadlines
from coprocure.domain.errors import DomainError

days = st.integers(min_value=0, max_value=365)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1))
offsets = st.integers(min_value=-400, max_value=400)


@given(dates, days, offsets)
def test_a_complaint_is_accepted_from_the_decision_day_to_the_last_day_inclusive(decided_on, limit, offset):
    today = decided_on + timedelta(days=offset)
    try:
        complaints.check_can_file(today, decided_on, limit)
        accepted = True
    except DomainError as error:
        assert error.code in {"complaint_deadline_passed", "complaint_before_decision"}
        accepted = False
    # The last day is `limit` days on, moved past weekends and public holidays (150/1930).
    assert accepted == (decided_on <= today <= deadlines.period_end(decided_on, limit))
    if 0 <= offset <= limit:
        assert accepted  # the nominal period is always open


@given(dates, days)
def test_the_deadline_is_the_procedures_days_after_receipt_on_a_working_day(received_on, limit):
    last = complaints.complaint_deadline(received_on, limit)
    assert timedelta(days=limit) <= last - received_on <= timedelta(days=limit + 5)  # Easter: Fri–Mon, then Sat–Sun at most
    assert deadlines.is_working_day(last)


def test_the_default_is_fourteen_days_and_a_negative_period_is_refused():
    assert complaints.complaint_deadline(date(2026, 3, 9)) == date(2026, 3, 23)
    with pytest.raises(DomainError, match="complaint_days_negative"):
        complaints.complaint_deadline(date(2026, 3, 9), -1)


@given(dates, offsets, st.integers(min_value=0, max_value=5))
def test_signing_waits_for_the_standstill_and_every_answer(standstill_ends_on, offset, pending):
    today = standstill_ends_on + timedelta(days=offset)
    try:
        complaints.check_can_sign(today, standstill_ends_on, pending)
        signed = True
    except DomainError as error:
        assert error.code == ("standstill_not_ended" if offset <= 0 else "complaint_pending")
        signed = False
    assert signed == (offset > 0 and pending == 0)


def test_an_answer_needs_an_outcome_and_reasons_and_is_given_once():
    complaints.check_answer("upheld", "Uusi vertailu tehdään.", already_answered=False)
    with pytest.raises(DomainError, match="complaint_answered"):
        complaints.check_answer("rejected", "Perustelut", already_answered=True)
    with pytest.raises(DomainError, match="complaint_outcome_unknown"):
        complaints.check_answer("maybe", "Perustelut", already_answered=False)
    with pytest.raises(DomainError, match="complaint_reasons_required"):
        complaints.check_answer("rejected", "  ", already_answered=False)
