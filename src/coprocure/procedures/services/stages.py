"""Composing, publishing and running a procedure's stages.

Before publication staff compose freely (the light regime adds and removes stages; every other
procedure takes its default sequence and sets the times). Publication checks the whole sequence
against the rules of ``domain.procedure``; after it every change is itself a new published
version with a public reason, and may touch only what has not begun.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import Procurement, User
from coprocure.core.services import require
from coprocure.domain import procedure as rules
from coprocure.domain.errors import DomainError
from coprocure.tendering.services import complaints as remedies

from ..models import CallForParticipation, ProcedurePlan, ProcedureVersion, Stage, StageState
from ._common import fail, refused
from .final import tender_follows
from .requests import open_call
from .rounds import ROUND_KINDS, open_round

DEFAULT_STAGE_DAYS = 14
CLOSED_BY_DECISION = frozenset({rules.StageKind.DIALOGUE, rules.StageKind.RD_MILESTONE})


def plan_of(procurement: Procurement) -> ProcedurePlan:
    plan, _created = ProcedurePlan.objects.get_or_create(procurement=procurement)
    return plan


def _locked(procurement: Procurement) -> tuple[Procurement, ProcedurePlan]:
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    plan_of(procurement)
    return procurement, ProcedurePlan.objects.select_for_update().get(procurement=procurement)


def _snapshot(stages) -> list[dict]:
    return [{"kind": s.kind, "opens_at": s.opens_at.isoformat(), "closes_at": s.closes_at.isoformat(),
             "reduces_candidates": s.reduces_candidates} for s in stages]


def _criteria_announced(plan: ProcedurePlan) -> bool:
    return any((value or {}).get("text", "").strip() for value in (plan.reduction_criteria or {}).values())


def _check_times(opens_at, closes_at, number: int) -> None:
    if opens_at is None or closes_at is None:
        raise fail("stage_times_required", "closes_at", number=number)
    if closes_at <= opens_at:
        raise fail("stage_closes_before_opening", "closes_at", number=number)


def _changed(actor: User, procurement: Procurement, plan: ProcedurePlan, stages: list[Stage], reason: str,
             before: list[dict]) -> None:
    """After a change to the draft: once published, the change is a new version that the rules
    must accept, recorded with its reason; before that it is only audited."""
    if plan.is_published:
        if not reason.strip():
            raise fail("new_version_reason_required", "reason")
        current = [rules.PlannedStage(rules.StageKind(s["kind"]), *_times(s), s["reduces_candidates"],
                                      rules.StageState(s.get("state", StageState.PLANNED))) for s in before]
        try:
            rules.check_new_version(timezone.now(), current, [s.as_rule() for s in stages],
                                    reduction_criteria_announced=_criteria_announced(plan),
                                    award_on_initial_bids=plan.award_on_initial_bids)
        except DomainError as error:
            raise refused(error, status=409) from None
        _record_version(actor, procurement, plan, stages, reason)
    audit.record(actor, "procedures.stages_change", procurement, {"stages": before}, {"stages": _snapshot(stages)})


def _times(snapshot: dict):
    return datetime.fromisoformat(snapshot["opens_at"]), datetime.fromisoformat(snapshot["closes_at"])


def _before(stages) -> list[dict]:
    return [{**row, "state": stage.state} for row, stage in zip(_snapshot(stages), stages, strict=True)]


def _record_version(actor, procurement, plan, stages, reason: str) -> None:
    tender_follows(actor, procurement, stages, first=plan.version == 0)
    plan.version += 1
    plan.published_at = timezone.now()
    plan.save(update_fields=["version", "published_at"])
    ProcedureVersion.objects.create(procurement=procurement, number=plan.version, stages=_snapshot(stages),
                                    reduction_criteria=plan.reduction_criteria,
                                    award_on_initial_bids=plan.award_on_initial_bids, reason=reason.strip(),
                                    published_at=plan.published_at, published_by=actor)
    audit.record(actor, "procedures.publish", procurement, None, {"version": plan.version, "reason": reason.strip(),
                                                                  "stages": _snapshot(stages)})


def _stages(procurement) -> list[Stage]:
    return list(Stage.objects.select_for_update().filter(procurement=procurement).order_by("order"))


@transaction.atomic
def accept_default(actor: User, procurement: Procurement, starts_at) -> list[Stage]:
    """The procedure's default sequence, each stage ``DEFAULT_STAGE_DAYS`` long from ``starts_at``;
    only while nothing is composed or published yet."""
    procurement, plan = _locked(procurement)
    require(actor, "procedures.compose", procurement)
    if plan.is_published:
        raise fail("procedure_published", status=409)
    if _stages(procurement):
        raise fail("procedure_already_composed", status=409)
    kinds = rules.default_sequence(procurement.procedure)
    created = []
    for order, kind in enumerate(kinds):
        opens_at = starts_at + timedelta(days=DEFAULT_STAGE_DAYS * order)
        created.append(Stage.objects.create(procurement=procurement, order=order, kind=kind, opens_at=opens_at,
                                            closes_at=opens_at + timedelta(days=DEFAULT_STAGE_DAYS)))
    audit.record(actor, "procedures.stages_change", procurement, {"stages": []}, {"stages": _snapshot(created)})
    return created


@transaction.atomic
def add_stage(actor: User, procurement: Procurement, data: dict) -> Stage:
    """The light regime composes its own sequence: a stage added at the end."""
    procurement, plan = _locked(procurement)
    require(actor, "procedures.compose", procurement)
    if not rules.may_compose(procurement.procedure):
        raise fail("procedure_not_composable", "kind", status=409)
    stages = _stages(procurement)
    _check_times(data["opens_at"], data["closes_at"], len(stages) + 1)
    before = _before(stages)
    stage = Stage.objects.create(procurement=procurement, order=len(stages), kind=data["kind"],
                                 opens_at=data["opens_at"], closes_at=data["closes_at"],
                                 reduces_candidates=bool(data.get("reduces_candidates")))
    _changed(actor, procurement, plan, stages + [stage], data.get("reason", ""), before)
    return stage


@transaction.atomic
def change_stage(actor: User, stage: Stage, data: dict) -> Stage:
    procurement, plan = _locked(stage.procurement)
    require(actor, "procedures.compose", procurement)
    stages = _stages(procurement)
    before = _before(stages)
    stage = next(s for s in stages if s.pk == stage.pk)
    _check_times(data["opens_at"], data["closes_at"], stage.order + 1)
    stage.opens_at, stage.closes_at = data["opens_at"], data["closes_at"]
    stage.reduces_candidates = bool(data.get("reduces_candidates"))
    stage.save(update_fields=["opens_at", "closes_at", "reduces_candidates"])
    _changed(actor, procurement, plan, stages, data.get("reason", ""), before)
    return stage


@transaction.atomic
def remove_stage(actor: User, stage: Stage, reason: str = "") -> None:
    """The light regime's last stage taken away, while it has not begun."""
    procurement, plan = _locked(stage.procurement)
    require(actor, "procedures.compose", procurement)
    if not rules.may_compose(procurement.procedure):
        raise fail("procedure_not_composable", status=409)
    stages = _stages(procurement)
    if stages[-1].pk != stage.pk:
        raise fail("stage_not_last", status=409)
    before = _before(stages)
    stage = stages.pop()
    if stage.state != StageState.PLANNED:
        raise fail("stage_begun_unchangeable", status=409, number=len(before))
    stage.delete()
    _changed(actor, procurement, plan, stages, reason, before)


