"""What every chapter of the contract services shares."""

from __future__ import annotations

from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError


def refuse(error: DomainError, status: int = 422) -> ServiceError:
    return ServiceError.from_domain(error, status)
