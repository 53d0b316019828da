"""The plan, activities and the experts' recorded work and pay."""

from __future__ import annotations

from django.db import transaction

from coprocure.audit import services as audit
from coprocure.core.models import Procurement, User
from coprocure.core.services import require, require_accountable
from coprocure.domain import recognition
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from ..models import EXPERT_ROLES, Activity, Contribution, ParticipationPlan
from ._common import locked_activity
from .registrations import settle


def _plan_snapshot(plan: ParticipationPlan) -> dict:
    return {
        "aims": plan.aims, "phases": plan.phases, "reach": plan.reach,
        "accountable_official": plan.accountable_official_id, "k_threshold": plan.k_threshold,
        "reference_shares": plan.reference_shares,
    }


@transaction.atomic
def save_plan(actor: User, procurement: Procurement, data: dict) -> ParticipationPlan:
    """Create the procurement's plan or update it; there is one plan per procurement."""
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    require(actor, "participation.manage", procurement)
    plan = ParticipationPlan.objects.filter(procurement=procurement).first()
    before = _plan_snapshot(plan) if plan else None
    plan = plan or ParticipationPlan(procurement=procurement)
    for name, value in data.items():
        setattr(plan, name, value)
    if plan.accountable_official is not None:
        require_accountable(plan.accountable_official, procurement.authority_id)
    plan.save()
    audit.record(actor, "participation.plan_save", plan, before, _plan_snapshot(plan))
    return plan


def _activity_snapshot(activity: Activity) -> dict:
    return {"kind": activity.kind, "phase": activity.phase, "title": activity.title,
            "starts_at": activity.starts_at, "setting": activity.setting, "capacity": activity.capacity,
            "registration": activity.registration, "confirmation_hours": activity.confirmation_hours}


@transaction.atomic
def create_activity(actor: User, procurement: Procurement, data: dict) -> Activity:
    require(actor, "participation.manage", procurement)
    activity = Activity.objects.create(procurement=procurement, **data)
    audit.record(actor, "participation.activity_create", activity, None, _activity_snapshot(activity))
    return activity


@transaction.atomic
def update_activity(actor: User, activity: Activity, data: dict) -> Activity:
    activity = Activity.objects.select_for_update().select_related("procurement").get(pk=activity.pk)
    require(actor, "participation.manage", activity.procurement)
    before = _activity_snapshot(activity)
    for name, value in data.items():
        setattr(activity, name, value)
    activity.save()
    audit.record(actor, "participation.activity_update", activity, before, _activity_snapshot(activity))
    # More places (or none any more) go to the waiting list at once.
    settle(activity)
    return activity


@transaction.atomic
def record_contribution(actor: User, activity: Activity, data: dict) -> Contribution:
    """Record or correct what an expert by experience or peer did at an activity and is paid."""
    activity = locked_activity(activity.pk)
    require(actor, "participation.manage", activity.procurement)
    person = data["person"]
    if not activity.procurement.roles.filter(user=person, role__in=EXPERT_ROLES).exists():
        raise ServiceError.from_domain(DomainError("recognition_not_expert", "person"))
    try:
        recognition.check(data["hours"], data["fee"], data["travel_cost"])
    except DomainError as error:
        raise ServiceError.from_domain(error) from None
    existing = Contribution.objects.filter(activity=activity, person=person).first()
    before = None if existing is None else {"hours": existing.hours, "fee": existing.fee, "travel_cost": existing.travel_cost}
    contribution, _created = Contribution.objects.update_or_create(
        activity=activity, person=person,
        defaults={"hours": data["hours"], "fee": data["fee"], "travel_cost": data["travel_cost"],
                  "work": data.get("work", ""), "recorded_by": actor},
    )
    audit.record(actor, "participation.contribution_record", contribution, before,
                 {"person": person.pk, "hours": contribution.hours, "fee": contribution.fee,
                  "travel_cost": contribution.travel_cost})
    contribution.refresh_from_db()
    return contribution
