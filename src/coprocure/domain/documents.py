"""Versioned tender documents: the service description and the minimum requirements.

A document is a list of numbered sections (a heading and a text per language). Publishing
freezes the current sections as a new version; versions are never changed afterwards, and any
two can be compared section by section and word by word.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable

from .errors import DomainError

KINDS = ("service_description", "minimum_requirements")
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    """A run of words in a word-level comparison: ``equal``, ``insert`` (only in the new text)
    or ``delete`` (only in the old text)."""

    op: str
    text: str


@dataclass(frozen=True)
class SectionChange:
    number: int
    status: str  # added, removed, changed, unchanged
    heading: dict[str, list[Segment]]
    text: dict[str, list[Segment]]


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise DomainError("document_kind_unknown", "kind")
    return kind


def check_publishable(sections: list[dict], previous: list[dict] | None) -> None:
    """A version needs at least one section and must differ from the version before it."""
    if not sections:
        raise DomainError("document_empty")
    if previous is not None and _comparable(sections) == _comparable(previous):
        raise DomainError("document_unchanged")


def _comparable(sections: Iterable[dict]) -> list:
    return [(s["number"], _texts(s.get("heading")), _texts(s.get("text"))) for s in sections]


def _texts(value) -> dict[str, str]:
    """{language: text} from a stored translated value, empty languages left out."""
    result = {}
    for language, entry in (value or {}).items():
        text = entry.get("text", "") if isinstance(entry, dict) else str(entry)
        if text:
            result[language] = text
    return result


def words(old: str, new: str) -> list[Segment]:
    """The word-level changes from ``old`` to ``new``; whitespace stays with the words so the
    equal and deleted runs join back to ``old`` and the equal and inserted runs to ``new``."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("delete", "".join(before[i1:i2])))
        if j2 > j1:
            segments.append(Segment("insert", "".join(after[j1:j2])))
    return segments


def _field_diff(old, new) -> dict[str, list[Segment]]:
    old_texts, new_texts = _texts(old), _texts(new)
    return {language: words(old_texts.get(language, ""), new_texts.get(language, ""))
            for language in sorted(set(old_texts) | set(new_texts))}


def diff(old: list[dict], new: list[dict]) -> list[SectionChange]:
    """Section-by-section changes between two versions, matched by section number, in the
    order of the new version followed by the removed sections."""
    previous = {s["number"]: s for s in old}
    current = {s["number"]: s for s in new}
    changes = []
    for section in new:
        before = previous.get(section["number"])
        if before is None:
            status = "added"
        elif _comparable([before]) == _comparable([section]):
            status = "unchanged"
        else:
            status = "changed"
        empty = {"number": section["number"]}
        base = before or empty
        changes.append(SectionChange(section["number"], status, _field_diff(base.get("heading"), section.get("heading")),
                                     _field_diff(base.get("text"), section.get("text"))))
    for section in old:
        if section["number"] not in current:
            changes.append(SectionChange(section["number"], "removed", _field_diff(section.get("heading"), None),
                                         _field_diff(section.get("text"), None)))
    return changes


def next_number(numbers: Iterable[int]) -> int:
    """Sections keep their number for life, so a removed number is never given out again."""
    return max(numbers, default=0) + 1


def check_requirement(number: int | None, published: Iterable[int]) -> None:
    """An exclusion for a failed minimum requirement must cite one of the published ones."""
    if number is not None and number not in set(published):
        raise DomainError("requirement_unknown", "requirement")
