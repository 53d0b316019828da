"""What every chapter of the tendering services shares: the refusals and the locked tender."""

from __future__ import annotations

from django.db import transaction

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError, fail

from ..models import Tender


def refused(error: DomainError, status: int = 422) -> ServiceError:
    """A domain rule's refusal as the service's error."""
    return ServiceError.from_domain(error, status=status)


def refuse_sealed(actor: User | None, tender: Tender, route: str) -> ServiceError:
    """Record an attempt to reach sealed bid content and return the refusal to raise."""
    with transaction.atomic():
        audit.record(actor, "tendering.sealed_access_refused", tender, None, {"route": route})
    return fail("bids_sealed", status=409)


def locked_tender(tender: Tender) -> Tender:
    return Tender.objects.select_for_update().select_related("procurement").get(pk=tender.pk)


def require_draft(tender: Tender) -> None:
    if tender.is_published:
        raise fail("tender_published", status=409)
