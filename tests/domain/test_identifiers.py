import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.identifiers import business_id_check_digit, is_valid_business_id, normalise_business_id

bodies = st.integers(min_value=0, max_value=9_999_999).map(lambda n: f"{n:07d}")


def test_known_business_ids():
    # 0201256: 0·7 + 2·9 + 0·10 + 1·5 + 2·8 + 5·4 + 6·2 = 71, 71 mod 11 = 5, check 11 − 5 = 6.
    # 0112038-9 is Nokia Oyj's published ID.
    for valid in ("0201256-6", "0112038-9"):
        assert normalise_business_id(valid) == valid
    assert not is_valid_business_id("0112038-8")


def test_six_digit_ids_are_padded():
    assert normalise_business_id("112038-9") == "0112038-9"


@pytest.mark.parametrize("value,code", [
    ("", "business_id_format"),
    ("01120389", "business_id_format"),
    ("0112038-X", "business_id_format"),
    ("0112038-0", "business_id_checksum"),
])
def test_rejections_name_the_problem(value, code):
    with pytest.raises(DomainError) as raised:
        normalise_business_id(value)
    assert raised.value.code == code
    assert raised.value.field == "business_id"


@given(bodies)
def test_exactly_one_check_digit_is_valid_unless_none_is(body):
    valid = [d for d in range(10) if is_valid_business_id(f"{body}-{d}")]
    check = business_id_check_digit(body)
    assert valid == ([] if check is None else [check])


@given(bodies, st.integers(min_value=0, max_value=6), st.integers(min_value=1, max_value=9))
def test_any_single_digit_typo_in_the_body_is_caught(body, position, delta):
    check = business_id_check_digit(body)
    if check is None:
        return
    typo = body[:position] + str((int(body[position]) + delta) % 10) + body[position + 1:]
    assert not is_valid_business_id(f"{typo}-{check}")
