from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.surveys import MAX_TEXT_LENGTH, QuestionKind, QuestionRule, clean_answer, clean_answers, is_open

LIKERT = QuestionRule("q1", QuestionKind.LIKERT, required=True)
SINGLE = QuestionRule("q2", QuestionKind.SINGLE, required=False, choices=("bus", "car"), allow_other=True)
MULTIPLE = QuestionRule("q3", QuestionKind.MULTIPLE, required=False, choices=("a", "b"))
NUMBER = QuestionRule("q4", QuestionKind.NUMBER, required=False, minimum=0, maximum=120)
TEXT = QuestionRule("q5", QuestionKind.TEXT, required=False)


@pytest.mark.parametrize("rule,value,code", [
    (LIKERT, None, "answer_required"),
    (LIKERT, 6, "answer_wrong_type"),
    (LIKERT, "4", "answer_wrong_type"),
    (LIKERT, True, "answer_wrong_type"),
    (SINGLE, "train", "answer_not_a_choice"),
    (SINGLE, {"choice": "other", "text": "  "}, "answer_other_empty"),
    (MULTIPLE, "a", "answer_wrong_type"),
    (MULTIPLE, ["a", "a"], "answer_duplicate_choice"),
    (MULTIPLE, [{"choice": "other", "text": "x"}], "answer_not_a_choice"),
    (NUMBER, 121, "answer_out_of_range"),
    (NUMBER, "12", "answer_wrong_type"),
    (NUMBER, float("inf"), "answer_wrong_type"),
    (TEXT, 5, "answer_wrong_type"),
    (TEXT, "x" * (MAX_TEXT_LENGTH + 1), "answer_too_long"),
])
def test_each_wrong_answer_names_its_problem(rule, value, code):
    with pytest.raises(DomainError) as raised:
        clean_answer(rule, value)
    assert (raised.value.code, raised.value.field) == (code, rule.key)


def test_good_answers_are_kept_and_free_text_is_cleaned():
    assert clean_answer(LIKERT, 4).value == 4
    assert clean_answer(SINGLE, {"choice": "other", "text": "pyörä"}).value == {"choice": "other", "text": "pyörä"}
    assert clean_answer(MULTIPLE, ["b", "a"]).value == ["b", "a"]
    cleaned = clean_answer(TEXT, "Soita 040 123 4567")
    assert (cleaned.value, cleaned.redacted) == ("Soita [phone]", True)
    assert clean_answer(TEXT, "") is None


def test_all_problems_are_reported_together():
    clean, problems = clean_answers([LIKERT, TEXT], {"q5": 3, "q9": "x"})
    assert clean == {}
    assert sorted((p.field, p.code) for p in problems) == [
        ("q1", "answer_required"), ("q5", "answer_wrong_type"), ("q9", "answer_unknown_question"),
    ]


def test_a_survey_is_open_from_its_opening_until_its_closing():
    opens, closes = datetime(2026, 3, 1, 8), datetime(2026, 3, 31, 16)
    assert not is_open(opens, closes, datetime(2026, 3, 1, 7, 59))
    assert is_open(opens, closes, datetime(2026, 3, 1, 8))
    assert not is_open(opens, closes, closes)
    assert is_open(None, None, closes)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)


@given(st.sampled_from([LIKERT, SINGLE, MULTIPLE, NUMBER, TEXT]), json_values)
def test_any_json_either_cleans_or_is_refused_with_a_code(rule, value):
    try:
        clean_answer(rule, value)
    except DomainError as error:
        assert error.code.startswith("answer_") and error.field == rule.key
