from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import recognition
from coprocure.domain.errors import DomainError

cents = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)


@given(st.decimals(min_value=Decimal("0.25"), max_value=24, places=2), cents, cents)
def test_reasonable_recognition_is_accepted_and_totals_add_up(hours, fee, travel):
    recognition.check(hours, fee, travel)
    assert recognition.total(fee, travel) == fee + travel


@pytest.mark.parametrize(("hours", "fee", "travel", "field"), [
    (Decimal(0), Decimal(50), Decimal(0), "hours"),
    (Decimal(25), Decimal(50), Decimal(0), "hours"),
    (Decimal(2), Decimal(-1), Decimal(0), "fee"),
    (Decimal(2), Decimal(50), Decimal("0.001"), "travel_cost"),
])
def test_impossible_recognition_is_refused(hours, fee, travel, field):
    with pytest.raises(DomainError) as raised:
        recognition.check(hours, fee, travel)
    assert raised.value.field == field
