"""Complaints about a published decision: a request for rectification by one the decision names,
which the accountable official answers, and an appeal to the Market Court, which the court decides
and the authority only records (its filing, a ban on enforcement, the court's decision).

One code path serves every decision that carries rectification and appeal instructions: the
award here, the selection and reduction decisions of a procedure (procedures.services.complaints).
Each is described by a ``Remedies``; the decision itself offers ``procurement``, ``decided_on``,
``received_on``, ``complaint_days``, ``published_at`` and ``accountable_official_id``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import complaints as complaint_rules
from coprocure.domain.errors import DomainError

from .. import selectors
from ..models import AwardDecision, BidMember, Complaint, ComplaintKind, ComplaintOutcome, ComplaintRecord, Tender
from ._common import fail, refused

COURT_OUTCOMES = (ComplaintOutcome.UPHELD, ComplaintOutcome.REJECTED, ComplaintOutcome.DISMISSED)


@dataclass(frozen=True)
class Remedies:
    """How the complaint rules reach one kind of published decision."""

    decisions: type[models.Model]
    complaints: type[ComplaintRecord]
    field: str  # the complaint's key to its decision
    complain: str  # the permission to file a complaint
    decide: str  # the permission to record an appeal and answer a complaint
    complainants: Callable[[models.Model], set[int]]  # the organisations the decision names
    audit_app: str
    not_complainant: str = "complaint_not_bidder"
    not_appellant: str = "appellant_not_bidder"
    unpublished: str = "award_not_published"


def bidder_organisations(tender: Tender) -> set[int]:
    bids = tender.bids.filter(withdrawn_at__isnull=True)
    return set(bids.values_list("lead_id", flat=True)) | set(
        BidMember.objects.filter(bid__in=bids).values_list("organisation_id", flat=True))


AWARD = Remedies(AwardDecision, Complaint, "decision", "tendering.complain", "tendering.decide",
                 lambda decision: bidder_organisations(decision.tender), "tendering")


def _locked(remedies: Remedies, actor: User, decision, permission: str):
    decision = remedies.decisions.objects.select_for_update().get(pk=decision.pk)
    require(actor, permission, decision.procurement)
    if decision.published_at is None:
        raise fail(remedies.unpublished, status=409)
    return decision


def _locked_complaint(remedies: Remedies, complaint: ComplaintRecord) -> ComplaintRecord:
    return remedies.complaints.objects.select_for_update().get(pk=complaint.pk)


def _check_time(decision, kind: str, filed_on) -> bool:
    """Refuse a late request for rectification; an appeal is never refused as late (the Market
    Court decides on timeliness), only marked. Returns whether the complaint is late."""
    if filed_on < decision.decided_on:
        raise fail("complaint_before_decision", status=409)
    received = decision.received_on
    late = filed_on > complaint_rules.complaint_deadline(received, decision.complaint_days)
    if kind != ComplaintKind.MARKET_COURT_APPEAL:
        try:
            # Counted from the deemed receipt; a candidate may act on a letter before it is deemed received.
            complaint_rules.check_can_file(max(filed_on, received), received, decision.complaint_days)
        except DomainError as error:
            raise refused(error, status=409) from None
    return late


def _create(remedies: Remedies, actor: User, decision, kind: str, organisation_id: int, filed_on, grounds: str,
            banned: bool = False) -> ComplaintRecord:
    late = _check_time(decision, kind, filed_on)
    complaint = remedies.complaints.objects.create(
        **{remedies.field: decision}, kind=kind, grounds=grounds.strip(), organisation_id=organisation_id,
        filed_by=actor, filed_on=filed_on, late=late, enforcement_banned=banned,
    )
    audit.record(actor, f"{remedies.audit_app}.complaint_file", complaint, None, {
        "kind": complaint.kind, "organisation": organisation_id, "grounds": complaint.grounds,
        "filed_on": filed_on, "late": late, "enforcement_banned": banned})
    return complaint


@transaction.atomic
def file_complaint(actor: User, decision, data: dict, remedies: Remedies = AWARD) -> ComplaintRecord:
    """A request for rectification (within the decision's days from the deemed receipt), or the
    record of an appeal to the Market Court, by an organisation the decision names. ``data``:
    kind, grounds."""
    decision = _locked(remedies, actor, decision, remedies.complain)
    if actor.organisation_id not in remedies.complainants(decision):
        raise fail(remedies.not_complainant, status=403)
    return _create(remedies, actor, decision, data["kind"], actor.organisation_id, timezone.localdate(),
                   data["grounds"])


@transaction.atomic
def record_appeal(actor: User, decision, data: dict, remedies: Remedies = AWARD) -> ComplaintRecord:
    """The authority records an appeal the Market Court told it of. ``data``: appellant (an
    organisation the decision names), filed_on, grounds (may be empty), enforcement_banned. An
    appeal after the last day is recorded all the same, marked late: the court decides whether it
    was in time."""
    decision = _locked(remedies, actor, decision, remedies.decide)
    appellant = data["appellant"]
    if appellant.pk not in remedies.complainants(decision):
        raise fail(remedies.not_appellant, "appellant")
    return _create(remedies, actor, decision, ComplaintKind.MARKET_COURT_APPEAL, appellant.pk, data["filed_on"],
                   data.get("grounds") or "", bool(data.get("enforcement_banned")))


@transaction.atomic
def record_court_decision(actor: User, complaint: ComplaintRecord, data: dict,
                          remedies: Remedies = AWARD) -> ComplaintRecord:
    """What the Market Court ordered on an appeal: ``enforcement_banned`` (its ban on enforcement
    while the appeal is pending) and, once it has decided, ``outcome`` (upheld, rejected,
    dismissed), ``court_decided_on`` and ``answer`` (the decision's summary)."""
    complaint = _locked_complaint(remedies, complaint)
    require(actor, remedies.decide, complaint.decision.procurement)
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
    audit.record(actor, f"{remedies.audit_app}.court_decision_record", complaint, before, {
        "outcome": complaint.outcome, "court_decided_on": complaint.court_decided_on, "answer": complaint.answer,
        "enforcement_banned": complaint.enforcement_banned})
    return complaint


@transaction.atomic
def answer_complaint(actor: User, complaint: ComplaintRecord, data: dict,
                     remedies: Remedies = AWARD) -> ComplaintRecord:
    """The accountable official's decision on a request for rectification. ``data``: outcome
    (upheld or rejected), answer (the reasons). An appeal is never answered: the court decides it."""
    complaint = _locked_complaint(remedies, complaint)
    decision = complaint.decision
    require(actor, remedies.decide, decision.procurement)
    if complaint.is_appeal:
        raise fail("appeal_not_answered", status=409)
    if actor.pk != decision.accountable_official_id:
        raise fail("complaint_not_accountable", status=403)
    try:
        complaint_rules.check_answer(data["outcome"], data["answer"], not complaint.is_pending)
    except DomainError as error:
        raise refused(error, status=409 if error.code == "complaint_answered" else 422) from None
    complaint.outcome, complaint.answer = data["outcome"], data["answer"].strip()
    complaint.answered_by, complaint.answered_on = actor, timezone.localdate()
    complaint.save(update_fields=["outcome", "answer", "answered_by", "answered_on"])
    audit.record(actor, f"{remedies.audit_app}.complaint_answer", complaint, {"outcome": "pending"},
                 {"outcome": complaint.outcome, "answer": complaint.answer})
    return complaint


def check_procedure_not_held(procurement) -> None:
    """Refuse a procedure's next step (a stage, the award, the contract) while a complaint against
    its selection or a reduction decision holds it (409, naming why)."""
    try:
        complaint_rules.check_can_proceed(*selectors.procedure_holds(procurement))
    except DomainError as error:
        raise refused(error, status=409) from None
