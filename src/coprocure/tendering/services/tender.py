"""The invitation to tender and its lots: a draft the procurement's staff change, until an
official publishes it and it gets the key pair that seals its bids."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import Procurement, User
from coprocure.core.services import require
from coprocure.domain import tendering as rules
from coprocure.domain.errors import DomainError

from .. import sealing
from ..models import Lot, Tender
from ._common import fail, locked_tender, refused, require_draft
from .objectives import award_criteria


def _tender_snapshot(tender: Tender) -> dict:
    return {
        "service_description": tender.service_description, "deadline": tender.deadline,
        "consortia_allowed": tender.consortia_allowed, "quality_method": tender.quality_method,
        "tie_rule": tender.tie_rule, "price_weight": tender.price_weight,
    }


def _procedure_deadline(procurement: Procurement):
    """The deadline of the published procedure's comparing stage (``tenders`` or ``final_tenders``),
    which the tender's follows: one deadline, changed only by a new published version of the
    procedure (docs/procedures.md). Read through the relation: tendering sits below procedures."""
    return procurement.procedure_stages.filter(
        kind__in=("tenders", "final_tenders"), procurement__procedure_plan__published_at__isnull=False,
    ).values_list("closes_at", flat=True).first()


@transaction.atomic
def save_tender(actor: User, procurement: Procurement, data: dict) -> Tender:
    """Create the procurement's invitation to tender, or change it while it is a draft."""
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    require(actor, "tendering.manage", procurement)
    tender = Tender.objects.filter(procurement=procurement).first()
    before = None
    if tender is None:
        tender = Tender(procurement=procurement)
    else:
        require_draft(tender)
        before = _tender_snapshot(tender)
    for name, value in data.items():
        setattr(tender, name, value)
    deadline = _procedure_deadline(procurement)
    if deadline is not None and tender.deadline != deadline:
        raise fail("tender_deadline_follows_procedure", "deadline", status=409)
    tender.save()
    audit.record(actor, "tendering.tender_save", tender, before, _tender_snapshot(tender))
    return tender


@transaction.atomic
def add_lot(actor: User, tender: Tender, data: dict) -> Lot:
    """A lot numbered after the last one; lots are fixed when the tender is published."""
    tender = locked_tender(tender)
    require(actor, "tendering.manage", tender.procurement)
    require_draft(tender)
    last = tender.lots.order_by("-number").values_list("number", flat=True).first() or 0
    lot = Lot.objects.create(tender=tender, number=last + 1, **data)
    audit.record(actor, "tendering.lot_add", lot, None, {
        "number": lot.number, "title": lot.title, "estimated_value": lot.estimated_value})
    return lot


@transaction.atomic
def publish_tender(actor: User, tender: Tender) -> Tender:
    tender = locked_tender(tender)
    require(actor, "tendering.publish", tender.procurement)
    require_draft(tender)
    try:
        rules.check_award_criteria(award_criteria(tender))
        rules.check_deadline(timezone.now(), tender.deadline)
    except DomainError as error:
        raise refused(error) from None
    tender.public_key, tender.wrapped_private_key = sealing.new_tender_keys()
    tender.published_at = timezone.now()
    tender.save(update_fields=["public_key", "wrapped_private_key", "published_at", "updated_at"])
    audit.record(actor, "tendering.tender_publish", tender, None, _tender_snapshot(tender))
    return tender
