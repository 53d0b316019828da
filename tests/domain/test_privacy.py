from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.privacy import (
    ADDRESS_MARKER, EMAIL_MARKER, HETU_MARKER, IBAN_MARKER, PHONE_MARKER, Markers, is_valid_hetu, redact, suppress,
)

# The official algorithm (Digital and Population Data Services Agency), written out here
# independently of the code under test: the nine digits DDMMYYNNN as one integer, modulo 31,
# index into this alphabet (no G, I, O, Q, Z).
ALPHABET = "0123456789ABCDEFHJKLMNPRSTUVWXY"
SIGNS = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
         "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}


def official_hetu(born: date, sign: str, individual: int) -> str:
    digits = f"{born:%d%m}{born.year % 100:02d}"
    return f"{digits}{sign}{individual:03d}{ALPHABET[int(f'{digits}{individual:03d}') % 31]}"


def test_published_example_and_derived_vectors():
    # 131052-308T is the example code in the agency's own documentation.
    assert official_hetu(date(1952, 10, 13), "-", 308) == "131052-308T"
    assert is_valid_hetu("131052-308T")
    for sign in SIGNS:  # every century sign, including the 2023 ones
        code = official_hetu(date(SIGNS[sign] + 52, 10, 13), sign, 308)
        assert code[-1] == "T"
        assert redact(f"Hetuni on {code}, kiitos.") == ("Hetuni on [hetu], kiitos.", True)


def test_wrong_check_character_or_impossible_date_is_not_a_hetu():
    assert not is_valid_hetu("131052-308U")
    assert not is_valid_hetu("310252-308T")  # 31 February
    assert redact("koodi 131052-308U") == ("koodi 131052-308U", False)
    leap = official_hetu(date(2000, 2, 29), "A", 123)
    assert is_valid_hetu(leap)
    assert not is_valid_hetu(leap.replace("A", "-"))  # 1900 was not a leap year


@pytest.mark.parametrize("text,expected", [
    ("Soita 040 123 4567 iltaisin", f"Soita {PHONE_MARKER} iltaisin"),
    ("numero +358 40 1234567.", f"numero {PHONE_MARKER}."),
    ("numero +358401234567", f"numero {PHONE_MARKER}"),
    ("toimisto 09-123 456", f"toimisto {PHONE_MARKER}"),
    ("0401234567", PHONE_MARKER),
    ("Posti: matti.meikalainen@example.fi!", f"Posti: {EMAIL_MARKER}!"),
])
def test_phone_numbers_and_email_addresses(text, expected):
    assert redact(text) == (expected, True)


@pytest.mark.parametrize("text", [
    "Kävin 3 kertaa viikossa, 2024-01-15 alkaen.",
    "Hinta 1200 euroa, 45 minuuttia.",
    "Postinumero 00100 Helsinki",
    "Annan arvosanaksi 4/5.",
])
def test_ordinary_numbers_stay(text):
    assert redact(text) == (text, False)


