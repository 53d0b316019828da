"""The panel's scoring: each evaluator declares any conflict of interest before seeing a bid,
then scores blind, with a justification; the official leaves a bid out of the comparison with
a reason and settles each final score once the whole panel has scored."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import documents as document_rules
from coprocure.domain import tendering as rules
from coprocure.domain.errors import DomainError
from coprocure.domain.roles import Role
from coprocure.domain.scoring import FinalScoreMethod, check_score

from ..models import Bid, ConflictDeclaration, FinalScore, QualityCriterion, Score, Tender
from ._common import fail, refuse_sealed, refused
from .documents import published_requirements


def panel(tender: Tender) -> list[User]:
    """Evaluators of the procurement who declared no conflict of interest."""
    declared = set(tender.declarations.filter(has_conflict=False).values_list("evaluator_id", flat=True))
    return list(User.objects.filter(
        pk__in=declared, procurement_roles__procurement=tender.procurement_id, procurement_roles__role=Role.EVALUATOR,
    ).distinct().order_by("pk"))


@transaction.atomic
def declare_conflict(actor: User, tender: Tender, has_conflict: bool) -> ConflictDeclaration:
    require(actor, "tendering.evaluate", tender.procurement)
    if tender.declarations.filter(evaluator=actor).exists():
        raise fail("already_declared", status=409)
    declaration = ConflictDeclaration.objects.create(tender=tender, evaluator=actor, has_conflict=has_conflict)
    audit.record(actor, "tendering.conflict_declare", declaration, None, {"has_conflict": has_conflict})
    return declaration


def require_cleared_evaluator(actor: User, tender: Tender) -> None:
    """Bids are shown to an evaluator only after a declaration of no conflict."""
    require(actor, "tendering.evaluate", tender.procurement)
    declaration = tender.declarations.filter(evaluator=actor).first()
    if declaration is None:
        raise fail("conflict_not_declared", status=403)
    if declaration.has_conflict:
        raise fail("evaluator_has_conflict", status=403)


def _compared(bid: Bid) -> None:
    if not bid.tender.is_opened:
        raise refuse_sealed(None, bid.tender, "scoring")
    if bid.is_withdrawn or bid.exclusion_reason:
        raise fail("bid_not_compared", status=409)


@transaction.atomic
def record_score(actor: User, bid: Bid, criterion: QualityCriterion, score: Decimal, justification: str) -> Score:
    bid = Bid.objects.select_related("tender__procurement").get(pk=bid.pk)
    require_cleared_evaluator(actor, bid.tender)
    _compared(bid)
    if criterion.tender_id != bid.tender_id:
        raise fail("not_of_this_procurement", "criterion")
    if FinalScore.objects.filter(bid=bid, criterion=criterion).exists():
        raise fail("score_settled", status=409)
    try:
        check_score(score, Decimal(criterion.scale_max), criterion.key)
    except DomainError as error:
        raise refused(error) from None
    if not justification.strip():
        raise fail("justification_required", "justification")
    existing = Score.objects.filter(bid=bid, criterion=criterion, evaluator=actor).first()
    before = None if existing is None else {"score": existing.score, "justification": existing.justification}
    saved, _created = Score.objects.update_or_create(
        bid=bid, criterion=criterion, evaluator=actor, defaults={"score": score, "justification": justification.strip()},
    )
    audit.record(actor, "tendering.score", saved, before, {"score": score, "justification": saved.justification})
    return saved


def scoring_complete(tender: Tender, bid: Bid, criterion: QualityCriterion) -> bool:
    members = {user.pk for user in panel(tender)}
    scored = set(Score.objects.filter(bid=bid, criterion=criterion).values_list("evaluator_id", flat=True))
    return bool(members) and members <= scored


@transaction.atomic
def exclude_bid(actor: User, bid: Bid, reason: str, requirement: int | None = None) -> Bid:
    """Leave a bid out of the comparison with a reason, citing the published minimum
    requirement it fails when that is why."""
    bid = Bid.objects.select_for_update().select_related("tender__procurement").get(pk=bid.pk)
    require(actor, "tendering.settle", bid.tender.procurement)
    if not bid.tender.is_opened:
        raise refuse_sealed(actor, bid.tender, "exclude_bid")
    if hasattr(bid.tender, "award"):
        raise fail("award_decided", status=409)
    if not reason.strip():
        raise fail("exclusion_without_reason", "reason")
    try:
        document_rules.check_requirement(requirement, published_requirements(bid.tender))
    except DomainError as error:
        raise refused(error) from None
    bid.exclusion_reason, bid.failed_requirement = reason.strip(), requirement
    bid.save(update_fields=["exclusion_reason", "failed_requirement"])
    audit.record(actor, "tendering.bid_exclude", bid, None,
                 {"reason": bid.exclusion_reason, "failed_requirement": requirement})
    return bid


@transaction.atomic
def settle_score(actor: User, bid: Bid, criterion: QualityCriterion, consensus: Decimal | None = None,
                 reason: str = "") -> FinalScore:
    """The panel's final score: the mean of every panel member's score, or a recorded consensus."""
    bid = Bid.objects.select_related("tender__procurement").get(pk=bid.pk)
    tender = bid.tender
    require(actor, "tendering.settle", tender.procurement)
    _compared(bid)
    if hasattr(tender, "award"):
        raise fail("award_decided", status=409)
    if not scoring_complete(tender, bid, criterion):
        raise fail("scoring_incomplete", status=409)
    members = {user.pk for user in panel(tender)}
    individual = [s.score for s in Score.objects.filter(bid=bid, criterion=criterion, evaluator__in=members)]
    try:
        final = rules.settle(individual, scale_max=Decimal(criterion.scale_max), criterion_id=criterion.key,
                             consensus=consensus, reason=reason)
    except DomainError as error:
        raise refused(error) from None
    previous = FinalScore.objects.select_for_update().filter(bid=bid, criterion=criterion).first()
    try:
        rules.check_resettle(previous.score if previous else None, final, reason)
    except DomainError as error:
        raise refused(error) from None
    before = None if previous is None else {"score": previous.score, "method": previous.method, "reason": previous.reason}
    method = FinalScoreMethod.MEAN if consensus is None else FinalScoreMethod.CONSENSUS
    settled, _created = FinalScore.objects.update_or_create(
        bid=bid, criterion=criterion,
        defaults={"score": final, "method": method.value, "reason": reason.strip(), "settled_by": actor},
    )
    audit.record(actor, "tendering.score_settle", settled, before,
                 {"bid": bid.pk, "criterion": criterion.pk, "score": final, "method": method.value, "reason": reason})
    return settled
