"""What every chapter of the procedures' services shares: tendering's own refusals, the audited
refusal of an attempt on sealed requests or initial bids, and the two officials' opening."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.services import require_accountable
from coprocure.tendering import sealing
from coprocure.tendering.services._common import fail, refused

__all__ = ["fail", "refused", "refuse_sealed", "request_or_open", "require_the_accountable"]


def require_the_accountable(actor, procurement) -> None:
    """The procedure's decisions are the procurement's accountable official's (or, where none is
    named yet, an official of the authority's)."""
    require_accountable(actor, procurement.authority_id, field=None, status=403)
    if procurement.accountable_official_id not in (None, actor.pk):
        raise fail("not_the_accountable_official", status=403)


def refuse_sealed(actor, box, route: str, code: str = "requests_sealed"):
    """Record an attempt to reach sealed requests (or initial bids) and return the refusal to raise."""
    with transaction.atomic():
        audit.record(actor, "procedures.sealed_access_refused", box, None, {"route": route})
    return fail(code, status=409)


def request_or_open(actor, box, items, action: str, already: str):
    """Two officials open a sealed box (a call's requests, a round's initial bids), the caller
    holding its row lock: the first asks, another confirms and the live items are unsealed."""
    if box.is_opened:
        raise fail(already, status=409)
    if box.opening_requested_by_id is None:
        box.opening_requested_by = actor
        box.save(update_fields=["opening_requested_by"])
        audit.record(actor, f"{action}_request", box, None, {"requested_by": actor.pk})
        return box
    if box.opening_requested_by_id == actor.pk:
        raise fail("opening_same_official", status=409)
    private_key = sealing.unwrap(box.wrapped_private_key)
    opened = []
    for item in items.filter(withdrawn_at__isnull=True):
        item.content = sealing.unseal(private_key, box.pk, item.pk, item.sealed_content)
        item.save(update_fields=["content"])
        opened.append(item.pk)
    box.opened_at, box.opened_by = timezone.now(), actor
    box.save(update_fields=["opened_at", "opened_by"])
    audit.record(actor, action, box, None, {
        "opened": opened, "requested_by": box.opening_requested_by_id, "confirmed_by": actor.pk})
    return box
