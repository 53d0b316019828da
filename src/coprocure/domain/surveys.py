"""Survey answers: which value each question kind accepts, checked before anything is stored.

The same rules serve online answers, answers entered from paper and phone interviews, and
public API clients, so every channel fails the same way on the same mistake.
"""

from __future__ import annotations

import re

import math
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .errors import DomainError
from .privacy import CODES, Markers, redact

MAX_TEXT_LENGTH = 5000
OTHER = "other"  # the choice value meaning "something else", with its own free text
LIKERT_VALUES = range(1, 6)


class QuestionKind(StrEnum):
    LIKERT = "likert"
    SINGLE = "single"
    MULTIPLE = "multiple"
    NUMBER = "number"
    TEXT = "text"


class SurveyMode(StrEnum):
    ANONYMOUS = "anonymous"
    IDENTIFIED = "identified"


class Channel(StrEnum):
    ONLINE = "online"
    ASSISTED = "assisted"
    PAPER = "paper"
    PHONE = "phone"


@dataclass(frozen=True)
class QuestionRule:
    key: str  # the field name errors are reported under
    kind: QuestionKind
    required: bool
    choices: tuple[str, ...] = ()
    allow_other: bool = False
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class CleanAnswer:
    value: object
    redacted: bool


def is_open(opens_at: datetime | None, closes_at: datetime | None, now: datetime) -> bool:
    return (opens_at is None or opens_at <= now) and (closes_at is None or now < closes_at)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _is_blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _text(value, field: str, markers: Markers = CODES) -> tuple[str, bool]:
    if not isinstance(value, str):
        raise DomainError("answer_wrong_type", field)
    if len(value) > MAX_TEXT_LENGTH:
        raise DomainError("answer_too_long", field, {"max": MAX_TEXT_LENGTH})
    # PostgreSQL cannot store NUL, and control characters never carry meaning in an answer.
    return redact(_CONTROL.sub("", value).strip(), markers)


def _choice(value, rule: QuestionRule, markers: Markers = CODES) -> tuple[object, bool]:
    """A choice is its value, or ``{"choice": "other", "text": "..."}`` when the question allows it."""
    if isinstance(value, dict):
        if not rule.allow_other or value.get("choice") != OTHER:
            raise DomainError("answer_not_a_choice", rule.key)
        text, redacted = _text(value.get("text", ""), rule.key, markers)
        if not text:
            raise DomainError("answer_other_empty", rule.key)
        return {"choice": OTHER, "text": text}, redacted
    if not isinstance(value, str):
        raise DomainError("answer_wrong_type", rule.key)
    if value not in rule.choices:
        raise DomainError("answer_not_a_choice", rule.key)
    return value, False


def clean_answer(rule: QuestionRule, value, markers: Markers = CODES) -> CleanAnswer | None:
    """The value to store for one question, None when an optional question was skipped."""
    if _is_blank(value):
        if rule.required:
            raise DomainError("answer_required", rule.key)
        return None
    if rule.kind is QuestionKind.LIKERT:
        if isinstance(value, bool) or not isinstance(value, int) or value not in LIKERT_VALUES:
            raise DomainError("answer_wrong_type", rule.key)
        return CleanAnswer(value, False)
    if rule.kind is QuestionKind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise DomainError("answer_wrong_type", rule.key)
        if (rule.minimum is not None and value < rule.minimum) or (rule.maximum is not None and value > rule.maximum):
            raise DomainError("answer_out_of_range", rule.key, {"min": rule.minimum, "max": rule.maximum})
        return CleanAnswer(value, False)
    if rule.kind is QuestionKind.TEXT:
        text, redacted = _text(value, rule.key, markers)
        if not text:
            if rule.required:
                raise DomainError("answer_required", rule.key)
            return None
        return CleanAnswer(text, redacted)
    if rule.kind is QuestionKind.SINGLE:
        return CleanAnswer(*_choice(value, rule, markers))
    if not isinstance(value, list):
        raise DomainError("answer_wrong_type", rule.key)
    chosen, redacted, seen = [], False, set()
    for item in value:
        clean, item_redacted = _choice(item, rule, markers)
        marker = clean if isinstance(clean, str) else OTHER
        if marker in seen:
            raise DomainError("answer_duplicate_choice", rule.key)
        seen.add(marker)
        chosen.append(clean)
        redacted = redacted or item_redacted
    return CleanAnswer(chosen, redacted)


def clean_answers(rules: list[QuestionRule], answers: dict, markers: Markers = CODES) -> tuple[dict[str, CleanAnswer], list[DomainError]]:
    """Check every answer; return the clean values and every problem found (not only the first),
    so a person filling in a long form sees all their mistakes at once."""
    known = {rule.key for rule in rules}
    problems = [DomainError("answer_unknown_question", key) for key in answers if key not in known]
    clean = {}
    for rule in rules:
        try:
            result = clean_answer(rule, answers.get(rule.key), markers)
        except DomainError as error:
            problems.append(error)
            continue
        if result is not None:
            clean[rule.key] = result
    return clean, problems


def answer_day(now: datetime) -> date:
    """Anonymous answers keep only the day: a finer time could be matched to a visit log."""
    return now.date()
