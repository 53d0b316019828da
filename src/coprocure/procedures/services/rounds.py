"""Negotiation rounds: the selected candidates' sealed initial bids and the reduction of candidates.

An initial bid is sealed with its round's key as a request is with its call's (tendering.sealing),
with the same guarantee: before two officials open the round after its deadline nobody but the
bidding organisation learns from any route whether a bid exists.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import procedure as rules
from coprocure.domain.errors import DomainError
from coprocure.tendering import sealing
from coprocure.tendering.models import NotificationChannel

from .. import selectors
from ..models import CandidateReduction, ReductionDecision, RoundBid, SealedRound, Stage
from ._common import fail, refuse_sealed, refused, request_or_open, require_the_accountable

ROUND_KINDS = (rules.StageKind.NEGOTIATION_ROUND, rules.StageKind.DIALOGUE)


def open_round(stage: Stage) -> SealedRound:
    """Called as a round's stage opens: its key pair seals the initial bids."""
    public_key, wrapped = sealing.new_tender_keys()
    return SealedRound.objects.create(stage=stage, public_key=public_key, wrapped_private_key=wrapped)


def _locked(box: SealedRound) -> SealedRound:
    return SealedRound.objects.select_for_update(of=("self",)).select_related(
        "stage__procurement__authority").get(pk=box.pk)


@transaction.atomic
def submit_round_bid(actor: User, box: SealedRound, data: dict) -> RoundBid:
    """Seal and store the actor's organisation's initial bid; a second one replaces the first.
    ``data``: ``price`` (euros, the whole contract) and ``offer`` (what is offered)."""
    box = _locked(box)
    require(actor, "procedures.round_bid", box.procurement)
    try:
        rules.check_can_submit(timezone.now(), box.stage.as_rule())
    except DomainError as error:
        raise refused(error, status=409) from None
    try:
        price = Decimal(str(data.get("price", ""))).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise fail("round_bid_price", "price") from None
    if not price.is_finite() or price < 0 or price >= Decimal("1e13"):
        raise fail("round_bid_price", "price")
    offer = (data.get("offer") or "").strip()
    if not offer or len(offer) > 20000:
        raise fail("round_bid_offer", "offer")
    bid = box.bids.filter(lead=actor.organisation, withdrawn_at__isnull=True).first()
    replaced = bid is not None
    now = timezone.now()
    if bid is None:
        bid = RoundBid.objects.create(round=box, lead=actor.organisation, submitted_by=actor, submitted_at=now,
                                      sealed_content=b"")
    bid.sealed_content = sealing.seal(bytes(box.public_key), box.pk, bid.pk, {"price": str(price), "offer": offer})
    bid.submitted_by, bid.submitted_at = actor, now
    bid.save(update_fields=["sealed_content", "submitted_by", "submitted_at"])
    audit.record(actor, "procedures.round_bid_replace" if replaced else "procedures.round_bid_submit", bid, None,
                 {"lead": bid.lead_id, "submitted_at": now})
    return bid


@transaction.atomic
def withdraw_round_bid(actor: User, bid: RoundBid) -> RoundBid:
    bid = RoundBid.objects.select_for_update(of=("self",)).select_related("round__stage__procurement").get(pk=bid.pk)
    require(actor, "procedures.round_bid", bid.round.procurement)
    if bid.lead_id != actor.organisation_id or bid.withdrawn_at is not None:
        raise fail("not_your_round_bid", status=404)
    try:
        rules.check_can_submit(timezone.now(), bid.round.stage.as_rule())
    except DomainError as error:
        raise refused(error, status=409) from None
    bid.withdrawn_at = timezone.now()
    bid.save(update_fields=["withdrawn_at"])
    audit.record(actor, "procedures.round_bid_withdraw", bid, None, {"withdrawn_at": bid.withdrawn_at})
    return bid


def open_round_bids(actor: User, box: SealedRound) -> SealedRound:
    """Two officials of the authority open the initial bids after the round's deadline."""
    procurement = box.procurement
    require(actor, "procedures.open_round", procurement)
    if timezone.now() < box.stage.closes_at:
        raise refuse_sealed(actor, box, "open_round_bids", "round_bids_sealed")
    if actor.organisation_id != procurement.authority_id:
        raise fail("requests_opening_not_of_authority", status=403)
    return _request_or_open(actor, box)


@transaction.atomic
def _request_or_open(actor: User, box: SealedRound) -> SealedRound:
    box = _locked(box)
    return request_or_open(actor, box, box.bids, "procedures.round_bids_open", "round_bids_already_opened")


@transaction.atomic
def decide_reduction(actor: User, box: SealedRound, data: dict) -> ReductionDecision:
    """The accountable official reduces the candidates at the end of a round announced to do so,
    once its initial bids are opened. ``data``: ``candidates`` ({organisation id: (goes on,
    reason)} for every candidate still in the procedure), ``reasons``, ``channel``."""
    require(actor, "procedures.reduce", box.procurement)
    if not box.is_opened:
        raise refuse_sealed(actor, box, "decide_reduction", "round_bids_sealed")
    box = _locked(box)
    stage, procurement = box.stage, box.procurement
    require_the_accountable(actor, procurement)
    if ReductionDecision.objects.filter(stage=stage).exists():
        raise fail("reduction_decided", status=409)
    if not (data.get("reasons") or "").strip():
        raise fail("selection_reasons_required", "reasons")
    channel = data.get("channel") or NotificationChannel.ELECTRONIC
    if channel not in NotificationChannel.values:
        raise fail("notification_channel_unknown", "channel")
    candidates = {o.pk for o in selectors.current_candidates(procurement)}
    given = {int(key): value for key, value in (data.get("candidates") or {}).items()}
    if set(given) != candidates:
        raise fail("selection_every_candidate", "candidates")
    try:
        rules.check_reduction(stage.as_rule(), [(k, bool(v[0]), v[1] or "") for k, v in given.items()])
    except DomainError as error:
        raise refused(error, status=409 if error.code == "reduction_not_announced" else 422) from None
    decision = ReductionDecision.objects.create(stage=stage, accountable_official=actor, reasons=data["reasons"].strip(),
                                                decided_on=timezone.localdate(), channel=channel,
                                                published_at=timezone.now())
    CandidateReduction.objects.bulk_create([
        CandidateReduction(decision=decision, organisation_id=k, kept=bool(v[0]), reason=v[1].strip())
        for k, v in given.items()])
    audit.record(actor, "procedures.reduction_decide", decision, None, {
        "kept": sorted(k for k, v in given.items() if v[0]),
        "reduced": sorted(k for k, v in given.items() if not v[0]), "complaints_until": decision.complaints_until})
    return decision
