from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import spreadsheet
from coprocure.domain.errors import DomainError
from coprocure.domain.spreadsheet import IndicatorSpec, Period

SPECS = {
    "pysyvyys": IndicatorSpec("pysyvyys", "percent", "monthly"),
    "odotus": IndicatorSpec("odotus", "days", "quarterly"),
    "asiakkaat": IndicatorSpec("asiakkaat", "count", "yearly"),
}
START, END = date(2025, 1, 1), date(2027, 12, 31)
decimals = st.decimals(min_value=Decimal("-999999"), max_value=Decimal("999999"), places=2, allow_nan=False)


def finnish(value: Decimal, grouping: str) -> str:
    """Format a number as Finnish Excel does: comma decimals, thousands grouped."""
    sign = "-" if value < 0 else ""
    whole, _dot, fraction = f"{abs(value):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{grouping.join(groups)},{fraction}"


@given(decimals, st.sampled_from(["", " ", "\u00a0", "."]))
def test_finnish_numbers_read_back_exactly(value, grouping):
    assert spreadsheet.parse_value(finnish(value, grouping)) == (value, None)


@given(decimals)
def test_xlsx_number_cells_read_exactly(value):
    assert spreadsheet.parse_value(float(value))[0] == value
    assert spreadsheet.parse_value(value) == (value, None)


@pytest.mark.parametrize(("text", "expected"), [
    ("85 %", (Decimal(85), "percent")), ("85%", (Decimal(85), "percent")), ("14 pv", (Decimal(14), "days")),
    ("−3,5", (Decimal("-3.5"), None)), ("1 234,50 €", (Decimal("1234.50"), "eur")), ("12.5", (Decimal("12.5"), None)),
])
def test_values_with_units(text, expected):
    assert spreadsheet.parse_value(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12 omenaa", "1..2", True])
def test_bad_values_are_refused(text):
    with pytest.raises(DomainError) as refused:
        spreadsheet.parse_value(text)
    assert refused.value.code == "upload_bad_value"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)), st.sampled_from(spreadsheet.FREQUENCIES))
def test_every_way_of_writing_a_period_gives_the_same_period(day, frequency):
    period = spreadsheet.period_of(day, frequency)
    assert period.start <= day <= period.end
    written = [day, datetime(day.year, day.month, day.day), f"{day.day}.{day.month}.{day.year}", day.isoformat()]
    if frequency == "monthly":
        written += [f"{day.year}-{day.month:02d}", f"{day.month}/{day.year}", f"{day.month}.{day.year}"]
    elif frequency == "quarterly":
        quarter = (day.month - 1) // 3 + 1
        written += [f"{day.year}-Q{quarter}", f"Q{quarter}/{day.year}", f"q{quarter} {day.year}"]
    else:
        written.append(str(day.year))
    assert {spreadsheet.parse_period(cell, frequency) for cell in written} == {period}


@pytest.mark.parametrize("text", ["2025-13", "13/2025", "maaliskuu", "", "2025-Q5", "31.2.2025"])
def test_bad_periods_are_refused(text):
    with pytest.raises(DomainError) as refused:
        spreadsheet.parse_period(text, "monthly")
    assert refused.value.code == "upload_bad_period"


@given(st.sampled_from(["utf-8-sig", "utf-8", "cp1252"]))
def test_finnish_text_decodes_in_each_encoding(encoding):
    text = "Mittari;Jakso;Arvo\npysyvyys;2025-03;85,5\nÄäkköset ja € ok"
    assert spreadsheet.decode(text.encode(encoding)) == text


def test_semicolons_win_over_decimal_commas():
    assert spreadsheet.read_csv("mittari;jakso;arvo\npysyvyys;3/2025;85,5\n") == [
        ["mittari", "jakso", "arvo"], ["pysyvyys", "3/2025", "85,5"]]
    assert spreadsheet.read_csv("indicator,period,value\npysyvyys,2025-03,85.5\n")[1] == ["pysyvyys", "2025-03", "85.5"]


