"""Seats of a market dialogue stage: providers and user or patient associations each have their
own places, so providers can never take the places kept for the people the service is for."""

from __future__ import annotations

from enum import StrEnum

from .errors import DomainError


class SeatKind(StrEnum):
    PROVIDER = "provider"
    USER_ASSOCIATION = "user_association"


def seat_kind(organisation_kind: str) -> SeatKind:
    """A user or patient association sits in the associations' seats; every other organisation
    (company, association, foundation, social enterprise) in the providers'."""
    return SeatKind.USER_ASSOCIATION if organisation_kind == "user_association" else SeatKind.PROVIDER


def check_confirmation(kind: SeatKind, confirmed_of_kind: int, seats_of_kind: int) -> None:
    """A registration is confirmed only into a free seat of its own kind."""
    if confirmed_of_kind >= seats_of_kind:
        raise DomainError("dialogue_seats_full", None, {"seats": seats_of_kind})


def check_refusal(kind: SeatKind, confirmed_of_kind: int, seats_of_kind: int) -> None:
    """A user or patient association is never turned away while a seat kept for associations is free."""
    if kind == SeatKind.USER_ASSOCIATION and confirmed_of_kind < seats_of_kind:
        raise DomainError("dialogue_user_seat_kept", None, {"free": seats_of_kind - confirmed_of_kind})
