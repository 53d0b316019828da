"""What every chapter of the procedures' services shares: tendering's own refusals, the audited
refusal of an attempt on sealed requests or initial bids, sending, replacing and withdrawing
them, the two officials' opening and the fields of a published decision."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.services import require, require_accountable
from coprocure.domain import procedure as rules
from coprocure.domain.errors import DomainError
from coprocure.tendering import sealing
from coprocure.tendering.models import NotificationChannel
from coprocure.tendering.services._common import fail, refused

__all__ = ["decision_fields", "fail", "refused", "refuse_sealed", "request_or_open", "require_may_open",
           "require_submitting", "require_the_accountable", "seal_submission", "submission_facts",
           "withdraw_submission"]


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


def require_submitting(stage) -> None:
    """Requests and initial bids are sent, replaced and withdrawn only while their stage is open."""
    try:
        rules.check_can_submit(timezone.now(), stage.as_rule())
    except DomainError as error:
        raise refused(error, status=409) from None


def submission_facts(item) -> dict:
    """What the audit trail says of a sealed submission: whose it is and when it came, never what it says."""
    return {"lead": item.lead_id, "submitted_at": item.submitted_at}


def seal_submission(actor, box, items, content: dict):
    """Seal ``content`` as the actor's organisation's submission among ``items`` (a call's requests,
    a round's initial bids; the caller holding ``box``'s row lock): its live one is sealed again
    in place. Returns the submission and its facts before, None when it is new."""
    item = items.filter(lead=actor.organisation, withdrawn_at__isnull=True).first()
    before = None if item is None else submission_facts(item)
    now = timezone.now()
    if item is None:
        item = items.create(lead=actor.organisation, submitted_by=actor, submitted_at=now, sealed_content=b"")
    item.sealed_content = sealing.seal(bytes(box.public_key), box.pk, item.pk, content)
    item.submitted_by, item.submitted_at = actor, now
    item.save(update_fields=["sealed_content", "submitted_by", "submitted_at"])
    return item, before


@transaction.atomic
def withdraw_submission(actor, model, pk: int, box_field: str, permission: str, not_yours: str, action: str):
    """Withdraw the actor's organisation's live submission before its stage's deadline; any other
    (another organisation's, already withdrawn) is refused as if it did not exist."""
    item = model.objects.select_for_update(of=("self",)).select_related(f"{box_field}__stage__procurement").get(pk=pk)
    box = getattr(item, box_field)
    require(actor, permission, box.procurement)
    if item.lead_id != actor.organisation_id or item.withdrawn_at is not None:
        raise fail(not_yours, status=404)
    require_submitting(box.stage)
    item.withdrawn_at = timezone.now()
    item.save(update_fields=["withdrawn_at"])
    audit.record(actor, action, item, None, {"withdrawn_at": item.withdrawn_at})
    return item


def require_may_open(actor, box, route: str, code: str = "requests_sealed") -> None:
    """Only after the deadline, and only officials of the authority, open a sealed box; an earlier
    attempt is recorded."""
    if box.public_key is None or timezone.now() < box.stage.closes_at:
        raise refuse_sealed(actor, box, route, code)
    if actor.organisation_id != box.procurement.authority_id:
        raise fail("requests_opening_not_of_authority", status=403)


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


def decision_fields(actor, data: dict) -> dict:
    """The checked fields of a decision published as it is made (a selection, a reduction):
    decided today by the actor, with reasons, sent by the chosen channel."""
    if not (data.get("reasons") or "").strip():
        raise fail("selection_reasons_required", "reasons")
    channel = data.get("channel") or NotificationChannel.ELECTRONIC
    if channel not in NotificationChannel.values:
        raise fail("notification_channel_unknown", "channel")
    return {"accountable_official": actor, "reasons": data["reasons"].strip(), "decided_on": timezone.localdate(),
            "channel": channel, "published_at": timezone.now()}