@transaction.atomic
def save_plan(actor: User, procurement: Procurement, data: dict) -> ProcedurePlan:
    procurement, plan = _locked(procurement)
    require(actor, "procedures.compose", procurement)
    if plan.is_published:
        raise fail("procedure_published", status=409)
    before = {"reduction_criteria": plan.reduction_criteria, "award_on_initial_bids": plan.award_on_initial_bids}
    plan.reduction_criteria = data.get("reduction_criteria") or {}
    plan.award_on_initial_bids = bool(data.get("award_on_initial_bids"))
    plan.save(update_fields=["reduction_criteria", "award_on_initial_bids"])
    audit.record(actor, "procedures.plan_change", procurement, before, {
        "reduction_criteria": plan.reduction_criteria, "award_on_initial_bids": plan.award_on_initial_bids})
    return plan


@transaction.atomic
def publish(actor: User, procurement: Procurement) -> ProcedurePlan:
    """Publish the first version: the whole sequence keeps every rule and its first stage has not opened."""
    procurement, plan = _locked(procurement)
    require(actor, "procedures.publish", procurement)
    if plan.is_published:
        raise fail("procedure_published", status=409)
    stages = _stages(procurement)
    try:
        rules.check_publish(timezone.now(), [s.as_rule() for s in stages],
                            reduction_criteria_announced=_criteria_announced(plan),
                            award_on_initial_bids=plan.award_on_initial_bids)
    except DomainError as error:
        raise refused(error) from None
    calls = {s.pk: s for s in stages if s.kind == rules.StageKind.PARTICIPATION_REQUESTS}
    if calls and CallForParticipation.objects.filter(stage__in=calls).count() != len(calls):
        raise fail("call_missing", status=409)
    _record_version(actor, procurement, plan, stages, "")
    return plan


@transaction.atomic
def open_stage(actor: User, stage: Stage) -> Stage:
    procurement, plan = _locked(stage.procurement)
    require(actor, "procedures.run_stages", procurement)
    stages = _stages(procurement)
    index = next(i for i, s in enumerate(stages) if s.pk == stage.pk)
    try:
        rules.check_open_stage(timezone.now(), plan.is_published, [s.as_rule() for s in stages], index)
    except DomainError as error:
        raise refused(error, status=409) from None
    remedies.check_procedure_not_held(procurement)
    stage = stages[index]
    if stage.kind == rules.StageKind.PARTICIPATION_REQUESTS:
        open_call(actor, stage)  # the call's keys are made as its stage opens
    if stage.kind in ROUND_KINDS:
        open_round(stage)
    stage.state = StageState.OPEN
    stage.save(update_fields=["state"])
    audit.record(actor, "procedures.stage_open", stage, {"state": StageState.PLANNED}, {"state": stage.state})
    return stage


@transaction.atomic
def close_stage(actor: User, stage: Stage, *, decided: bool = False) -> Stage:
    """``decided``: a dialogue or R&D milestone stage closes only through the negotiation app's
    decision (the close of dialogue; every partner's milestones accepted), which passes it."""
    procurement, _plan = _locked(stage.procurement)
    require(actor, "procedures.run_stages", procurement)
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    if stage.kind in CLOSED_BY_DECISION and not decided:
        raise fail("stage_closed_by_decision", status=409)
    try:
        rules.check_close_stage(timezone.now(), stage.as_rule())
    except DomainError as error:
        raise refused(error, status=409) from None
    stage.state = StageState.CLOSED
    stage.save(update_fields=["state"])
    audit.record(actor, "procedures.stage_close", stage, {"state": StageState.OPEN}, {"state": stage.state})
    return stage
