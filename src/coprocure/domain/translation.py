"""Which language version of a text a reader sees, and how honestly it is labelled.

A translatable text is a mapping ``{language: {"text": str, "origin": "human"|"machine"}}``.
Readers get their own language when a person wrote it or it was machine-translated (then
labelled as such); when it is missing they get the Finnish original with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Mapping

LANGUAGES = ("fi", "sv", "en")
SOURCE_LANGUAGE = "fi"


class Origin(StrEnum):
    HUMAN = "human"
    MACHINE = "machine"


@dataclass(frozen=True)
class Resolved:
    text: str
    language: str
    origin: Origin | None
    is_fallback: bool


def normalise(value: Any) -> dict[str, dict[str, str]]:
    """Accept ``{"fi": "text"}`` or ``{"fi": {"text": ..., "origin": ...}}``; drop empty entries."""
    result: dict[str, dict[str, str]] = {}
    if not isinstance(value, Mapping):
        return result
    for language in LANGUAGES:
        entry = value.get(language)
        if isinstance(entry, str):
            entry = {"text": entry, "origin": Origin.HUMAN.value}
        if not isinstance(entry, Mapping):
            continue
        text = str(entry.get("text") or "").strip()
        if not text:
            continue
        origin = entry.get("origin") or Origin.HUMAN.value
        result[language] = {"text": text, "origin": Origin(origin).value}
    return result


def resolve(value: Any, language: str) -> Resolved:
    texts = normalise(value)
    if language in texts:
        entry = texts[language]
        return Resolved(entry["text"], language, Origin(entry["origin"]), False)
    for fallback in (SOURCE_LANGUAGE, *LANGUAGES):
        if fallback in texts:
            entry = texts[fallback]
            return Resolved(entry["text"], fallback, Origin(entry["origin"]), True)
    return Resolved("", language, None, True)
