"""What every chapter of the contract services shares."""

from __future__ import annotations

from typing import Callable

from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from ..models import Contract

# Another app may keep a contract's KRAs for a time: an alliance agrees them in its development
# phase and freezes them into the contract at the switch to the service phase. That app sits
# above this one, so it registers its check here (alliance.apps) rather than this app asking it.
KRA_KEEPERS: list[Callable[[Contract], DomainError | None]] = []


def refuse(error: DomainError, status: int = 422) -> ServiceError:
    return ServiceError.from_domain(error, status)


def kras_kept(contract: Contract) -> DomainError | None:
    """Why this app may not write the contract's KRAs and indicators now, if it may not."""
    for keeper in KRA_KEEPERS:
        error = keeper(contract)
        if error is not None:
            return error
    return None


def check_kras_open(contract: Contract) -> None:
    error = kras_kept(contract)
    if error is not None:
        raise refuse(error, status=409)
