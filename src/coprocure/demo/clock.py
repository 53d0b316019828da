"""The demo's clock: a finished procedure replayed at the times it happened.

The services date every step by ``timezone.now()`` and refuse what is too early or too late (a
stage opened before its time, a request after its deadline, bids opened before it). A procedure
that stands finished in the demo is therefore written step by step at its own historical moments,
so that every one of those checks runs as it would have then and every stored time and audit entry
tells the same story.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from django.utils import timezone

HELSINKI = ZoneInfo("Europe/Helsinki")


def moment(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


@contextmanager
def at(when: datetime) -> Iterator[None]:
    with mock.patch.object(timezone, "now", return_value=when):
        yield
