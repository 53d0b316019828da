"""Seats of a market dialogue: confirmed only into a free seat of the organisation's own kind;
a user or patient association is refused only when the associations' seats are taken."""

import pytest
from hypothesis import given, strategies as st

from coprocure.domain import market_dialogue as rules
from coprocure.domain.errors import DomainError

kinds = st.sampled_from(list(rules.SeatKind))
counts = st.integers(min_value=0, max_value=50)


@given(kinds, counts, counts)
def test_confirmation_only_into_a_free_seat_of_its_own_kind(kind, taken, seats):
    if taken < seats:
        rules.check_confirmation(kind, taken, seats)
    else:
        with pytest.raises(DomainError):
            rules.check_confirmation(kind, taken, seats)


@given(kinds, counts, counts)
def test_refusal_of_a_user_association_only_when_its_seats_are_taken(kind, taken, seats):
    if kind == rules.SeatKind.USER_ASSOCIATION and taken < seats:
        with pytest.raises(DomainError):
            rules.check_refusal(kind, taken, seats)
    else:
        rules.check_refusal(kind, taken, seats)


def test_a_user_association_sits_in_the_associations_seats():
    assert rules.seat_kind("user_association") == rules.SeatKind.USER_ASSOCIATION
    assert {rules.seat_kind(k) for k in ("company", "association", "foundation", "social_enterprise")} == {
        rules.SeatKind.PROVIDER}
