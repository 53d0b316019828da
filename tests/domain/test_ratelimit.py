import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.ratelimit import Limit, allowed, counter_key, retry_after, window_index

limits = st.builds(Limit, count=st.integers(1, 1000), window=st.integers(1, 86_400))
moments = st.floats(0, 4_000_000_000, allow_nan=False)
addresses = st.one_of(st.ip_addresses().map(str), st.text(min_size=1, max_size=40))


@given(limits)
def test_exactly_the_limit_is_allowed_in_a_window(limit):
    made = 0
    while allowed(made, limit):
        made += 1
    assert made == limit.count


@given(limits, moments)
def test_writes_are_allowed_again_when_retry_after_has_passed(limit, now):
    wait = retry_after(now, limit)
    assert 1 <= wait <= limit.window
    assert window_index(now + wait, limit) == window_index(now, limit) + 1


@given(limits, moments, st.ip_addresses().map(str))
def test_the_key_never_contains_the_address(limit, now, address):
    key = counter_key("secret", "survey_answer", "12", address, now, limit)
    assert address not in key
    assert key.startswith(f"ratelimit:survey_answer:{window_index(now, limit)}:")


@given(limits, moments, addresses, addresses)
def test_different_addresses_count_apart(limit, now, one, other):
    if one != other:
        assert counter_key("s", "a", "1", one, now, limit) != counter_key("s", "a", "1", other, now, limit)


@given(limits, moments, addresses)
def test_each_target_action_and_secret_has_its_own_counter(limit, now, address):
    key = counter_key("s", "proposal", "1", address, now, limit)
    assert key != counter_key("s", "proposal", "2", address, now, limit)
    assert key != counter_key("s", "follow_up", "1", address, now, limit)
    assert key != counter_key("other secret", "proposal", "1", address, now, limit)


@given(limits, moments, addresses)
def test_a_new_window_starts_a_new_counter(limit, now, address):
    later = now + limit.window
    assert counter_key("s", "a", "1", address, now, limit) != counter_key("s", "a", "1", address, later, limit)


@pytest.mark.parametrize("count,window", [(0, 60), (5, 0), (-1, -1)])
def test_a_limit_that_allows_nothing_is_refused(count, window):
    with pytest.raises(ValueError):
        Limit(count, window)
