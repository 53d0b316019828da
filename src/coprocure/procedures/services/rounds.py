"""Negotiation rounds: the selected candidates' sealed initial bids and the reduction of candidates.

An initial bid is sealed with its round's key as a request is with its call's (tendering.sealing),
with the same guarantee: before two officials open the round after its deadline nobody but the
bidding organisation learns from any route whether a bid exists.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import procedure as rules
from coprocure.domain.errors import DomainError
from coprocure.tendering import sealing

from .. import selectors
from ..models import CandidateReduction, ReductionDecision, RoundBid, SealedRound, Stage
from ._common import (decision_fields, fail, refuse_sealed, refused, request_or_open, require_may_open,
                      require_submitting, require_the_accountable, seal_submission, submission_facts,
                      withdraw_submission)

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
    require_submitting(box.stage)
    try:
        price = Decimal(str(data.get("price", ""))).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise fail("round_bid_price", "price") from None
    if not price.is_finite() or price < 0 or price >= Decimal("1e13"):
        raise fail("round_bid_price", "price")
    offer = (data.get("offer") or "").strip()
    if not offer or len(offer) > 20000:
        raise fail("round_bid_offer", "offer")
    bid, before = seal_submission(actor, box, box.bids, {"price": str(price), "offer": offer})
    audit.record(actor, "procedures.round_bid_replace" if before else "procedures.round_bid_submit", bid, None,
                 submission_facts(bid))
    return bid


def withdraw_round_bid(actor: User, bid: RoundBid) -> RoundBid:
    return withdraw_submission(actor, RoundBid, bid.pk, "round", "procedures.round_bid", "not_your_round_bid",
                               "procedures.round_bid_withdraw")


def open_round_bids(actor: User, box: SealedRound) -> SealedRound:
    """Two officials of the authority open the initial bids after the round's deadline."""
    require(actor, "procedures.open_round", box.procurement)
    require_may_open(actor, box, "open_round_bids", "round_bids_sealed")
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
    fields = decision_fields(actor, data)
    candidates = {o.pk for o in selectors.current_candidates(procurement)}
    given = {int(key): value for key, value in (data.get("candidates") or {}).items()}
    if set(given) != candidates:
        raise fail("selection_every_candidate", "candidates")
    try:
        rules.check_reduction(stage.as_rule(), [(k, bool(v[0]), v[1] or "") for k, v in given.items()])
    except DomainError as error:
        raise refused(error, status=409 if error.code == "reduction_not_announced" else 422) from None
    decision = ReductionDecision.objects.create(stage=stage, **fields)
    CandidateReduction.objects.bulk_create([
        CandidateReduction(decision=decision, organisation_id=k, kept=bool(v[0]), reason=v[1].strip())
        for k, v in given.items()])
    audit.record(actor, "procedures.reduction_decide", decision, None, {
        "kept": sorted(k for k, v in given.items() if v[0]),
        "reduced": sorted(k for k, v in given.items() if not v[0]), "complaints_until": decision.complaints_until})
    return decision
