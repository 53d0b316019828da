"""The negotiation service layer's R&D milestones of an innovation partnership: the authority sets
the milestones before the stage opens, each partner submits its result before the due time, the
accountable official decides per partner and milestone (published as an outcome, never with the
result's content), may end a partnership after a milestone not accepted, and the stage closes
(the service phase begins) only when every remaining partner's milestones are accepted. Every
change is atomic and audited; e-mail goes through the outbox after the commit."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coprocure.audit import services as audit
from coprocure.domain import milestones as rules
from coprocure.domain.errors import DomainError
from coprocure.outbox import services as outbox
from coprocure.procedures.models import Stage, StageKind, StageState
from coprocure.tendering.services._common import fail, refused

from . import selectors
from .models import Milestone, MilestoneDecision, MilestoneResult, PartnershipEnd


def _milestone_stage(stage: Stage) -> Stage:
    if stage.kind != StageKind.RD_MILESTONE:
        raise fail("negotiation_not_milestone_stage", status=409)
    return stage


def _open(stage: Stage) -> None:
    if stage.state != StageState.OPEN:
        raise fail("negotiation_stage_not_open", status=409)


def _partner(stage: Stage, organisation_id, field: str | None = None, status: int = 422) -> None:
    if organisation_id not in {o.pk for o in selectors.partners(stage)}:
        raise fail("negotiation_not_partner", field, status=status)


def add_milestone(actor, stage: Stage, data: dict) -> Milestone:
    """Set before the stage opens: the partners know every milestone before they start."""
    _milestone_stage(stage)
    if not (stage.opens_at < data["due_at"] <= stage.closes_at):
        raise fail("negotiation_milestone_due_outside", "due_at")
    with transaction.atomic():
        stage = Stage.objects.select_for_update().get(pk=stage.pk)
        if stage.state != StageState.PLANNED:
            raise fail("negotiation_milestones_fixed", status=409)
        try:
            rules.check_price_shares([*Milestone.objects.filter(stage=stage).values_list("price_share", flat=True),
                                      data.get("price_share")])
        except DomainError as error:
            raise refused(error) from None
        milestone = Milestone.objects.create(stage=stage, name=data["name"], to_show=data["to_show"],
                                             due_at=data["due_at"], price_share=data.get("price_share"))
        audit.record(actor, "negotiation.milestone", milestone, None,
                     {"name": milestone.name, "due_at": milestone.due_at.isoformat(),
                      "price_share": str(milestone.price_share) if milestone.price_share is not None else None})
    return milestone


def submit_result(actor, milestone: Milestone, text: str) -> MilestoneResult:
    stage = milestone.stage
    _milestone_stage(stage)
    _open(stage)
    _partner(stage, actor.organisation_id, status=403)
    try:
        rules.check_result_in_time(timezone.now(), milestone.due_at)
    except DomainError as error:
        raise refused(error, status=409) from None
    if not text.strip():
        raise fail("negotiation_text_empty", "text")
    with transaction.atomic():
        try:
            with transaction.atomic():
                result = MilestoneResult.objects.create(milestone=milestone, organisation_id=actor.organisation_id,
                                                        text=text, submitted_by=actor)
        except IntegrityError:
            raise fail("negotiation_result_submitted", status=409) from None
        audit.record(actor, "negotiation.milestone_result", result, None,
                     {"milestone": milestone.pk, "organisation": result.organisation_id})
    return result


def _tell_partner(decision: MilestoneDecision, cause: str) -> None:
    emails = (get_user_model().objects.filter(organisation=decision.organisation_id, is_active=True)
              .exclude(email="").values_list("email", flat=True))
    outcome = _("accepted") if decision.accepted else _("not accepted")
    subject = _("The decision on your R&D milestone")
    body = "\n\n".join([str(decision.milestone.stage.procurement), f"{decision.milestone.name}: {outcome}",
                        decision.reasons])
    outbox.send_many(cause, [(e, {"subject": subject, "body": body, "headers": {}}) for e in emails])


def decide(actor, milestone: Milestone, data: dict) -> MilestoneDecision:
    """Accepted or not, with reasons, once per partner and milestone. Accepting needs a result."""
    stage = milestone.stage
    _milestone_stage(stage)
    _open(stage)
    _partner(stage, data["organisation"], "organisation")
    if not data["reasons"].strip():
        raise fail("negotiation_text_empty", "reasons")
    result = MilestoneResult.objects.filter(milestone=milestone, organisation_id=data["organisation"]).exists()
    if data["accepted"] and not result:
        raise fail("negotiation_no_result", status=409)
    with transaction.atomic():
        try:
            with transaction.atomic():
                decision = MilestoneDecision.objects.create(
                    milestone=milestone, organisation_id=data["organisation"], accepted=data["accepted"],
                    reasons=data["reasons"], decided_by=actor)
        except IntegrityError:
            raise fail("negotiation_decision_made", status=409) from None
        _tell_partner(decision, f"negotiation.milestone_decision:{decision.pk}")
        audit.record(actor, "negotiation.milestone_decision", decision, None,
                     {"milestone": milestone.pk, "organisation": decision.organisation_id,
                      "accepted": decision.accepted})
    return decision


def end_partnership(actor, stage: Stage, data: dict) -> PartnershipEnd:
    """After a milestone not accepted the official may end that partner's partnership."""
    _milestone_stage(stage)
    _open(stage)
    _partner(stage, data["organisation"], "organisation")
    if not data["reasons"].strip():
        raise fail("negotiation_text_empty", "reasons")
    decisions = MilestoneDecision.objects.filter(milestone__stage=stage, organisation_id=data["organisation"])
    try:
        rules.check_may_end(decisions.values_list("accepted", flat=True))
    except DomainError as error:
        raise refused(error, status=409) from None
    with transaction.atomic():
        try:
            with transaction.atomic():
                ended = PartnershipEnd.objects.create(stage=stage, organisation_id=data["organisation"],
                                                      reasons=data["reasons"], decided_by=actor)
        except IntegrityError:
            raise fail("negotiation_not_partner", "organisation") from None
        audit.record(actor, "negotiation.partnership_end", ended, None, {"organisation": ended.organisation_id})
    return ended


def check_service_phase(stage: Stage) -> None:
    """The service phase (the stage's close) only when every remaining partner's milestones are accepted."""
    accepted = MilestoneDecision.objects.filter(milestone__stage=stage, accepted=True).values_list(
        "milestone_id", "organisation_id")
    try:
        rules.check_service_phase(set(Milestone.objects.filter(stage=stage).values_list("pk", flat=True)),
                                  {o.pk for o in selectors.partners(stage)}, set(accepted))
    except DomainError as error:
        raise refused(error, status=409) from None
