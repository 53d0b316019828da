"""The front door's pure rules: short codes and the time a survey takes."""

from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import takepart
from coprocure.domain.takepart import CardKind

kinds = st.sampled_from(list(CardKind))
numbers = st.integers(min_value=1, max_value=10**12 - 1)
question_counts = st.dictionaries(st.sampled_from(list(takepart.SECONDS_PER_QUESTION)), st.integers(0, 60))


@given(kinds, numbers)
def test_a_short_code_names_exactly_its_activity(kind, number):
    code = takepart.short_code(kind, number)
    assert takepart.parse_code(code) == (kind, number)
    assert takepart.parse_code(code.upper()) == (kind, number)
    assert len(code) <= 13


@given(st.text(max_size=20))
def test_anything_else_is_no_code(text):
    parsed = takepart.parse_code(text)
    if parsed is not None:
        kind, number = parsed
        assert takepart.short_code(kind, number) == text.lower()


def test_codes_that_are_not_ours():
    for code in ("", "s", "s0", "s01", "x1", "s-1", "s1a", " s1", "s1 ", "ss1", "e" + "9" * 13):
        assert takepart.parse_code(code) is None, code


@given(question_counts, st.sampled_from(list(takepart.SECONDS_PER_QUESTION)))
def test_a_survey_takes_at_least_a_minute_and_never_less_with_another_question(counts, kind):
    minutes = takepart.survey_minutes(counts)
    assert minutes >= 1
    assert takepart.survey_minutes({**counts, kind: counts.get(kind, 0) + 1}) >= minutes


def test_the_usual_five_question_survey_takes_about_three_minutes():
    assert takepart.survey_minutes({"likert": 1, "single": 1, "multiple": 1, "number": 1, "text": 1}) == 3


@given(st.one_of(st.none(), st.integers(0, 500)), st.integers(0, 600))
def test_places_left_is_never_negative_and_none_without_a_limit(capacity, holding):
    left = takepart.places_left(capacity, holding)
    assert left is None if capacity is None else 0 <= left <= capacity
