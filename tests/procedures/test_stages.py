"""Composing, publishing and running stages through the services: the light regime composes,
the others take their default; publication checks the rules; a published procedure changes only
by a new published version with a reason; a stage opens only when the previous one closed."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.errors import ServiceError
from coprocure.procedures import services
from coprocure.procedures.models import ProcedurePlan, ProcedureVersion, Stage

from .. import factories
from .conftest import begin, compose, light_procurement, pass_deadline, selection_procedure, with_call


def errors(refusal) -> str:
    return str(refusal.value.errors)


def test_the_default_sequence_of_a_negotiated_procedure(official):
    procurement = factories.create_procurement(official, procedure="negotiated")
    stages = services.accept_default(official, procurement, timezone.now() + timedelta(days=2))
    assert [s.kind for s in stages] == ["participation_requests", "negotiation_round", "final_tenders"]
    assert all(later.opens_at >= earlier.closes_at for earlier, later in zip(stages, stages[1:]))


def test_the_open_procedure_is_its_single_tenders_stage(official):
    procurement = factories.create_procurement(official, procedure="open")
    stages = services.accept_default(official, procurement, timezone.now() + timedelta(days=2))
    assert [s.kind for s in stages] == ["tenders"]
    services.publish(official, procurement)
    assert ProcedurePlan.objects.get(procurement=procurement).version == 1


def test_only_the_light_regime_composes_its_own(official):
    procurement = factories.create_procurement(official, procedure="negotiated")
    with pytest.raises(ServiceError) as refused:
        compose(official, procurement, ["tenders"])
    assert "procedure_not_composable" in errors(refused)
    assert not Stage.objects.exists()


def test_publishing_a_composition_that_breaks_a_rule_is_refused_and_nothing_is_published(official):
    procurement = light_procurement(official)
    compose(official, procurement, ["participation_requests", "negotiation_round"])  # no final tenders
    with pytest.raises(ServiceError) as refused:
        services.publish(official, procurement)
    assert "procedure_one_comparison" in errors(refused)
    assert not ProcedureVersion.objects.exists()


def test_negotiation_without_a_selection_stage_is_refused(official):
    procurement = light_procurement(official)
    compose(official, procurement, ["negotiation_round", "final_tenders"])
    with pytest.raises(ServiceError) as refused:
        services.publish(official, procurement)
    assert "round_without_selection" in errors(refused)


def test_staff_compose_but_only_an_official_publishes(official, staff):
    from coprocure.core import services as core

    procurement = light_procurement(official)
    core.assign_role(official, procurement, staff, "staff")
    compose(staff, procurement, ["tenders"])
    with pytest.raises(PermissionDenied):
        services.publish(staff, procurement)


def test_a_published_procedure_changes_only_by_a_new_version_with_a_reason(official):
    procurement = light_procurement(official)
    stages, _call = selection_procedure(official, procurement)
    later = stages[2]
    data = {"opens_at": later.opens_at + timedelta(days=7), "closes_at": later.closes_at + timedelta(days=7)}
    with pytest.raises(ServiceError) as refused:
        services.change_stage(official, later, data)
    assert "new_version_reason_required" in errors(refused)
    later.refresh_from_db()
    assert later.opens_at == stages[2].opens_at  # nothing half-stored
    services.change_stage(official, later, {**data, "reason": "Neuvottelukierrosta jatkettiin viikolla."})
    versions = list(ProcedureVersion.objects.filter(procurement=procurement))
    assert [v.number for v in versions] == [1, 2] and versions[1].reason.startswith("Neuvottelukierrosta")
    assert versions[0].stages[2]["opens_at"] != versions[1].stages[2]["opens_at"]


def test_a_stage_that_has_begun_cannot_be_changed_by_a_new_version(official):
    procurement = light_procurement(official)
    stages, _call = selection_procedure(official, procurement)
    begin(official, stages[0])
    with pytest.raises(ServiceError) as refused:
        services.change_stage(official, stages[0], {"opens_at": stages[0].opens_at, "reason": "Pidennys.",
                                                    "closes_at": stages[0].closes_at + timedelta(days=3)})
    assert "stage_begun_unchangeable" in errors(refused)


def test_a_round_opened_before_the_previous_one_closed_is_refused(official):
    procurement = light_procurement(official)
    stages, _call = selection_procedure(official, procurement)
    begin(official, stages[0])
    Stage.objects.filter(pk=stages[1].pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ServiceError) as refused:
        services.open_stage(official, stages[1])
    assert refused.value.status == 409 and "stage_previous_not_closed" in errors(refused)
    assert Stage.objects.get(pk=stages[1].pk).state == "planned"
    with pytest.raises(ServiceError) as early:
        services.close_stage(official, stages[0])
    assert "stage_before_deadline" in errors(early)
    pass_deadline(stages[0])
    services.close_stage(official, stages[0])
    assert services.open_stage(official, stages[1]).state == "open"
    assert AuditEntry.objects.filter(action="procedures.stage_open").count() == 2


def test_a_stage_opens_only_once_the_procedure_is_published(official):
    procurement = light_procurement(official)
    stages = compose(official, procurement, ["participation_requests", "negotiation_round", "final_tenders"])
    with_call(official, stages[0])
    Stage.objects.filter(pk=stages[0].pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ServiceError) as refused:
        services.open_stage(official, stages[0])
    assert "procedure_not_published" in errors(refused)


def test_a_call_that_limits_candidates_needs_selection_criteria_to_open(official):
    procurement = light_procurement(official)
    stages = compose(official, procurement, ["participation_requests", "negotiation_round", "final_tenders"])
    with_call(official, stages[0], max_candidates=2, criterion=False)
    services.publish(official, procurement)
    with pytest.raises(ServiceError) as refused:
        begin(official, stages[0])
    assert "selection_criteria_required" in errors(refused)


def test_the_call_is_frozen_with_the_published_procedure(official):
    procurement = light_procurement(official)
    _stages, call = selection_procedure(official, procurement)
    with pytest.raises(ServiceError) as refused:
        services.add_requirement(official, call, factories.text("Uusi vaatimus."))
    assert "procedure_published" in errors(refused)
    assert call.requirements.count() == 2
