"""Threshold and yes/no KRAs (issue 18 item 3): two or three of minimum, target and excellent
may coincide; the level then steps, and stays monotonic and within −1…+1."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.exact import exact
from coprocure.domain.kra_levels import Direction, Kra, check_kra, kra_level

values = st.integers(-1000, 1000).map(D)


@st.composite
def stepped_kras(draw):
    low, mid, high = sorted(draw(st.lists(st.integers(-50, 50), min_size=3, max_size=3)))
    if draw(st.booleans()):
        low = mid  # threshold at the bottom
    if draw(st.booleans()):
        high = mid  # threshold at the top
    direction = draw(st.sampled_from(list(Direction)))
    if direction is Direction.LOWER_IS_BETTER:
        low, high = high, low
    return Kra("k", D(1), direction, D(low), D(mid), D(high))


def better(kra, a, b):
    return a > b if kra.direction is Direction.HIGHER_IS_BETTER else a < b


@given(stepped_kras(), values, values)
def test_a_better_value_never_lowers_the_level_and_levels_stay_in_bounds(kra, a, b):
    check_kra(kra)
    la, lb = kra_level(kra, a), kra_level(kra, b)
    assert D(-1) <= la <= D(1)
    if better(kra, a, b):
        assert la >= lb


@given(stepped_kras())
def test_the_anchor_points(kra):
    assert kra_level(kra, kra.excellent) == D(1)
    assert kra_level(kra, kra.target) == (D(1) if kra.target == kra.excellent else D(0))
    if kra.minimum != kra.target:
        assert kra_level(kra, kra.minimum) == D(-1)
    else:
        just_worse = kra.target - 1 if kra.direction is Direction.HIGHER_IS_BETTER else kra.target + 1
        assert kra_level(kra, just_worse) == D(-1)  # missing a bottom threshold is −1 at once


def test_the_issues_evictions_example():
    evictions = Kra("evictions", D(1), Direction.LOWER_IS_BETTER, D(3), D(0), D(0))
    check_kra(evictions)
    with exact():
        expected = [D(1), D(-1) + D(2) / 3, D(-1) + D(1) / 3, D(-1), D(-1)]
    assert [kra_level(evictions, D(v)) for v in (0, 1, 2, 3, 7)] == expected


def test_a_yes_no_kra():
    met = Kra("panel_met", D(1), Direction.HIGHER_IS_BETTER, D(1), D(1), D(1))
    check_kra(met)
    assert (kra_level(met, D(1)), kra_level(met, D(0))) == (D(1), D(-1))


@pytest.mark.parametrize("levels", [(3, 1, 2), (1, 3, 2), (2, 1, 1), (1, 1, 0)])
def test_levels_out_of_order_are_still_refused(levels):
    with pytest.raises(DomainError, match="kra_levels_order"):
        check_kra(Kra("k", D(1), Direction.HIGHER_IS_BETTER, *map(D, levels)))
