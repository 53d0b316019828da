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
