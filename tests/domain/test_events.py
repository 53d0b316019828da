from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.errors import DomainError
from coprocure.domain.events import HOLDS_PLACE, Seat, Status, check_confirmable, settle, status_for_newcomer

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)

seats_strategy = st.lists(
    st.builds(lambda status, hours: Seat(None, status, NOW + timedelta(hours=hours) if status == Status.OFFERED else None),
              st.sampled_from(list(Status)), st.integers(-48, 48)),
    max_size=25,
).map(lambda seats: [Seat(index, seat.status, seat.offer_expires_at) for index, seat in enumerate(seats)])


def apply(seats, changes):
    return [changes.get(seat.key, seat) for seat in seats]


def test_a_cancellation_offers_the_place_to_the_first_in_line():
    seats = [Seat(1, Status.CANCELLED), Seat(2, Status.CONFIRMED), Seat(3, Status.WAITING), Seat(4, Status.WAITING)]
    changes = settle(seats, capacity=2, now=NOW, hours=24)
    assert changes == {3: Seat(3, Status.OFFERED, NOW + timedelta(hours=24))}


def test_an_offer_that_ran_out_passes_to_the_next_person():
    seats = [Seat(1, Status.CONFIRMED), Seat(2, Status.OFFERED, NOW - timedelta(minutes=1)), Seat(3, Status.WAITING)]
    changes = settle(seats, capacity=2, now=NOW, hours=48)
    assert changes[2].status == Status.EXPIRED and changes[3].status == Status.OFFERED


def test_newcomers_queue_behind_people_already_waiting():
    assert status_for_newcomer(2, [Seat(1, Status.CONFIRMED)]) == Status.CONFIRMED
    assert status_for_newcomer(1, [Seat(1, Status.CONFIRMED)]) == Status.WAITING
    assert status_for_newcomer(None, [Seat(1, Status.CONFIRMED)] * 30) == Status.CONFIRMED


def test_only_a_live_offer_can_be_confirmed():
    check_confirmable(Seat(1, Status.OFFERED, NOW + timedelta(hours=1)), NOW)
    with pytest.raises(DomainError) as expired:
        check_confirmable(Seat(1, Status.OFFERED, NOW), NOW)
    assert expired.value.code == "registration_offer_expired"
    with pytest.raises(DomainError):
        check_confirmable(Seat(1, Status.WAITING), NOW)


@given(seats_strategy, st.integers(0, 10), st.integers(1, 72))
def test_settling_never_overbooks_and_keeps_the_queue_order(seats, capacity, hours):
    after = apply(seats, settle(seats, capacity, NOW, hours))
    held_before = sum(seat.status in HOLDS_PLACE and not (seat.status == Status.OFFERED and seat.offer_expires_at <= NOW)
                      for seat in seats)
    held = sum(seat.status in HOLDS_PLACE for seat in after)
    assert held <= max(capacity, held_before)
    assert not any(seat.status == Status.OFFERED and seat.offer_expires_at <= NOW for seat in after)
    # Nobody is left waiting while a place is free, and nobody jumps the queue.
    waiting = [seat.key for seat in after if seat.status == Status.WAITING]
    if waiting:
        assert held >= capacity
        promoted = [key for key, seat in settle(seats, capacity, NOW, hours).items() if seat.status == Status.OFFERED]
        assert all(key < min(waiting) for key in promoted)
    assert settle(after, capacity, NOW, hours) == {}
