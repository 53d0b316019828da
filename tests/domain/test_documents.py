"""Versioned tender documents: word-level comparison and publishing rules."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import documents
from coprocure.domain.errors import DomainError

texts = st.text(alphabet=st.sampled_from("abc äö \n"), max_size=40)


def section(number, heading="Otsikko", body="Teksti"):
    return {"number": number, "heading": {"fi": {"text": heading}}, "text": {"fi": {"text": body}}}


@given(texts, texts)
def test_the_word_changes_rebuild_both_texts(old, new):
    segments = documents.words(old, new)
    assert "".join(s.text for s in segments if s.op != "insert") == old
    assert "".join(s.text for s in segments if s.op != "delete") == new


@given(texts)
def test_a_text_compared_with_itself_has_no_changes(value):
    assert all(s.op == "equal" for s in documents.words(value, value))


def test_a_changed_word_is_shown_as_deleted_and_inserted():
    segments = documents.words("Vertaistukea joka viikko", "Vertaistukea joka päivä")
    assert [(s.op, s.text) for s in segments] == [("equal", "Vertaistukea joka "), ("delete", "viikko"),
                                                  ("insert", "päivä")]


def test_sections_are_matched_by_number_and_marked():
    old = [section(1), section(2, body="Vanha"), section(3)]
    new = [section(1), section(2, body="Uusi"), section(4)]
    statuses = [(c.number, c.status) for c in documents.diff(old, new)]
    assert statuses == [(1, "unchanged"), (2, "changed"), (4, "added"), (3, "removed")]


def test_an_unchanged_or_empty_document_is_not_published_again():
    with pytest.raises(DomainError) as error:
        documents.check_publishable([section(1)], [section(1)])
    assert error.value.code == "document_unchanged"
    with pytest.raises(DomainError) as error:
        documents.check_publishable([], None)
    assert error.value.code == "document_empty"
    documents.check_publishable([section(1, body="Uusi")], [section(1)])


@given(st.lists(st.integers(min_value=1, max_value=50), unique=True))
def test_a_new_section_number_is_never_one_already_given(numbers):
    assert documents.next_number(numbers) not in numbers


def test_an_exclusion_cites_a_published_requirement():
    documents.check_requirement(None, [1, 2])
    documents.check_requirement(2, [1, 2])
    with pytest.raises(DomainError) as error:
        documents.check_requirement(3, [1, 2])
    assert error.value.code == "requirement_unknown"
