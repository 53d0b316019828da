"""An idea's reference: typed back in any reasonable way it is found; mistyped, it is refused
rather than mistaken for another idea's."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.idea_reference import ALPHABET, CODE_LENGTH, compose, new_reference, normalise

years = st.integers(2000, 2099)
codes = st.text(alphabet=ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH)
references = st.builds(compose, years, codes)


def test_a_reference_reads_as_the_year_and_a_short_code():
    reference = new_reference(2026, random.Random(1))
    assert reference.startswith("IDEA-2026-") and len(reference) == len("IDEA-2026-") + CODE_LENGTH + 1
    assert normalise(reference) == reference


@given(references)
def test_a_reference_is_found_however_it_is_typed(reference):
    assert normalise(reference) == reference
    assert normalise(reference.lower()) == reference
    assert normalise(reference.replace("-", "")) == reference
    assert normalise(" " + reference.replace("-", " ") + " ") == reference
    assert normalise(reference.replace("0", "O").replace("1", "l")) == reference


@given(references, st.data())
def test_every_single_mistyped_symbol_is_caught(reference, data):
    place = data.draw(st.integers(len("IDEA-2026-"), len(reference) - 1))
    wrong = data.draw(st.sampled_from([symbol for symbol in ALPHABET if symbol != reference[place]]))
    with pytest.raises(DomainError) as refused:
        normalise(reference[:place] + wrong + reference[place + 1:])
    assert refused.value.code == "idea_reference_invalid" and refused.value.field == "reference"


@given(references, st.data())
def test_every_swap_of_two_neighbours_is_caught(reference, data):
    place = data.draw(st.integers(len("IDEA-2026-"), len(reference) - 2))
    a, b = reference[place], reference[place + 1]
    if a == b:
        return
    with pytest.raises(DomainError):
        normalise(reference[:place] + b + a + reference[place + 2:])


@given(st.text(max_size=30))
def test_anything_else_is_refused_with_the_field_named(text):
    try:
        found = normalise(text)
    except DomainError as error:
        assert error.field == "reference"
    else:
        assert normalise(found) == found


@pytest.mark.parametrize("text", ["", "IDEA-2026", "IDEA-26-K3M9QX", "IDEA-2026-K3M9Q", "KEHITYS-2026-K3M9QX"])
def test_shapes_that_are_not_references(text):
    with pytest.raises(DomainError):
        normalise(text)
