from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.tables import neutralise, suppress_table

CHANNELS = ["online", "paper", "phone"]
VALUES = ["1", "2", "3"]


def table_lines(with_all_row: bool = True):
    rows = [[(channel, value) for value in VALUES] for channel in CHANNELS]
    if with_all_row:
        rows.append([("all", value) for value in VALUES])
        columns = [[(channel, value) for channel in CHANNELS] + [("all", value)] for value in VALUES]
    else:
        columns = [[(channel, value) for channel in CHANNELS] for value in VALUES]
    return rows + columns


@st.composite
def channel_tables(draw):
    cells = {(channel, value): draw(st.integers(0, 30)) for channel in CHANNELS for value in VALUES}
    for value in VALUES:
        cells[("all", value)] = sum(cells[(channel, value)] for channel in CHANNELS)
    return cells


def test_a_lone_small_count_takes_its_row_and_column_neighbours_with_it():
    cells = {("online", "1"): 20, ("online", "2"): 9, ("paper", "1"): 3, ("paper", "2"): 8}
    lines = [[("online", "1"), ("online", "2")], [("paper", "1"), ("paper", "2")],
             [("online", "1"), ("paper", "1")], [("online", "2"), ("paper", "2")]]
    result = suppress_table(cells, lines, k=5)
    assert result.hidden == {("paper", "1"), ("paper", "2"), ("online", "1"), ("online", "2")}


@given(channel_tables(), st.integers(2, 10))
def test_no_line_reveals_a_hidden_count(cells, k):
    lines = table_lines()
    result = suppress_table(cells, lines, k)
    assert {cell for cell, n in cells.items() if 0 < n < k} <= result.hidden
    for index, line in enumerate(lines):
        hidden = [cell for cell in line if cell in result.hidden]
        if hidden and index not in result.hidden_totals:
            assert len(hidden) >= 2 and sum(cells[cell] for cell in hidden) >= k


@given(st.text())
def test_no_text_cell_starts_a_formula(text):
    cell = neutralise(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell in {text, "'" + text}


def test_numbers_and_plain_text_pass_unchanged():
    assert neutralise(-3) == -3 and neutralise("Bussilla") == "Bussilla"
    assert neutralise('=HYPERLINK("http://evil.example")') == '\'=HYPERLINK("http://evil.example")'
