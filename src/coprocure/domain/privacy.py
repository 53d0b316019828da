"""Protecting the people who answer: free-text redaction and small-group suppression.

Free text is cleaned on arrival, before anything is stored, so a personal identity code,
phone number or e-mail address typed into an answer never reaches the database, an export or
a backup. Counts of fewer than k people are never shown, and a hidden count must not be
recoverable from the counts and the total that are shown.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date

from .identifiers import HETU_CENTURIES, hetu_check_char

HETU_MARKER = "[hetu]"
PHONE_MARKER = "[phone]"
EMAIL_MARKER = "[email]"
DEFAULT_K = 5

_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# No word-boundary requirement: a valid code glued to other characters is still a person's
# code, and over-redacting a number that happens to look exactly like one costs nothing.
_HETU = re.compile(
    r"(\d{2})(\d{2})(\d{2})([" + re.escape("".join(HETU_CENTURIES)) + r"])(\d{3})([0-9A-Z])", re.IGNORECASE
)
# Finnish numbers start with 0 (or +358 / 00358 instead of the 0) and may be grouped with
# spaces or hyphens: 040 123 4567, +358 40 1234567, 09-123 456.
_PHONE = re.compile(r"(?<![\w+\-])(?:(?:\+|00)358[\s-]?(?:\(0\)\s?)?|0)\d(?:[\s-]?\d){4,11}(?!\d)")
_NATIONAL_DIGITS = range(7, 13)  # including the leading 0: 02 12345 … 0400 1234 5678


def is_valid_hetu(text: str) -> bool:
    match = _HETU.fullmatch(text)
    return bool(match) and _hetu_match_is_valid(match)


def _hetu_match_is_valid(match: re.Match) -> bool:
    day, month, year, sign, individual, check = match.groups()
    try:
        date(HETU_CENTURIES[sign.upper()] + int(year), int(month), int(day))
    except ValueError:
        return False
    return hetu_check_char(day + month + year, individual) == check.upper()


def _phone_digits(found: str) -> int:
    digits = re.sub(r"\D", "", found)
    if found.startswith(("+", "00")):
        digits = "0" + digits.removeprefix("00").removeprefix("358").removeprefix("0")
    return len(digits)


def _redact_once(text: str) -> tuple[str, bool]:
    hits = False

    def replace_hetu(match: re.Match) -> str:
        nonlocal hits
        if not _hetu_match_is_valid(match):
            return match.group(0)
        hits = True
        return HETU_MARKER

    def replace_phone(match: re.Match) -> str:
        nonlocal hits
        if _phone_digits(match.group(0)) not in _NATIONAL_DIGITS:
            return match.group(0)
        hits = True
        return PHONE_MARKER

    text, emails = _EMAIL.subn(EMAIL_MARKER, text)
    text = _HETU.sub(replace_hetu, text)
    text = _PHONE.sub(replace_phone, text)
    return text, hits or emails > 0


def redact(text: str) -> tuple[str, bool]:
    """Return the text with identity codes, phone numbers and e-mail addresses replaced by
    markers, and whether anything was replaced.

    Repeats until nothing changes: removing one identifier can expose another (digits that
    only now stand apart), and a second pass over stored text must find nothing.
    """
    redacted = False
    while True:
        text, changed = _redact_once(text)
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
