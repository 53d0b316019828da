"""The award: the comparison of the opened bids by their settled final scores, the accountable
official's decision for the bid ranked first in each lot, and its publication."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import as_person, require
from coprocure.domain import deadlines, roles, scoring
from coprocure.domain import tendering as rules
from coprocure.domain.errors import DomainError

from .. import sealing
from ..models import AwardDecision, Bid, FinalScore, Lot, Tender
from ._common import fail, locked_tender, refuse_sealed, refused
from .complaints import check_procedure_not_held
from .objectives import award_criteria


def committed_draw(tender: Tender, reveal: bool = False) -> scoring.Draw | None:
    """The draw committed at the opening; its seed only when ``reveal`` (deciding the award)."""
    if not tender.draw_commitment:
        return None
    seed = sealing.unwrap_draw_seed(tender.wrapped_draw_seed) if reveal else None
    return scoring.Draw(commitment=tender.draw_commitment, seed=seed)


def compare(tender: Tender, draw: scoring.Draw | None = None) -> scoring.LotComparisons:
    """The MEAT comparison of the opened bids with their settled final scores, lot by lot. True
    ties are ordered by ``draw`` once its seed is revealed, provisionally until then."""
    finals: dict[int, dict[str, Decimal]] = {}
    for final in FinalScore.objects.filter(bid__tender=tender).select_related("criterion"):
        finals.setdefault(final.bid_id, {})[final.criterion.key] = final.score.normalize()
    bids = [
        scoring.Bid(
            id=f"b{bid.pk}", price=Decimal(bid.price), submitted_at=bid.submitted_at,
            scores=finals.get(bid.pk, {}), exclusion_reason=bid.exclusion_reason or None,
            lot=bid.lot.key if bid.lot else None,
        )
        for bid in tender.bids.filter(withdrawn_at__isnull=True).select_related("lot")
    ]
    return scoring.compare_lots(award_criteria(tender), bids, draw)


def lot_winners(decision: AwardDecision) -> list[tuple[Lot | None, Bid]]:
    """Each lot's winning bid, lots in order; one pair with no lot for a tender without lots."""
    if not decision.lot_winners:
        return [(None, decision.winner)]
    bids = Bid.objects.select_related("lead", "lot").in_bulk(decision.lot_winners.values())
    return sorted(((bids[pk].lot, bids[pk]) for pk in decision.lot_winners.values()), key=lambda pair: pair[0].number)


# What is still missing before a decision (a score, a bid, the draw) rather than bad input.
CONFLICTS = {"missing_score", "no_bids", "lot_missing", "award_tie_needs_draw"}


@transaction.atomic
def decide_award(actor: User, tender: Tender, data: dict) -> AwardDecision:
    """Record the award decision for the bid ranked first (in each lot). ``data``: accountable_official,
    reasons, decided_on, sent_on (default: that day) and channel (how it was sent: electronic, letter,
    in_person), and optionally standstill_ends_on, never before the statutory one: 14 days from
    the deemed receipt, on a working day (``domain.deadlines``)."""
    tender = locked_tender(tender)
    require(actor, "tendering.decide", tender.procurement)
    if not tender.is_opened:
        raise refuse_sealed(actor, tender, "decide_award")
    if AwardDecision.objects.filter(tender=tender).exists():
        raise fail("award_decided", status=409)
    check_procedure_not_held(tender.procurement)
    official = data["accountable_official"]
    sent_on, channel = data.get("sent_on") or data["decided_on"], data.get("channel") or deadlines.Channel.ELECTRONIC
    if sent_on < data["decided_on"]:
        raise fail("decision_sent_before_decided", "sent_on")
    try:
        roles.check_accountable(as_person(official), tender.procurement.authority_id)
        statutory = rules.standstill_end(deadlines.deemed_received(sent_on, channel))
        result = compare(tender, committed_draw(tender, reveal=True))
        won = {lot: int(bid_id[1:]) for lot, bid_id in scoring.winners(result).items() if lot is not None}
    except DomainError as error:
        raise refused(error, status=409 if error.code in CONFLICTS else 422) from None
    standstill = data.get("standstill_ends_on") or statutory
    if standstill < statutory:
        raise fail("standstill_too_short", "standstill_ends_on", until=statutory)
    winner = Bid.objects.get(pk=int(result[0][1].ranking[0].bid_id[1:]))
    decision = AwardDecision.objects.create(
        tender=tender, winner=winner, accountable_official=official, reasons=data["reasons"],
        decided_on=data["decided_on"], standstill_ends_on=standstill, sent_on=sent_on, channel=channel, comparison=scoring.lots_to_json_dict(result),
        lot_winners=won,
    )
    audit.record(actor, "tendering.award_decide", decision, None, {
        "winner": winner.pk, "lot_winners": won, "accountable_official": official.pk, "decided_on": decision.decided_on,
        "sent_on": sent_on, "channel": channel, "standstill_ends_on": decision.standstill_ends_on, **_drawn(result),
    })
    return decision


def _drawn(result: scoring.LotComparisons) -> dict:
    """For the audit entry: the true ties and the draw that ordered them, when there were any."""
    ties = {lot or "": [list(group) for group in comparison.ties] for lot, comparison in result if comparison.ties}
    if not ties:
        return {}
    draw = result[0][1].draw
    return {"ties": ties, "draw": {"commitment": draw.commitment, "seed": draw.seed} if draw else None}


@transaction.atomic
def publish_award(actor: User, decision: AwardDecision) -> AwardDecision:
    decision = AwardDecision.objects.select_for_update().select_related("tender__procurement").get(pk=decision.pk)
    require(actor, "tendering.decide", decision.tender.procurement)
    if decision.published_at is not None:
        raise fail("award_published", status=409)
    decision.published_at = timezone.now()
    decision.save(update_fields=["published_at"])
    audit.record(actor, "tendering.award_publish", decision, None, {"published_at": decision.published_at})
    return decision
