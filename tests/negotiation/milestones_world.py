"""A published innovation-partnership-like procedure whose three consortia were selected and
whose R&D milestone stage, after the final tenders, holds two milestones and is open."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from coprocure.negotiation import milestones
from coprocure.procedures import services as procedures
from coprocure.procedures.models import Stage

from ..procedures.conftest import begin, pass_deadline
from ..procedures.rounds import round_world


def through(official, stage):
    stage.refresh_from_db()
    if stage.state == "planned":
        begin(official, stage)
    pass_deadline(stage)
    procedures.close_stage(official, stage)


def milestone_world(official, *, open_stage=True):
    world = round_world(official)
    # Stored as if published with the procedure: the rounds' world moved its earlier stages' times
    # into the past, which a new published version would (rightly) refuse.
    stage = Stage.objects.create(procurement=world["procurement"], order=len(world["stages"]), kind="rd_milestone",
                                 opens_at=timezone.now() + timedelta(minutes=5),
                                 closes_at=timezone.now() + timedelta(days=60))
    for earlier in world["stages"][1:]:
        through(official, earlier)
    world["stage"] = stage
    world["milestones"] = [
        milestones.add_milestone(official, stage, {
            "name": "Prototyyppi", "to_show": "Toimiva etävastaanoton prototyyppi kymmenellä asiakkaalla.",
            "due_at": timezone.now() + timedelta(days=20), "price_share": Decimal("20")}),
        milestones.add_milestone(official, stage, {
            "name": "Pilotti", "to_show": "Puolen vuoden pilotti ja sen vaikutukset.",
            "due_at": timezone.now() + timedelta(days=50), "price_share": Decimal("30")}),
    ]
    if open_stage:
        begin(official, stage)
        stage.refresh_from_db()
    return world
