"""The front door's rules: an activity's short address and how long taking part takes.

Short addresses are for posters and for reading out: a letter for what the activity is and its
number (``s12`` the survey 12, ``e7`` the event 7, ``i3`` the idea form of contract 3). They need
not be unguessable, since every activity on the front door is public anyway; they must be short,
stable and unambiguous.
"""

from __future__ import annotations

import math
import re
from enum import Enum


class CardKind(str, Enum):
    SURVEY = "survey"
    EVENT = "event"
    IDEA_FORM = "idea_form"
    PANEL = "panel"


LETTERS = {CardKind.SURVEY: "s", CardKind.EVENT: "e", CardKind.IDEA_FORM: "i", CardKind.PANEL: "p"}
_KINDS = {letter: kind for kind, letter in LETTERS.items()}
# Case-insensitive: a code typed from a poster may come in capitals.
_CODE = re.compile(r"^([a-z])([1-9][0-9]{0,11})$", re.IGNORECASE)


def short_code(kind: CardKind, number: int) -> str:
    if number < 1:
        raise ValueError("an activity's number is positive")
    return f"{LETTERS[kind]}{number}"


def parse_code(code: str) -> tuple[CardKind, int] | None:
    """The kind and number a short code names, or None for anything that is not one."""
    match = _CODE.match(code or "")
    if match is None or match.group(1).lower() not in _KINDS:
        return None
    return _KINDS[match.group(1).lower()], int(match.group(2))


# Seconds a person takes per question, by kind, on a phone: reading, choosing, and for a free
# text writing a few sentences. Conservative, so that "about 3 minutes" is rarely more.
SECONDS_PER_QUESTION = {"likert": 15, "single": 20, "multiple": 25, "number": 15, "text": 75}
# The two background questions every anonymous form ends with (target group, age band).
BACKGROUND_SECONDS = 20
# Writing an idea on the idea form: one text and who one is.
IDEA_FORM_MINUTES = 5
# Volunteering for a panel: a name, a contact and a few background questions.
PANEL_MINUTES = 3


def survey_minutes(question_kinds: dict[str, int]) -> int:
    """How many minutes answering takes, computed from the survey's questions (never stored,
    so it follows every question added): whole minutes, at least one."""
    seconds = BACKGROUND_SECONDS + sum(SECONDS_PER_QUESTION.get(kind, 30) * count
                                       for kind, count in question_kinds.items())
    return max(1, math.ceil(seconds / 60))


def places_left(capacity: int | None, holding: int) -> int | None:
    """Free places of an event with a capacity (never below zero), None when it has no limit."""
    if capacity is None:
        return None
    return max(0, capacity - holding)
