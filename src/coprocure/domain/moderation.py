"""Moderation by redaction: a moderator hides parts of a public text, never deletes it.

The original text is kept with a list of redactions, each a half-open range ``[start, end)``
of code points and a reason. ``apply`` is the one way a public output shows such a text:
overlapping or touching ranges are merged into one marker, so the result does not depend on
the order the redactions were made in, and repeating a redaction changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import DomainError

REASONS = ("personal_data", "health_information", "insulting", "off_topic")


@dataclass(frozen=True, order=True)
class Redaction:
    start: int
    end: int
    reason: str


def check(text: str, start: int, end: int, reason: str) -> Redaction:
    """A redaction of ``text``, or the first problem with it: an empty range or one that
    reaches outside the text is refused, never clipped, so nobody hides less than they meant."""
    if reason not in REASONS:
        raise DomainError("redaction_reason_unknown", "reason")
    if not 0 <= start < len(text):
        raise DomainError("redaction_out_of_range", "start", {"length": len(text)})
    if not start < end <= len(text):
        raise DomainError("redaction_out_of_range", "end", {"length": len(text)})
    return Redaction(start, end, reason)


def merged(redactions: Iterable[Redaction]) -> list[Redaction]:
    """Ranges sorted and merged where they overlap or touch; a merged range keeps the reason
    of the range that starts first (the earliest in sort order)."""
    result: list[Redaction] = []
    for item in sorted(set(redactions)):
        if result and item.start <= result[-1].end:
            last = result[-1]
            result[-1] = Redaction(last.start, max(last.end, item.end), last.reason)
        else:
            result.append(item)
    return result


def apply(text: str, redactions: Iterable[Redaction], marker: Callable[[str], str] = lambda reason: "[…]") -> str:
    """``text`` with each merged range replaced by ``marker(reason)``. Ranges outside the text
    cannot be stored (see ``check``); any that reach past its end are cut at the end."""
    parts, position = [], 0
    for item in merged(r for r in redactions if r.start < len(text)):
        parts.append(text[position:item.start])
        parts.append(marker(item.reason))
        position = min(item.end, len(text))
    parts.append(text[position:])
    return "".join(parts)


def from_stored(rows: Iterable[dict]) -> list[Redaction]:
    return [Redaction(int(row["start"]), int(row["end"]), str(row["reason"])) for row in rows]
