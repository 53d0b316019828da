from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import charts

numbers = st.decimals(min_value=-10000, max_value=10000, places=2, allow_nan=False)


@given(st.lists(numbers, max_size=40), numbers, numbers, numbers)
def test_every_point_and_level_is_inside_the_plot_and_ordered(values, minimum, target, excellent):
    chart = charts.line_chart(values, {"minimum": minimum, "target": target, "excellent": excellent})
    marks = [(p.y, p.value) for p in chart.points] + [(level.y, level.value) for level in chart.levels]
    assert all(charts.TOP <= y <= chart.plot_bottom for y, _value in marks)
    assert all(chart.plot_left <= p.x <= chart.plot_right for p in chart.points)
    # A bigger value is always drawn higher (a smaller y).
    for (y1, v1), (y2, v2) in zip(marks, marks[1:]):
        assert (v1 > v2) == (y1 < y2) or v1 == v2


def test_points_run_left_to_right_in_order():
    chart = charts.line_chart([Decimal(1), Decimal(3), Decimal(2)], {})
    assert [p.x for p in chart.points] == sorted(p.x for p in chart.points)
    assert chart.polyline.count(",") == 3


levels = st.decimals(min_value=-3, max_value=3, places=4, allow_nan=False)


@given(st.lists(st.tuples(levels, st.booleans()), max_size=20))
def test_kra_levels_stay_on_the_scale_and_bars_start_at_the_target(items):
    chart = charts.level_chart(items)
    minimum, target, excellent = (mark.x for mark in chart.marks)
    assert chart.plot_left == minimum < target < excellent == chart.plot_right
    assert len(chart.bars) == len(items)
    for bar, (level, _missing) in zip(chart.bars, items):
        assert minimum <= bar.x <= excellent
        assert chart.plot_top < bar.y < chart.plot_bottom < chart.height
        # The bar always reaches from the target mark to the dot.
        assert {round(bar.bar_x, 6), round(bar.bar_x + bar.bar_width, 6)} == {round(target, 6), round(bar.x, 6)}
        assert (bar.x > target) == (level > 0)


@given(levels, levels)
def test_a_higher_level_is_drawn_further_right(first, second):
    chart = charts.level_chart([(first, False), (second, False)])
    one, two = chart.bars
    if max(first, second) <= -1 or min(first, second) >= 1:
        assert one.x == two.x  # both clamped to the same end of the scale
    elif first < second:
        assert one.x < two.x
    assert one.y < two.y


def test_levels_at_the_marks_sit_on_them():
    chart = charts.level_chart([(Decimal(-1), True), (Decimal(0), False), (Decimal(1), False)])
    assert [bar.x for bar in chart.bars] == [mark.x for mark in chart.marks]
    assert chart.bars[0].missing and chart.bars[1].bar_width == 0
