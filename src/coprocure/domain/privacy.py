"""Protecting the people who answer: free-text redaction and small-group suppression.

Free text is cleaned on arrival, before anything is stored, so a personal identity code,
phone number, e-mail address, account number or street address typed into an answer never
reaches the database, an export or a backup, however it is written. Counts of fewer than k people are never shown, and a hidden count must not be
recoverable from the counts and the total that are shown.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date

from .identifiers import HETU_CENTURIES, hetu_check_char

DEFAULT_K = 5


@dataclass(frozen=True)
class Markers:
    """What stands in place of each kind of removed text. The service layer passes them
    translated into the language of the page the text was written on; the defaults are codes."""

    hetu: str = "[hetu]"
    phone: str = "[phone]"
    email: str = "[email]"
    iban: str = "[iban]"
    address: str = "[address]"


CODES = Markers()
HETU_MARKER, PHONE_MARKER, EMAIL_MARKER, IBAN_MARKER, ADDRESS_MARKER = (
    CODES.hetu, CODES.phone, CODES.email, CODES.iban, CODES.address)

# The "@" as people write it to fool harvesters: (at), [at], {at}, " ät ", " at ", "(a)"; and
# the dot as "piste", "dot" or "(.)" between the name and the domain.
_AT = r"(?:@|\s*[(\[{]\s*(?:at|ät|a|miukumauku)\s*[)\]}]\s*|\s+(?:at|ät)\s+)"
_DOT = r"(?:\.|\s*[(\[{]\s*(?:dot|piste|punkt|\.)\s*[)\]}]\s*|\s+(?:dot|piste|punkt)\s+)"
_EMAIL = re.compile(
    r"[\w.%+-]+" + _AT + r"[\w-]+(?:" + _DOT + r"[\w-]+)*" + _DOT + r"[A-Za-z]{2,}(?![\w-])", re.IGNORECASE
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus
_SIGNS = re.escape("".join(HETU_CENTURIES))
# No word-boundary requirement: a valid code glued to other characters is still a person's
# code, and over-redacting a number that happens to look exactly like one costs nothing. The
# century sign may be mistyped as a space or another dash; the check character does not depend
# on the century, so such a code is still recognised (and its date checked in every century).
_HETU = re.compile(
    r"(\d{2})(\d{2})(\d{2})\s?([" + _SIGNS + _DASHES + r"]|\s)\s?(\d{3})([0-9A-Z])", re.IGNORECASE
)
# Finnish numbers start with 0 (or +358 / 00358 instead of the 0), the area code may stand in
# parentheses, and groups may be separated by spaces, hyphens, other dashes or dots:
# 040 123 4567, +358 40 1234567, 09-123 456, (09) 123 4567, 040–123 4567, 040.123.4567.
_SEP = r"[\s." + _DASHES + r"-]?"
_PHONE = re.compile(
    r"(?<![\w+\-])(?:(?:\+|00)358" + _SEP + r"(?:\(0\)\s?)?\d|\(0\d{1,3}\)|0\d)(?:" + _SEP + r"\d){4,11}(?!\d)"
)
_NATIONAL_DIGITS = range(7, 13)  # including the leading 0: 02 12345 … 0400 1234 5678
# A Finnish account number: FI, two check digits and 14 digits, often in groups of four.
_IBAN = re.compile(r"(?<![A-Za-z0-9])FI\s?(\d{2})((?:\s?\d){14})(?!\d)", re.IGNORECASE)
# A street address is only recognised with its postal code, which keeps ordinary text ("the
# library is on the main street") as it is: a street name ending in a Finnish or Swedish street
# word, a house number (with staircase and flat), optionally a comma, five digits and a town.
_STREET_WORDS = ("katu", "tie", "kuja", "polku", "väylä", "tori", "ranta", "raitti", "kaari", "rinne", "mäki",
                 "puistikko", "katu", "bulevardi", "esplanadi", "gatan", "gata", "vägen", "väg", "gränd",
                 "stigen", "torget", "backen", "kajen", "esplanaden")
_ADDRESS = re.compile(
    r"\b[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:" + "|".join(_STREET_WORDS) + r")\s+\d{1,4}(?:\s?[a-zA-Z])?(?:\s?[A-Z]\s?\d{1,3})?"
    r"(?:\s?(?:as\.?|bst\.?|lgh\.?)\s?\d{1,3})?,?\s+\d{5}(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]+)?"
)


def is_valid_hetu(text: str) -> bool:
    match = _HETU.fullmatch(text)
    return bool(match) and _hetu_match_is_valid(match)


def _hetu_match_is_valid(match: re.Match) -> bool:
    day, month, year, sign, individual, check = match.groups()
    centuries = [HETU_CENTURIES[sign.upper()]] if sign.upper() in HETU_CENTURIES else sorted(set(HETU_CENTURIES.values()))
    if not any(_is_date(century + int(year), int(month), int(day)) for century in centuries):
        return False
    return hetu_check_char(day + month + year, individual) == check.upper()


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _phone_digits(found: str) -> int:
    digits = re.sub(r"\D", "", found)
    if found.startswith(("+", "00")):
        digits = "0" + digits.removeprefix("00").removeprefix("358").removeprefix("0")
    return len(digits)


def is_valid_iban(text: str) -> bool:
    """A Finnish IBAN (ISO 13616: the country code and check digits moved to the end, letters
    as numbers, the whole modulo 97 is 1)."""
    compact = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"FI\d{16}", compact):
        return False
    rearranged = compact[4:] + "1518" + compact[2:4]  # F = 15, I = 18
    return int(rearranged) % 97 == 1


def _replace_valid(pattern: re.Pattern, text: str, valid, marker: str) -> tuple[str, bool]:
    """Replace every match of ``pattern`` that ``valid`` accepts. Unlike ``pattern.sub``, a
    candidate that is not valid does not swallow the characters of a valid one overlapping it
    ("000000 0101" is no identity code, but it must not hide the code that starts at "01"):
    every position where a match can start is tried."""
    parts, done, hit = [], 0, False
    for start in (found.start() for found in re.finditer(f"(?=(?:{pattern.pattern}))", text, pattern.flags)):
        if start < done:
            continue
        match = pattern.match(text, start)
        if match and valid(match):
            parts += [text[done:start], marker]
            done, hit = match.end(), True
    return "".join(parts) + text[done:], hit


def _redact_once(text: str, markers: Markers) -> tuple[str, bool]:
    text, emails = _EMAIL.subn(markers.email, text)
    text, ibans = _replace_valid(_IBAN, text, lambda match: is_valid_iban(match.group(0)), markers.iban)
    text, addresses = _ADDRESS.subn(markers.address, text)
    text, codes = _replace_valid(_HETU, text, _hetu_match_is_valid, markers.hetu)
    text, phones = _replace_valid(
        _PHONE, text, lambda match: _phone_digits(match.group(0)) in _NATIONAL_DIGITS, markers.phone)
    return text, ibans or codes or phones or emails > 0 or addresses > 0


def redact(text: str, markers: Markers = CODES) -> tuple[str, bool]:
    """Return the text with identity codes, phone numbers, e-mail addresses, Finnish account
    numbers and street addresses replaced by ``markers``, and whether anything was replaced.

    Repeats until nothing changes: removing one identifier can expose another (digits that
    only now stand apart), and a second pass over stored text must find nothing.
    """
    redacted = False
    while True:
        text, changed = _redact_once(text, markers)
        if not changed:
            return text, redacted
        redacted = True


def reaches_k(n: int, k: int = DEFAULT_K) -> bool:
    """The threshold rule: a figure about ``n`` people may be shown on its own when ``n`` is at
    least ``k``. Every suppression, here and in the visibility policy, starts from this rule."""
    return n >= k


@dataclass(frozen=True)
class Suppression:
    hidden: frozenset  # the groups whose counts are not shown
    total_shown: bool

    def shows(self, group: Hashable) -> bool:
        return group not in self.hidden


def suppress(counts: Mapping[Hashable, int], k: int = DEFAULT_K) -> Suppression:
    """Decide which counts may be shown when groups of fewer than ``k`` people are protected.

    A count of 1..k-1 is hidden (primary suppression). Zero is shown: it describes nobody.
    While the total is shown, the hidden counts must not be derivable from it, so a lone hidden
    count (or hidden counts that add up to fewer than k) takes the next smallest counts with
    it (complementary suppression). When no count is left to hide with it, the total is hidden
    instead. A total of fewer than k people is itself a small group.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    total = sum(counts.values())
    hidden = {group for group, n in counts.items() if 0 < n and not reaches_k(n, k)}
    # Smallest first; ties broken by the group's text so the choice is stable between runs.
    candidates = sorted(
        (group for group, n in counts.items() if reaches_k(n, k)), key=lambda group: (counts[group], str(group))
    )
    while hidden and (len(hidden) == 1 or not reaches_k(sum(counts[g] for g in hidden), k)) and candidates:
        hidden.add(candidates.pop(0))
    unsafe = bool(hidden) and (len(hidden) == 1 or not reaches_k(sum(counts[g] for g in hidden), k))
    return Suppression(frozenset(hidden), total_shown=not unsafe and (total == 0 or reaches_k(total, k)))
