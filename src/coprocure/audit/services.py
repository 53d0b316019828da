"""Writing to and checking the audit trail. ``record`` is called inside the caller's
transaction, so an entry exists exactly when the change it describes was committed."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from coprocure.domain import audit_chain

from .models import AuditEntry, AuditHead


def _head_for_update() -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditHead.objects.get_or_create(pk=1)
        head = AuditHead.objects.select_for_update().get(pk=1)
    return head


def record(actor, action: str, obj: Any, before: dict | None = None, after: dict | None = None) -> AuditEntry:
    """Append one entry. The head row lock serialises writers so the chain has no forks."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction of the change it records")
    head = _head_for_update()
    entry = AuditEntry(
        sequence=head.sequence + 1,
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_label(actor),
        action=action,
        object_type=obj._meta.label_lower if hasattr(obj, "_meta") else str(type(obj).__name__),
        object_id=str(getattr(obj, "pk", obj)),
        before=_plain(before),
        after=_plain(after),
        previous_hash=head.hash,
    )
    entry.hash = audit_chain.link_hash(head.hash, entry.payload())
    entry.save()
    head.sequence, head.hash = entry.sequence, entry.hash
    head.save(update_fields=["sequence", "hash"])
    return entry


PERSONAL_DATA_READ = "personal_data.read"


def record_personal_data_read(actor, what: str, obj: Any, people) -> AuditEntry:
    """Staff saw personal data: who (the actor), what (a stable name of the view or export and
    the object it was about), whose (account ids, never names: the trail must not become a copy
    of the data) and when. Every staff page, API answer and export that shows people's personal
    data calls this one function, in its own transaction so that a read is recorded even when
    nothing else is written."""
    whose = sorted({getattr(person, "pk", person) for person in people if person is not None})
    with transaction.atomic():
        return record(actor, PERSONAL_DATA_READ, obj, None, {"what": what, "whose": [f"user:{pk}" for pk in whose]})


def _plain(data: dict | None) -> dict | None:
    """JSON primitives only, so the hash computed now equals the one computed on read-back."""
    return None if data is None else json.loads(json.dumps(data, default=str))


def _label(actor) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "system"
    return f"user:{actor.pk}"


def verify() -> audit_chain.Break | None:
    head = AuditHead.objects.filter(pk=1).first()
    entries = (
        audit_chain.StoredEntry(e.sequence, e.payload(), e.previous_hash, e.hash)
        for e in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000)
    )
    return audit_chain.verify(entries, head.sequence if head else 0, head.hash if head else audit_chain.GENESIS)
