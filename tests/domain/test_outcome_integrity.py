from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import outcome_integrity as rules

SCORES = st.decimals(min_value=1, max_value=5, places=4)


@given(st.integers(0, 1000), st.integers(1, 500))
def test_a_burst_is_many_answers_and_a_large_share_of_the_batch(answers, size):
    burst = rules.is_burst(answers, size)
    assert burst == (answers >= rules.BURST_MIN_ANSWERS and answers * 2 >= size)
    if burst:
        assert rules.is_burst(answers + 1, size)  # more answers never un-flag


@given(SCORES, SCORES)
def test_a_jump_is_symmetric_and_only_past_the_threshold(previous, current):
    assert rules.is_jump(previous, current) == rules.is_jump(current, previous)
    assert rules.is_jump(previous, current) == (abs(current - previous) >= rules.JUMP)
    assert not rules.is_jump(None, current)


def test_the_reported_attack_is_a_jump():
    assert rules.is_jump(Decimal("4.00"), Decimal("4.71"))


DIGITS = st.text("0123456789", min_size=7, max_size=12)
PUNCTUATION = st.sampled_from([" ", "-", "\u2013", ".", "(", ")"])


@given(DIGITS, st.lists(st.tuples(st.integers(0, 11), PUNCTUATION), max_size=4), st.booleans())
def test_a_phone_number_is_one_address_however_it_is_written(digits, marks, international):
    written = list(digits)
    for place, mark in marks:
        written.insert(min(place, len(written)), mark)
    number = ("+" if international else "") + digits
    line = ("+" if international else "") + "".join(written)
    assert rules.recipient("sms", line) == number
    assert rules.recipients("sms", [line, number, "", "  "]) == ([number], [])
    assert rules.recipient("email", line) is None


@given(st.text(min_size=1, max_size=30))
def test_text_that_is_no_address_is_named_and_never_sent_to(text):
    found, wrong = rules.recipients("email", [text])
    assert (found == [text.strip()]) == (rules.recipient("email", text) is not None)
    assert len(found) + len(wrong) == (1 if text.strip() else 0)


def test_an_address_too_long_for_smtp_is_no_address():
    local = "a" * 64
    assert rules.recipient("email", f"{local}@{'b' * (254 - 68)}.fi") is not None
    assert rules.recipient("email", f"{local}@{'b' * (255 - 68)}.fi") is None


def test_a_sent_batch_is_at_least_the_privacy_threshold():
    from coprocure.domain.privacy import DEFAULT_K

    assert rules.MIN_RECIPIENTS == DEFAULT_K >= 2
