from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import organisation_list
from coprocure.domain.identifiers import business_id_check_digit

HEADER = ["Nimi", "Tyyppi", "Y-tunnus", "Kotikunta"]


def valid_id(body: int) -> str | None:
    text = f"{body:07d}"
    digit = business_id_check_digit(text)
    return None if digit is None else f"{text}-{digit}"


bodies = st.integers(min_value=0, max_value=9_999_999).map(valid_id).filter(bool)


@given(st.lists(bodies, min_size=1, max_size=15, unique=True))
def test_a_clean_list_passes_whole(ids):
    table = [HEADER] + [[f"Järjestö {i}", "yhdistys", business_id, "Tampere"] for i, business_id in enumerate(ids)]
    rows, errors = organisation_list.validate(table)
    assert errors == [] and [row.business_id for row in rows] == ids
    assert {row.kind for row in rows} == {"association"}


@given(st.lists(bodies, min_size=1, max_size=10), st.data())
def test_every_repeated_or_registered_id_is_reported_on_its_row(ids, data):
    registered = frozenset(data.draw(st.lists(st.sampled_from(ids), max_size=3)))
    table = [HEADER] + [["Oy", "oy", business_id, ""] for business_id in ids]
    rows, errors = organisation_list.validate(table, registered)
    seen, expected = set(), set()
    for number, business_id in enumerate(ids, start=2):
        if business_id in seen or business_id in registered:
            expected.add(number)
        seen.add(business_id)
    assert {e.row for e in errors} == expected
    assert {row.number for row in rows} == set(range(2, len(ids) + 2)) - expected


def test_row_level_messages_for_bad_input():
    table = [
        ["nimi", "laji", "y-tunnus"],
        ["Hyvä Oy", "Osakeyhtiö", "0201256-6"],
        ["", "ry", "0201256-6"],
        ["Tuntematon", "kerho", "1234567-8"],
        ["Väärä", "säätiö", "0201256-5"],
        [None, None, None],
    ]
    rows, errors = organisation_list.validate(table)
    assert [(row.number, row.kind) for row in rows] == [(2, "company")]
    assert {(e.row, e.field, e.code) for e in errors} == {
        (3, "name", "import_name_required"), (3, "business_id", "import_duplicate_in_file"),
        (4, "kind", "import_unknown_kind"), (4, "business_id", "business_id_checksum"),
        (5, "business_id", "business_id_checksum"),
    }


def test_missing_columns_and_empty_files():
    assert [e.code for e in organisation_list.validate([["Nimi", "Kunta"]])[1]] == ["import_missing_column"] * 2
    assert organisation_list.validate([[None], []])[1][0].code == "import_empty"
    assert organisation_list.validate([HEADER])[1][0].code == "import_empty"
