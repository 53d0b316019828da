"""How the competition of a procedure ends: one deadline shared by the comparing stage and the
tender, final tenders only on invitation, and the award on the initial bids where the published
procedure reserved it.

The comparing stage (``tenders`` or ``final_tenders``) of the published procedure is the source of
truth for the deadline: each published version sets the tender's deadline to the stage's, and
tendering refuses a tender deadline that differs from it. The final tenders themselves are the
tender's sealed bids, opened, evaluated and awarded by tendering as any bids are.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coprocure.audit import services as audit
from coprocure.core.models import Procurement, User
from coprocure.core.services import require
from coprocure.domain import procedure as rules
from coprocure.domain.errors import DomainError
from coprocure.outbox import services as outbox
from coprocure.tendering.models import Tender
from coprocure.tendering.services.bids import adopt_opened_bids

from .. import selectors
from ..models import ProcedurePlan, SealedRound, Stage, StageState
from ..models_final import FinalTenderInvitation, InitialBidsAward
from ._common import fail, refuse_sealed, refused, require_the_accountable


def tender_follows(actor: User, procurement: Procurement, stages: list[Stage], *, first: bool) -> None:
    """As a version of the procedure is published the tender's deadline becomes its comparing
    stage's. A tender published before the procedure with another deadline is not moved by the
    first publication (bidders were told its deadline): that is refused, naming the stage."""
    comparing = next((s for s in stages if s.kind in rules.COMPARING), None)
    tender = Tender.objects.select_for_update().filter(procurement=procurement).first()
    if comparing is None or tender is None or tender.deadline == comparing.closes_at:
        return
    if tender.is_opened or (first and tender.is_published):
        raise fail("tender_deadline_differs", "stages", status=409, number=comparing.order + 1)
    before = tender.deadline
    tender.deadline = comparing.closes_at
    tender.save(update_fields=["deadline", "updated_at"])
    audit.record(actor, "procedures.tender_deadline_follows", tender, {"deadline": before},
                 {"deadline": tender.deadline, "stage": comparing.pk})


def _people(organisations) -> list[str]:
    return list(get_user_model().objects.filter(organisation__in=organisations, is_active=True)
                .exclude(email="").values_list("email", flat=True))


@transaction.atomic
def invite_final_tenders(actor: User, stage: Stage, data: dict) -> FinalTenderInvitation:
    """The accountable official invites every candidate still in the procedure to submit final
    tenders to the published tender. There is no recipient parameter on purpose: equal treatment
    means all of them, never a subset. ``data``: ``message``."""
    procurement = Procurement.objects.select_for_update().get(pk=stage.procurement_id)
    require(actor, "procedures.invite_final", procurement)
    require_the_accountable(actor, procurement)
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    candidates = selectors.current_candidates(procurement)
    try:
        rules.check_final_invitation(stage.as_rule(), len(candidates),
                                     FinalTenderInvitation.objects.filter(stage=stage).exists())
    except DomainError as error:
        raise refused(error, status=409) from None
    if timezone.now() >= stage.closes_at:
        raise fail("stage_deadline_passed", status=409)
    tender = Tender.objects.filter(procurement=procurement).first()
    if tender is None or not tender.is_published:
        raise fail("final_invitation_tender_not_published", status=409)
    message = (data.get("message") or "").strip()
    if not message:
        raise fail("final_invitation_message", "message")
    invitation = FinalTenderInvitation.objects.create(stage=stage, message=message, issued_by=actor,
                                                      issued_at=timezone.now())
    invitation.invited.set(candidates)
    subject = _("Invitation to submit final tenders")
    body = "\n\n".join([str(procurement), message, _("Deadline for final tenders: %(deadline)s") % {
        "deadline": timezone.localtime(tender.deadline).strftime("%Y-%m-%d %H:%M")}])
    invitation.emails_queued = outbox.send_many(f"procedures.final_invitation:{invitation.pk}", [
        (email, {"subject": subject, "body": body, "headers": {}}) for email in _people(candidates)])
    invitation.save(update_fields=["emails_queued"])
    audit.record(actor, "procedures.final_invitation", invitation, None, {
        "invited": [o.pk for o in candidates], "emails": invitation.emails_queued, "deadline": tender.deadline})
    return invitation


@transaction.atomic
def award_on_initial_bids(actor: User, box: SealedRound, data: dict) -> InitialBidsAward:
    """The accountable official awards on the first round's opened initial bids, as the published
    procedure reserved: the later rounds and the final tenders are recorded as not held, and the
    initial bids become the tender's bids (sealed with its key and opened at once), compared by
    the existing evaluation and award. ``data``: ``reason``."""
    procurement = Procurement.objects.select_for_update().get(pk=box.procurement.pk)
    require(actor, "procedures.award_on_initial_bids", procurement)
    plan = ProcedurePlan.objects.filter(procurement=procurement, published_at__isnull=False).first()
    stages = list(Stage.objects.select_for_update().filter(procurement=procurement).order_by("order"))
    index = next(i for i, s in enumerate(stages) if s.pk == box.stage_id)
    try:
        skipped = rules.skipped_by_award_on_initial_bids(
            [s.as_rule() for s in stages], index, reserved=bool(plan and plan.award_on_initial_bids))
    except DomainError as error:
        raise refused(error, status=409) from None
    require_the_accountable(actor, procurement)
    box = SealedRound.objects.select_for_update().get(pk=box.pk)
    if not box.is_opened:
        raise refuse_sealed(actor, box, "award_on_initial_bids", "round_bids_sealed")
    if InitialBidsAward.objects.filter(stage_id=box.stage_id).exists():
        raise fail("award_on_initial_bids_decided", status=409)
    reason = (data.get("reason") or "").strip()
    if not reason:
        raise fail("award_on_initial_bids_reason", "reason")
    offers = [{"lead": b.lead, "submitted_by": b.submitted_by, "submitted_at": b.submitted_at,
               "price": b.content["price"], "offer": b.content["offer"]} for b in selectors.opened_round_bids(box)]
    if not offers:
        raise fail("no_bids", status=409)
    tender = Tender.objects.select_for_update().filter(procurement=procurement).first()
    if tender is None:
        raise fail("tender_not_published", status=409)
    before = tender.deadline
    # The comparing stage is not held, so the tender's bids are in now: its deadline is this moment.
    tender.deadline = timezone.now()
    tender.save(update_fields=["deadline", "updated_at"])
    adopt_opened_bids(actor, tender, offers, requested_by=box.opening_requested_by)
    for at in skipped:
        stages[at].state = StageState.SKIPPED
        stages[at].save(update_fields=["state"])
    decision = InitialBidsAward.objects.create(stage_id=box.stage_id, accountable_official=actor, reason=reason,
                                               published_at=timezone.now())
    decision.skipped.set([stages[at] for at in skipped])
    audit.record(actor, "procedures.award_on_initial_bids", decision, {"tender_deadline": before}, {
        "reason": reason, "skipped": [stages[at].order + 1 for at in skipped], "tender_deadline": tender.deadline,
        "bids": [o["lead"].pk for o in offers]})
    return decision
