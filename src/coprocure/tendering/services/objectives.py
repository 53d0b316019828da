"""Objectives and the quality criteria that answer them: the golden thread insight → objective →
criterion, and the award criteria the comparison uses."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from coprocure.audit import services as audit
from coprocure.core import signals
from coprocure.core.models import Procurement, User
from coprocure.core.services import require
from coprocure.domain import scoring
from coprocure.participation.models import Insight, InsightStatus

from ..models import Objective, QualityCriterion, Tender
from ._common import fail, locked_tender, require_draft


@transaction.atomic
def create_objective(actor: User, procurement: Procurement, data: dict) -> Objective:
    require(actor, "tendering.manage", procurement)
    insights = list(data.pop("insights", []))
    if any(insight.procurement_id != procurement.pk for insight in insights):
        raise fail("not_of_this_procurement", "insights")
    objective = Objective.objects.create(procurement=procurement, **data)
    objective.insights.set(insights)
    # An insight that became an objective has been taken up: the people who gave it see so on
    # the "you said, we did" page, with the objective named.
    Insight.objects.filter(pk__in=[i.pk for i in insights], status=InsightStatus.OPEN).update(status=InsightStatus.TAKEN_UP)
    audit.record(actor, "tendering.objective_create", objective, None, {
        "statement": objective.statement, "insights": sorted(i.pk for i in insights),
        "agreed_how": objective.agreed_how, "agreed_on": objective.agreed_on,
    })
    if insights:
        signals.you_said_we_did_changed.send(Objective, procurement=procurement)
    return objective


@transaction.atomic
def add_criterion(actor: User, tender: Tender, data: dict) -> QualityCriterion:
    tender = locked_tender(tender)
    require(actor, "tendering.manage", tender.procurement)
    require_draft(tender)
    objectives = list(data.pop("objectives", []))
    if any(objective.procurement_id != tender.procurement_id for objective in objectives):
        raise fail("not_of_this_procurement", "objectives")
    data.setdefault("ordering", tender.criteria.count() + 1)
    criterion = QualityCriterion.objects.create(tender=tender, **data)
    criterion.objectives.set(objectives)
    audit.record(actor, "tendering.criterion_add", criterion, None, {
        "name": criterion.name, "weight": criterion.weight, "scale_max": criterion.scale_max,
        "objectives": sorted(o.pk for o in objectives),
    })
    return criterion


def award_criteria(tender: Tender) -> scoring.AwardCriteria:
    return scoring.AwardCriteria(
        price_weight=Decimal(tender.price_weight),
        quality=tuple(
            scoring.QualityCriterion(c.key, Decimal(c.weight), Decimal(c.scale_max)) for c in tender.criteria.all()
        ),
        method=scoring.QualityMethod(tender.quality_method),
        tie_rule=scoring.TieRule(tender.tie_rule),
    )
