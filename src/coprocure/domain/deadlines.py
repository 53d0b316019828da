"""Statutory time limits counted the way Finnish law counts them.

- A decision sent electronically is deemed received on the day it was sent; one sent by letter
  on the seventh day after it was sent (Act on Public Procurement and Concession Contracts
  1397/2016, section 128); one handed over in person on that day.
- A period of N days from a day does not count that day: it ends N days later (Act on the
  calculation of statutory time limits 150/1930, section 2).
- A last day that falls on a Saturday, a Sunday or a public holiday, Independence Day, May Day,
  Christmas Eve or Midsummer Eve moves to the next working day (150/1930, section 5). The
  holidays, Easter's moving ones included, come from the ``holidays`` package's Finnish
  calendar, which lists Midsummer Eve and Christmas Eve among them.

The rectification period (section 133), the Market Court appeal period (section 147) and the
standstill (section 129) are all 14 days from the deemed receipt.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

from .errors import DomainError

STATUTORY_DAYS = 14
LETTER_DELAY_DAYS = 7


class Channel(StrEnum):
    ELECTRONIC = "electronic"
    LETTER = "letter"
    IN_PERSON = "in_person"


def deemed_received(sent_on: date, channel: str = Channel.ELECTRONIC) -> date:
    if channel == Channel.LETTER:
        return sent_on + timedelta(days=LETTER_DELAY_DAYS)
    if channel in (Channel.ELECTRONIC, Channel.IN_PERSON):
        return sent_on
    raise DomainError("notification_channel_unknown", "channel")


@lru_cache(maxsize=256)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Finland(years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def period_end(start: date, days: int = STATUTORY_DAYS) -> date:
    """The last day of a period of ``days`` days counted from ``start`` (``start`` not counted)."""
    if days < 0:
        raise DomainError("period_negative", "days")
    return next_working_day(start + timedelta(days=days))
