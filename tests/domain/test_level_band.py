"""The words next to a KRA level follow the level's order: a higher level never reads worse."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.kra_levels import LEVEL_MAX, LEVEL_MIN, level_band

BANDS = ["minimum", "below_target", "above_target", "excellent"]
LEVELS = st.decimals(min_value=LEVEL_MIN, max_value=LEVEL_MAX, places=4)


@given(LEVELS, LEVELS)
def test_a_higher_level_never_falls_in_a_lower_band(first, second):
    low, high = sorted((first, second))
    assert BANDS.index(level_band(low)) <= BANDS.index(level_band(high))


def test_the_bands_meet_at_the_minimum_the_target_and_excellent():
    assert [level_band(Decimal(x)) for x in ("-1", "-0.01", "0", "0.99", "1")] == [
        "minimum", "below_target", "above_target", "above_target", "excellent"]