words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 999), st.data(), words, words)
def test_any_valid_hetu_in_any_text_is_removed(born, individual, data, before, after):
    sign = data.draw(st.sampled_from([s for s, century in SIGNS.items() if century == born.year // 100 * 100]))
    code = official_hetu(born, sign, individual)
    cleaned, redacted = redact(f"{before} {code} {after}")
    assert code not in cleaned
    assert redacted
    assert HETU_MARKER in cleaned or EMAIL_MARKER in cleaned or PHONE_MARKER in cleaned


def test_a_digit_run_that_looks_like_the_start_of_a_code_does_not_hide_the_code_after_it():
    # Found by the property test above: "000000 0101" is no valid code, and a plain regex
    # substitution went on after it, past the start of the real code.
    code = official_hetu(date(1899, 1, 1), "+", 0)
    for before in ("00000000000000", "0000000", "12 34 56"):
        cleaned, redacted = redact(f"{before} {code}")
        assert redacted and code not in cleaned and cleaned.endswith(HETU_MARKER), cleaned


@given(st.text(alphabet="0123456789 -+@.abcAXY[]", max_size=80) | words)
def test_redaction_is_idempotent(text):
    once, _ = redact(text)
    assert redact(once) == (once, False)


def test_suppression_hides_small_groups_and_their_complement():
    result = suppress({"18-29": 3, "30-64": 12, "65+": 40, "unknown": 0})
    assert result.hidden == {"18-29", "30-64"}  # 3 alone could be derived from the total
    assert result.total_shown
    assert suppress({"a": 2, "b": 1, "c": 30}).hidden == {"a", "b", "c"}  # 2 + 1 < 5 still reveals too much
    assert suppress({"a": 7, "b": 9}).hidden == frozenset()


def test_a_lone_small_group_hides_the_total_when_nothing_can_hide_with_it():
    result = suppress({"a": 3, "b": 0})
    assert result.hidden == {"a"}
    assert not result.total_shown


counts = st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 30), max_size=8)


@given(counts, st.integers(1, 10))
def test_no_small_group_is_ever_shown(cells, k):
    result = suppress(cells, k)
    assert all(n == 0 or n >= k for group, n in cells.items() if result.shows(group))
    total = sum(cells.values())
    if result.total_shown:
        assert total == 0 or total >= k


@given(counts, st.integers(1, 10))
def test_a_hidden_cell_cannot_be_derived_from_a_shown_total(cells, k):
    result = suppress(cells, k)
    hidden_nonzero = [g for g in result.hidden if cells[g] > 0]
    if result.total_shown:
        assert len(hidden_nonzero) != 1
        assert not hidden_nonzero or sum(cells[g] for g in hidden_nonzero) >= k


def test_every_day_of_a_century_has_one_valid_check_character():
    born = date(1990, 1, 1)
    for offset in range(0, 366, 37):
        day = born + timedelta(days=offset)
        code = official_hetu(day, "-", 2)
        assert [c for c in ALPHABET if is_valid_hetu(code[:-1] + c)] == [code[-1]]


# The ways people really write identifiers in free text (issue 17): each format generated, in
# any surrounding words; the identifier must go, whatever separators it was written with.
letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöå ", max_size=30)
DASHES = ["-", "\u2013", "\u2014", "\u2212"]


@st.composite
def finnish_phone(draw):
    area = draw(st.sampled_from(["9", "2", "3", "13", "14", "17", "40", "41", "44", "45", "50"]))
    subscriber = draw(st.text(alphabet="0123456789", min_size=5, max_size=7))
    sep = draw(st.sampled_from([" ", "-", ".", "\u2013", ""]))
    groups = [subscriber[:3], subscriber[3:]] if draw(st.booleans()) else [subscriber]
    tail = sep.join(groups)
    style = draw(st.sampled_from(["plain", "parens", "intl", "intl00"]))
    if style == "parens":
        return f"(0{area}) {tail}"
    if style == "intl":
        return f"+358 {area} {tail}"
    if style == "intl00":
        return f"00358{sep}{area}{sep}{tail}"
    return f"0{area}{sep}{tail}"


@given(finnish_phone(), letters, letters)
def test_phone_numbers_in_every_written_form_are_removed(phone, before, after):
    cleaned, redacted = redact(f"{before} {phone} {after}")
    assert redacted and PHONE_MARKER in cleaned
    assert not any(ch.isdigit() for ch in cleaned)


@given(st.from_regex(r"[a-z]{1,8}(\.[a-z]{1,8})?", fullmatch=True), st.from_regex(r"[a-z]{2,10}", fullmatch=True),
       st.sampled_from(["fi", "com", "org", "se"]),
       st.sampled_from(["@", "(at)", "[at]", " (at) ", " ät ", "(ät)", " at "]),
       st.sampled_from([".", " piste ", "(piste)", " dot ", "(dot)"]), letters, letters)
def test_obfuscated_email_addresses_are_removed(name, domain, tld, at, dot, before, after):
    address = f"{name}{at}{domain}{dot}{tld}"
    cleaned, redacted = redact(f"{before} {address} {after}")
    assert redacted and EMAIL_MARKER in cleaned
    assert address.strip() not in cleaned


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 999),
       st.sampled_from([" ", "\u2013", " - ", "\u2212"]), letters, letters)
def test_identity_codes_written_with_a_space_or_another_dash_are_removed(born, individual, separator, before, after):
    code = official_hetu(born, "-", individual).replace("-", separator)
    cleaned, redacted = redact(f"{before} {code} {after}")
    assert redacted and HETU_MARKER in cleaned
    assert code.strip() not in cleaned


def fi_iban(account: str) -> str:
    """ISO 13616 check digits written out independently: 98 minus (BBAN + 'FI00' as digits) mod 97."""
    check = 98 - int(account + "151800") % 97
    return f"FI{check:02d}{account}"


@given(st.text(alphabet="0123456789", min_size=14, max_size=14), st.booleans(), letters, letters)
def test_finnish_account_numbers_are_removed(account, grouped, before, after):
    iban = fi_iban(account)
    written = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if grouped else iban
    cleaned, redacted = redact(f"{before} {written} {after}")
    assert redacted and IBAN_MARKER in cleaned
    assert not any(ch.isdigit() for ch in cleaned)


def test_a_mistyped_account_number_stays():
    assert redact("tili FI21 1234 5600 0007 86") == ("tili FI21 1234 5600 0007 86", False)


@given(st.sampled_from(["Hämeen", "Tampereen", "Koulu", "Aleksanterin", "Drottning", "Kyrko", "Mannerheimin"]),
       st.sampled_from(["katu", "tie", "kuja", "polku", "gatan", "vägen", "gränd"]), st.integers(1, 250),
       st.sampled_from(["", " A 5", " B", " as. 12", "b"]), st.text(alphabet="0123456789", min_size=5, max_size=5),
       st.sampled_from(["", " Tampere", " Helsingfors", " Espoo"]), st.sampled_from([", ", " "]))
def test_street_addresses_with_a_postal_code_are_removed(street, word, number, flat, postcode, town, comma):
    address = f"{street}{word} {number}{flat}{comma}{postcode}{town}"
    cleaned, redacted = redact(f"Asun osoitteessa {address}.")
    assert redacted and ADDRESS_MARKER in cleaned
    assert postcode not in cleaned and f"{street}{word}" not in cleaned


def test_the_markers_are_the_ones_the_page_asked_for():
    finnish = Markers(hetu="[henkilötunnus poistettu]", phone="[puhelinnumero poistettu]",
                      email="[sähköpostiosoite poistettu]", iban="[tilinumero poistettu]", address="[osoite poistettu]")
    cleaned, _ = redact("Soita 040 123 4567 tai kirjoita nimi(at)esimerkki.fi, tili FI21 1234 5600 0007 85", finnish)
    assert cleaned == ("Soita [puhelinnumero poistettu] tai kirjoita [sähköpostiosoite poistettu], "
                       "tili [tilinumero poistettu]")
    assert redact(cleaned, finnish) == (cleaned, False)