def test_every_bad_row_gets_its_own_message():
    table = [
        ["Mittari", "Jakso", "Arvo", "Yksikkö"],
        ["pysyvyys", "2025-03", "85,5", "%"],
        ["pysyvyys", "2024-12", "80", "%"],          # before the contract
        ["pysyvyys", "2025-03", "86", ""],           # the same month again
        ["odotus", "2025-Q1", "14", "%"],            # days reported as per cent
        ["pysyvyys", "2025-04", "850", ""],          # not a percentage
        ["tuntematon", "2025-04", "1", ""],
        ["", "", "", ""],
        ["asiakkaat", "2026", "120 kpl", ""],
    ]
    rows, errors = spreadsheet.validate(table, SPECS, START, END)
    assert [(row.number, row.value) for row in rows] == [(2, Decimal("85.5")), (9, Decimal(120))]
    assert [(e.row, e.field, e.code) for e in errors] == [
        (3, "period", "upload_period_outside_contract"), (4, "period", "upload_duplicate_period"),
        (5, "unit", "upload_wrong_unit"), (6, "value", "upload_percent_range"),
        (7, "indicator", "upload_unknown_indicator"),
    ]


def test_earlier_reports_count_as_duplicates_and_headers_are_required():
    table = [["indicator", "period", "value"], ["pysyvyys", "2025-03", "85"]]
    _rows, errors = spreadsheet.validate(table, SPECS, START, END, frozenset({("pysyvyys", date(2025, 3, 1))}))
    assert [e.code for e in errors] == ["upload_duplicate_period"]
    _rows, errors = spreadsheet.validate([["mittari", "arvo"]], SPECS, START, END)
    assert [(e.field, e.code) for e in errors] == [("period", "upload_missing_column")]
    assert [e.code for e in spreadsheet.validate([], SPECS, START, END)[1]] == ["upload_empty"]


cells = st.one_of(st.none(), st.text(max_size=12), st.integers(), st.floats(allow_nan=True), st.dates())


@given(st.lists(st.lists(cells, max_size=5), max_size=8))
def test_any_table_gives_rows_or_row_errors_never_an_exception(body):
    table = [["mittari", "jakso", "arvo", "yksikkö"], *body]
    rows, errors = spreadsheet.validate(table, SPECS, START, END)
    reported = {row.number for row in rows} | {error.row for error in errors}
    assert reported <= set(range(1, len(table) + 1))
    assert not {row.number for row in rows} & {error.row for error in errors}
    assert len({(row.indicator, row.period.start) for row in rows}) == len(rows)
    assert all(isinstance(row.period, Period) for row in rows)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)), st.integers(min_value=1, max_value=2000),
       st.integers(min_value=-100, max_value=3000), st.sampled_from(spreadsheet.FREQUENCIES))
def test_due_periods_follow_each_other_and_have_all_ended(start, length, age, frequency):
    end = date.fromordinal(start.toordinal() + length)
    today = date.fromordinal(start.toordinal() + age)
    periods = spreadsheet.due_periods(start, end, frequency, today)
    assert all(p.end < today and p.start <= end and p.end >= start for p in periods)
    assert all(a.end.toordinal() + 1 == b.start.toordinal() for a, b in zip(periods, periods[1:]))
    following = spreadsheet.period_of(date.fromordinal(periods[-1].end.toordinal() + 1), frequency) if periods else \
        spreadsheet.period_of(start, frequency)
    assert following.end >= today or following.start > end



@given(st.binary(max_size=300))
def test_any_bytes_give_rows_or_a_clear_refusal_never_a_crash(data):
    """A picture or other binary sent by mistake must end in a row-level message or
    'unreadable', not a server error (schemathesis found the crash)."""
    try:
        rows = spreadsheet.read_csv(spreadsheet.decode(data))
    except DomainError as error:
        assert error.code == "upload_unreadable"
    else:
        assert all(isinstance(cell, str) for row in rows for cell in row)
