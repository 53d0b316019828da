"""Complaints about the award: a bidder's request for rectification, which the accountable
official answers, and an appeal to the Market Court, which the court decides and the authority
only records (its filing, a ban on enforcement, the court's decision)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import complaints as complaint_rules
from coprocure.domain.errors import DomainError

from ..models import AwardDecision, BidMember, Complaint, ComplaintKind, ComplaintOutcome, Tender
from ._common import fail, refused

COURT_OUTCOMES = (ComplaintOutcome.UPHELD, ComplaintOutcome.REJECTED, ComplaintOutcome.DISMISSED)


def bidder_organisations(tender: Tender) -> set[int]:
    bids = tender.bids.filter(withdrawn_at__isnull=True)
    return set(bids.values_list("lead_id", flat=True)) | set(
        BidMember.objects.filter(bid__in=bids).values_list("organisation_id", flat=True))


def _locked(decision: AwardDecision) -> AwardDecision:
    return AwardDecision.objects.select_for_update().select_related("tender__procurement").get(pk=decision.pk)


def _check_time(decision: AwardDecision, kind: str, filed_on) -> bool:
    """Refuse a late request for rectification; an appeal is never refused as late (the Market
    Court decides on timeliness), only marked. Returns whether the complaint is late."""
    if filed_on < decision.decided_on:
        raise fail("complaint_before_decision", status=409)
    received = decision.received_on
    late = filed_on > complaint_rules.complaint_deadline(received, decision.tender.complaint_days)
    if kind != ComplaintKind.MARKET_COURT_APPEAL:
        try:
            # Counted from the deemed receipt; a bidder may act on a letter before it is deemed received.
            complaint_rules.check_can_file(max(filed_on, received), received, decision.tender.complaint_days)
        except DomainError as error:
            raise refused(error, status=409) from None
    return late


def _create(actor: User, decision: AwardDecision, kind: str, organisation_id: int, filed_on, grounds: str,
            banned: bool = False) -> Complaint:
    late = _check_time(decision, kind, filed_on)
    complaint = Complaint.objects.create(
        decision=decision, kind=kind, grounds=grounds.strip(), organisation_id=organisation_id, filed_by=actor,
        filed_on=filed_on, late=late, enforcement_banned=banned,
    )
    audit.record(actor, "tendering.complaint_file", complaint, None, {
        "kind": complaint.kind, "organisation": organisation_id, "grounds": complaint.grounds,
        "filed_on": filed_on, "late": late, "enforcement_banned": banned})
    return complaint


@transaction.atomic
def file_complaint(actor: User, decision: AwardDecision, data: dict) -> Complaint:
    """A bidder's request for rectification (within the procedure's days from the deemed
    receipt), or its record of an appeal to the Market Court. ``data``: kind, grounds."""
    decision = _locked(decision)
    require(actor, "tendering.complain", decision.tender.procurement)
    if decision.published_at is None:
        raise fail("award_not_published", status=409)
    if actor.organisation_id not in bidder_organisations(decision.tender):
        raise fail("complaint_not_bidder", status=403)
    return _create(actor, decision, data["kind"], actor.organisation_id, timezone.localdate(), data["grounds"])


@transaction.atomic
def record_appeal(actor: User, decision: AwardDecision, data: dict) -> Complaint:
    """The authority records an appeal the Market Court told it of. ``data``: appellant (an
    organisation that bid), filed_on, grounds (may be empty), enforcement_banned. An appeal after
    the last day is recorded all the same, marked late: the court decides whether it was in time."""
    decision = _locked(decision)
    require(actor, "tendering.decide", decision.tender.procurement)
    if decision.published_at is None:
        raise fail("award_not_published", status=409)
    appellant = data["appellant"]
    if appellant.pk not in bidder_organisations(decision.tender):
        raise fail("appellant_not_bidder", "appellant")
    return _create(actor, decision, ComplaintKind.MARKET_COURT_APPEAL, appellant.pk, data["filed_on"],
                   data.get("grounds") or "", bool(data.get("enforcement_banned")))


@transaction.atomic
def record_court_decision(actor: User, complaint: Complaint, data: dict) -> Complaint:
    """What the Market Court ordered on an appeal: ``enforcement_banned`` (its ban on enforcement
    while the appeal is pending) and, once it has decided, ``outcome`` (upheld, rejected,
    dismissed), ``court_decided_on`` and ``answer`` (the decision's summary)."""
    complaint = Complaint.objects.select_for_update().select_related("decision__tender__procurement").get(pk=complaint.pk)
    require(actor, "tendering.decide", complaint.decision.tender.procurement)
    if not complaint.is_appeal:
        raise fail("appeal_only", status=409)
    if not complaint.is_pending:
        raise fail("court_decision_recorded", status=409)
    before = {"outcome": complaint.outcome, "enforcement_banned": complaint.enforcement_banned}
    outcome = data.get("outcome") or ComplaintOutcome.PENDING
    if outcome != ComplaintOutcome.PENDING:
        if outcome not in COURT_OUTCOMES:
            raise fail("court_outcome_unknown", "outcome")
        if data.get("court_decided_on") is None:
            raise fail("court_date_required", "court_decided_on")
        complaint.outcome, complaint.court_decided_on = outcome, data["court_decided_on"]
        complaint.answer = (data.get("answer") or "").strip()
    complaint.enforcement_banned = bool(data.get("enforcement_banned"))
    complaint.save(update_fields=["outcome", "court_decided_on", "answer", "enforcement_banned"])
    audit.record(actor, "tendering.court_decision_record", complaint, before, {
        "outcome": complaint.outcome, "court_decided_on": complaint.court_decided_on, "answer": complaint.answer,
        "enforcement_banned": complaint.enforcement_banned})
    return complaint


@transaction.atomic
def answer_complaint(actor: User, complaint: Complaint, data: dict) -> Complaint:
    """The accountable official's decision on a request for rectification. ``data``: outcome
    (upheld or rejected), answer (the reasons). An appeal is never answered: the court decides it."""
    complaint = Complaint.objects.select_for_update().select_related("decision__tender__procurement").get(pk=complaint.pk)
    require(actor, "tendering.decide", complaint.decision.tender.procurement)
    if complaint.is_appeal:
        raise fail("appeal_not_answered", status=409)
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
