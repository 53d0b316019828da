"""An innovation partnership's research and development milestones (issue 21 item 4), as pure rules.

An ``rd_milestone`` stage holds milestones the authority sets before the stage opens; each
partner submits its result for a milestone before the milestone's due time; the accountable
official accepts it or not, once per partner and milestone; after a milestone not accepted the
official may end that partner's partnership; and the service phase begins only when every
milestone of every remaining partner is accepted (Directive 2014/24/EU article 31(2)-(3): the
partnership is structured in successive phases with intermediate targets, and the authority may
end it, or the partnership with one partner, after each phase).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from decimal import Decimal

from .errors import DomainError

WHOLE_PRICE = Decimal(100)


def check_price_shares(shares: Iterable[Decimal | None]) -> None:
    """The shares of the price tied to milestones together are at most the whole price."""
    if sum((share for share in shares if share is not None), Decimal(0)) > WHOLE_PRICE:
        raise DomainError("milestone_shares_over_whole", "price_share")


def check_result_in_time(now: datetime, due_at: datetime) -> None:
    if now >= due_at:
        raise DomainError("milestone_result_late")


def check_may_end(decisions: Iterable[bool]) -> None:
    """A partnership is ended only after a result of that partner was not accepted."""
    if all(decisions):
        raise DomainError("partnership_end_without_refusal")


def missing(milestones: Collection[int], partners: Collection[int], accepted: Collection[tuple[int, int]]
            ) -> list[tuple[int, int]]:
    """Every (milestone, partner) pair not yet accepted, in order."""
    done = set(accepted)
    return [(m, p) for m in sorted(milestones) for p in sorted(partners) if (m, p) not in done]


def check_service_phase(milestones: Collection[int], partners: Collection[int],
                        accepted: Collection[tuple[int, int]]) -> None:
    """The service phase begins with at least one partner and one milestone, every milestone of
    every remaining partner accepted."""
    if not milestones:
        raise DomainError("service_phase_no_milestones")
    if not partners:
        raise DomainError("service_phase_no_partners")
    if missing(milestones, partners, accepted):
        raise DomainError("service_phase_milestones_open")
