"""Complaints about the award: a bidder's request for rectification or appeal to the Market
Court, and the accountable official's answer."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import complaints as complaint_rules
from coprocure.domain.errors import DomainError

from ..models import AwardDecision, BidMember, Complaint, Tender
from ._common import fail, refused


def _bidder_organisations(tender: Tender) -> set[int]:
    bids = tender.bids.filter(withdrawn_at__isnull=True)
    return set(bids.values_list("lead_id", flat=True)) | set(
        BidMember.objects.filter(bid__in=bids).values_list("organisation_id", flat=True))


@transaction.atomic
def file_complaint(actor: User, decision: AwardDecision, data: dict) -> Complaint:
    """A bidder's request for rectification or appeal to the Market Court, within the
    procedure's days from the decision. ``data``: kind, grounds."""
    decision = AwardDecision.objects.select_for_update().select_related("tender__procurement").get(pk=decision.pk)
    tender = decision.tender
    require(actor, "tendering.complain", tender.procurement)
    if decision.published_at is None:
        raise fail("award_not_published", status=409)
    if actor.organisation_id not in _bidder_organisations(tender):
        raise fail("complaint_not_bidder", status=403)
    try:
        complaint_rules.check_can_file(timezone.localdate(), decision.decided_on, tender.complaint_days)
    except DomainError as error:
        raise refused(error, status=409) from None
    complaint = Complaint.objects.create(
        decision=decision, kind=data["kind"], grounds=data["grounds"].strip(), organisation_id=actor.organisation_id,
        filed_by=actor, filed_on=timezone.localdate(),
    )
    audit.record(actor, "tendering.complaint_file", complaint, None,
                 {"kind": complaint.kind, "organisation": complaint.organisation_id, "grounds": complaint.grounds})
    return complaint


@transaction.atomic
def answer_complaint(actor: User, complaint: Complaint, data: dict) -> Complaint:
    """The accountable official's decision on a complaint. ``data``: outcome (upheld or
    rejected), answer (the reasons)."""
    complaint = Complaint.objects.select_for_update().select_related("decision__tender__procurement").get(pk=complaint.pk)
    require(actor, "tendering.decide", complaint.decision.tender.procurement)
    if actor.pk != complaint.decision.accountable_official_id:
        raise fail("complaint_not_accountable", status=403)
    try:
        complaint_rules.check_answer(data["outcome"], data["answer"], not complaint.is_pending)
    except DomainError as error:
        raise refused(error, status=409 if error.code == "complaint_answered" else 422) from None
    complaint.outcome, complaint.answer = data["outcome"], data["answer"].strip()
    complaint.answered_by, complaint.answered_on = actor, timezone.localdate()
    complaint.save(update_fields=["outcome", "answer", "answered_by", "answered_on"])
    audit.record(actor, "tendering.complaint_answer", complaint, {"outcome": "pending"},
                 {"outcome": complaint.outcome, "answer": complaint.answer})
    return complaint
