"""Places at an activity: who gets one, who waits, and who is offered a freed place.

A freed place is offered to the first person on the waiting list, who has a set number of
hours to confirm it; an offer that runs out is passed on to the next person. An offered place
counts as taken while it waits for confirmation, so a place is never promised to two people.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .errors import DomainError


class Status(StrEnum):
    CONFIRMED = "confirmed"
    OFFERED = "offered"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


HOLDS_PLACE = frozenset({Status.CONFIRMED, Status.OFFERED})


@dataclass(frozen=True)
class Seat:
    key: Hashable
    status: Status
    offer_expires_at: datetime | None = None


def status_for_newcomer(capacity: int | None, seats: Sequence[Seat]) -> Status:
    """A newcomer gets a place if one is free and nobody is waiting before them."""
    if capacity is None:
        return Status.CONFIRMED
    held = sum(seat.status in HOLDS_PLACE for seat in seats)
    waiting = any(seat.status == Status.WAITING for seat in seats)
    return Status.CONFIRMED if held < capacity and not waiting else Status.WAITING


def settle(seats: Sequence[Seat], capacity: int | None, now: datetime, hours: int) -> dict[Hashable, Seat]:
    """The changes needed now: offers that ran out expire, and free places are offered to the
    waiting list in sign-up order (``seats`` is in that order). Returns changed seats by key."""
    changes: dict[Hashable, Seat] = {}
    current = []
    for seat in seats:
        if seat.status == Status.OFFERED and seat.offer_expires_at is not None and seat.offer_expires_at <= now:
            seat = Seat(seat.key, Status.EXPIRED)
            changes[seat.key] = seat
        current.append(seat)
    free = None if capacity is None else capacity - sum(seat.status in HOLDS_PLACE for seat in current)
    for seat in current:
        if seat.status != Status.WAITING:
            continue
        if free is None:
            changes[seat.key] = Seat(seat.key, Status.CONFIRMED)
        elif free > 0:
            changes[seat.key] = Seat(seat.key, Status.OFFERED, now + timedelta(hours=hours))
            free -= 1
    return changes


def check_confirmable(seat: Seat, now: datetime) -> None:
    if seat.status == Status.CONFIRMED:
        return
    if seat.status != Status.OFFERED:
        raise DomainError("registration_not_offered")
    if seat.offer_expires_at is None or seat.offer_expires_at <= now:
        raise DomainError("registration_offer_expired")
