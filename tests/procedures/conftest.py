from datetime import timedelta

from django.utils import timezone

from coprocure.procedures import services
from coprocure.procedures.models import Stage

from .. import factories
from ..factories import text


def light_procurement(official):
    return factories.create_procurement(official, procedure="light")


def compose(official, procurement, kinds, *, start_days=1, days=14):
    """Stages one after another from ``start_days`` days from now, each ``days`` long."""
    start = timezone.now() + timedelta(days=start_days)
    stages = []
    for number, kind in enumerate(kinds):
        opens = start + timedelta(days=days * number)
        stages.append(services.add_stage(official, procurement, {"kind": kind, "opens_at": opens,
                                                                 "closes_at": opens + timedelta(days=days)}))
    return stages


def with_call(official, stage, *, min_candidates=1, max_candidates=None, criterion=True):
    call = services.save_call(official, stage, {"min_candidates": min_candidates, "max_candidates": max_candidates,
                                                "consortia_allowed": True})
    services.add_requirement(official, call, text("Vähintään kolmen vuoden kokemus päihdekuntoutuksesta."))
    services.add_requirement(official, call, text("Kokemusasiantuntijat mukana palvelussa."))
    if criterion:
        services.add_requirement(official, call, text("Kokemus vertaistuesta, pisteytettynä."), criterion=True)
    return call


def selection_procedure(official, procurement, *, max_candidates=2):
    """A light-regime procedure: requests and selection, one negotiation round, final tenders; published."""
    stages = compose(official, procurement, ["participation_requests", "negotiation_round", "final_tenders"])
    call = with_call(official, stages[0], max_candidates=max_candidates)
    services.publish(official, procurement)
    return stages, call


def begin(official, stage):
    """Its opening time has come (moved to a minute ago) and the official opens it."""
    Stage.objects.filter(pk=stage.pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    stage.refresh_from_db()
    return services.open_stage(official, stage)


def pass_deadline(stage):
    Stage.objects.filter(pk=stage.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    stage.refresh_from_db()


def evidence(call, prefix="Täyttyy"):
    return {str(r.number): f"{prefix} {r.number}" for r in call.requirements.all()}
