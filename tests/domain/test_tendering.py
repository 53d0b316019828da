from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import deadlines
from coprocure.domain import tendering
from coprocure.domain.errors import DomainError

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
offsets = st.integers(min_value=-10**6, max_value=10**6).map(lambda seconds: timedelta(seconds=seconds))
scores = st.decimals(min_value=0, max_value=5, places=2)


@given(offsets)
def test_bids_are_accepted_exactly_until_the_deadline_and_opened_exactly_from_it(offset):
    deadline = NOW + offset
    bidding_open = NOW < deadline
    try:
        tendering.check_can_bid(NOW, deadline, published=True)
        accepted = True
    except DomainError as error:
        assert error.code == "deadline_passed"
        accepted = False
    try:
        tendering.check_can_open(NOW, deadline, already_opened=False)
        opened = True
    except DomainError as error:
        assert error.code == "opening_before_deadline"
        opened = False
    assert accepted == bidding_open and opened == (not bidding_open)


def test_an_unpublished_tender_takes_no_bids_and_bids_open_once():
    with pytest.raises(DomainError, match="tender_not_published"):
        tendering.check_can_bid(NOW, NOW + timedelta(days=1), published=False)
    with pytest.raises(DomainError, match="bids_already_opened"):
        tendering.check_can_open(NOW, NOW - timedelta(days=1), already_opened=True)


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_only_a_positive_finite_price_is_accepted(price):
    valid = price.is_finite() and price > 0
    try:
        tendering.check_price(price)
        assert valid
    except DomainError as error:
        assert not valid and error.code == "price_not_positive"


@given(st.lists(scores, min_size=1, max_size=6))
def test_the_default_final_score_is_the_exact_mean(individual):
    final = tendering.settle(individual, scale_max=Decimal(5), criterion_id="c1")
    assert min(individual) <= final <= max(individual)
    assert final * len(individual) == pytest.approx(sum(individual))


@given(st.lists(scores, min_size=1, max_size=6), scores)
def test_a_consensus_needs_a_reason_exactly_when_it_differs_from_someone(individual, consensus):
    differs = any(score != consensus for score in individual)
    try:
        assert tendering.settle(individual, scale_max=Decimal(5), criterion_id="c1", consensus=consensus) == consensus
        assert not differs
    except DomainError as error:
        assert differs and error.code == "consensus_reason_required"
    assert tendering.settle(individual, scale_max=Decimal(5), criterion_id="c1", consensus=consensus,
                            reason="Sovittu yhdessä") == consensus


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_the_standstill_ends_fourteen_days_after_receipt_by_default_on_a_working_day(received):
    last = tendering.standstill_end(received)
    assert last == deadlines.period_end(received, 14) and last - received >= timedelta(days=14)


@given(st.decimals(min_value=0, max_value=10, places=2), st.decimals(min_value=0, max_value=10, places=2))
def test_changing_a_settled_final_score_needs_a_reason(previous, final):
    tendering.check_resettle(None, final, "")
    tendering.check_resettle(previous, final, "Paneeli tarkisti arvion.")
    if previous == final:
        tendering.check_resettle(previous, final, "")
    else:
        with pytest.raises(DomainError) as error:
            tendering.check_resettle(previous, final, " ")
        assert error.value.code == "final_score_change_reason_required"
