from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import outcome_integrity as rules

SCORES = st.decimals(min_value=1, max_value=5, places=4)


@given(st.integers(0, 1000), st.integers(1, 500))
def test_a_burst_is_many_answers_and_a_large_share_of_the_batch(answers, size):
    burst = rules.is_burst(answers, size)
    assert burst == (answers >= rules.BURST_MIN_ANSWERS and answers * 2 >= size)
    if burst:
        assert rules.is_burst(answers + 1, size)  # more answers never un-flag


@given(SCORES, SCORES)
def test_a_jump_is_symmetric_and_only_past_the_threshold(previous, current):
    assert rules.is_jump(previous, current) == rules.is_jump(current, previous)
    assert rules.is_jump(previous, current) == (abs(current - previous) >= rules.JUMP)
    assert not rules.is_jump(None, current)


def test_the_reported_attack_is_a_jump():
    assert rules.is_jump(Decimal("4.00"), Decimal("4.71"))
