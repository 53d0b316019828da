"""The refusals every chapter of the procedures' services shares: tendering's own, and the
audited refusal of an attempt on sealed requests."""

from __future__ import annotations

from django.db import transaction

from coprocure.audit import services as audit
from coprocure.tendering.services._common import fail, refused

__all__ = ["fail", "refused", "refuse_sealed"]


def refuse_sealed(actor, call, route: str):
    """Record an attempt to reach sealed requests and return the refusal to raise."""
    with transaction.atomic():
        audit.record(actor, "procedures.sealed_access_refused", call, None, {"route": route})
    return fail("requests_sealed", status=409)
