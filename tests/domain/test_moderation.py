import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.moderation import REASONS, Redaction, apply, check, merged

texts = st.text(min_size=1, max_size=60)


@st.composite
def text_and_redactions(draw):
    text = draw(texts)
    count = draw(st.integers(0, 6))
    redactions = []
    for _ in range(count):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        redactions.append(Redaction(start, end, draw(st.sampled_from(REASONS))))
    return text, redactions


def hidden_positions(redactions):
    return {i for r in redactions for i in range(r.start, r.end)}


@given(text_and_redactions())
def test_exactly_the_characters_outside_every_range_are_kept_in_order(case):
    text, redactions = case
    kept = "".join(ch for i, ch in enumerate(text) if i not in hidden_positions(redactions))
    assert apply(text, redactions, marker=lambda reason: "") == kept


@given(text_and_redactions(), st.randoms())
def test_the_order_of_redactions_and_repeating_them_change_nothing(case, random):
    text, redactions = case
    shuffled = list(redactions)
    random.shuffle(shuffled)
    assert apply(text, shuffled + redactions) == apply(text, redactions)


@given(text_and_redactions())
def test_overlapping_and_touching_ranges_become_one_marker(case):
    text, redactions = case
    result = merged(redactions)
    assert hidden_positions(result) == hidden_positions(redactions)
    assert all(a.end < b.start for a, b in zip(result, result[1:]))
    assert apply(text, redactions, marker=lambda reason: "█").count("█") == len(result)


@given(texts, st.integers(-5, 70), st.integers(-5, 70))
def test_a_range_is_accepted_only_inside_the_text(text, start, end):
    inside = 0 <= start < end <= len(text)
    if inside:
        assert check(text, start, end, "off_topic") == Redaction(start, end, "off_topic")
    else:
        with pytest.raises(DomainError) as refused:
            check(text, start, end, "off_topic")
        assert refused.value.code == "redaction_out_of_range"


def test_positions_count_characters_not_bytes():
    text = "Äiti 👵🏽 sanoi: soita Liisalle"
    start = text.index("Liisalle")
    redaction = check(text, start, len(text), "personal_data")
    assert apply(text, [redaction], marker=lambda reason: f"[{reason}]") == "Äiti 👵🏽 sanoi: soita [personal_data]"


def test_an_unknown_reason_is_refused():
    with pytest.raises(DomainError) as refused:
        check("teksti", 0, 2, "boring")
    assert (refused.value.code, refused.value.field) == ("redaction_reason_unknown", "reason")


def test_a_merged_range_keeps_the_reason_of_the_first():
    redactions = [Redaction(4, 9, "insulting"), Redaction(0, 5, "personal_data")]
    assert merged(redactions) == [Redaction(0, 9, "personal_data")]
