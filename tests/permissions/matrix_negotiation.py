"""The permission matrix's rows for the close of dialogue and the R&D milestones (issue 21 item 4),
appended to ``test_matrix.MATRIX`` at its end. Their stages are added lazily to the matrix's
negotiating procedure (stored directly, as if published with it: the matrix checks who reaches
what, the services' own tests walk the sequence): an open dialogue not yet closed, a dialogue
whose close is decided, and a planned R&D milestone stage with one milestone."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from coprocure.negotiation.models import DialogueClosure, Milestone, WrittenInformation
from coprocure.procedures.models import Stage

from .test_matrix import STAFF_API, STAFF_POST, api, pages, posts


def _stage(w, kind: str, state: str) -> Stage:
    procurement = w.round_stage.procurement
    now = timezone.now()
    return Stage.objects.create(procurement=procurement, kind=kind, state=state,
                                order=Stage.objects.filter(procurement=procurement).count(),
                                opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=60))


def open_dialogue(w) -> Stage:
    if not hasattr(w, "open_dialogue"):
        w.open_dialogue = _stage(w, "dialogue", "open")
    return w.open_dialogue


def closed_dialogue(w) -> Stage:
    if not hasattr(w, "closed_dialogue"):
        stage = _stage(w, "dialogue", "open")
        official = w.people["official"]
        info = WrittenInformation.objects.create(stage=stage, text="Neuvottelut päätettiin.", sent_by=official)
        DialogueClosure.objects.create(stage=stage, closed_on=timezone.localdate(), reasons="Ratkaisut löytyivät.",
                                       solutions_identified=True, decided_by=official, information=info)
        w.closed_dialogue = stage
    return w.closed_dialogue


def milestone(w) -> Milestone:
    if not hasattr(w, "milestone"):
        stage = _stage(w, "rd_milestone", "planned")
        w.milestone = Milestone.objects.create(stage=stage, name="Prototyyppi", to_show="Toimiva prototyyppi.",
                                               due_at=stage.closes_at - timedelta(days=1))
    return w.milestone


# Only the procurement's official decides (the close of dialogue, a milestone's acceptance, a
# partnership's end, the stage's close: an empty form 422, or 409 where the decision's condition is
# not met yet); staff set milestones before the stage opens; any provider may try to submit a
# result (an empty form: 422; the service then asks whether it is a partner, 403).
ROWS = [
    posts("negotiation_close_dialogue", lambda w: f"/stages/{open_dialogue(w).pk}/negotiation/close-dialogue/",
          anonymous=302, official=422),
    posts("negotiation_close_stage", lambda w: f"/stages/{open_dialogue(w).pk}/negotiation/close/", anonymous=302,
          official=409),
    pages("negotiation", lambda w: f"/stages/{closed_dialogue(w).pk}/negotiation/", default=200),
    api("get_dialogue_closure", "GET", lambda w: f"/api/v1/stages/{open_dialogue(w).pk}/dialogue-closure",
        default=404, anonymous=401),
    api("get_dialogue_closure", "GET", lambda w: f"/api/v1/stages/{closed_dialogue(w).pk}/dialogue-closure",
        default=200, anonymous=401),
    api("close_dialogue", "POST", lambda w: f"/api/v1/stages/{open_dialogue(w).pk}/dialogue-closure",
        body={"closed_on": "2026-01-01", "reasons": ""}, anonymous=401, official=422),
    api("close_dialogue", "POST", lambda w: f"/api/v1/stages/{closed_dialogue(w).pk}/dialogue-closure",
        body={"closed_on": "2026-01-01", "reasons": "Uudestaan.", "solutions_identified": True}, anonymous=401,
        official=409),
    api("close_decided_stage", "POST", lambda w: f"/api/v1/stages/{open_dialogue(w).pk}/decided-close",
        anonymous=401, official=409),
    pages("milestones", lambda w: f"/stages/{milestone(w).stage_id}/milestones/", default=200),
    posts("milestone_add", lambda w: f"/stages/{milestone(w).stage_id}/milestones/new/", **STAFF_POST),
    posts("milestone_result", lambda w: f"/milestones/{milestone(w).pk}/result/", anonymous=302, provider=422,
          other_provider=422),
    posts("milestone_decision", lambda w: f"/milestones/{milestone(w).pk}/decision/", anonymous=302, official=422),
    posts("milestone_end_partnership", lambda w: f"/stages/{milestone(w).stage_id}/milestones/partnership-end/",
          anonymous=302, official=422),
    posts("milestone_service_phase", lambda w: f"/stages/{milestone(w).stage_id}/milestones/service-phase/",
          anonymous=302, official=409),
    api("list_milestones", "GET", lambda w: f"/api/v1/stages/{milestone(w).stage_id}/milestones", default=200,
        anonymous=401),
    api("list_partners", "GET", lambda w: f"/api/v1/stages/{milestone(w).stage_id}/partners", default=200,
        anonymous=401),
    api("add_milestone", "POST", lambda w: f"/api/v1/stages/{milestone(w).stage_id}/milestones",
        body={"name": "", "to_show": "", "due_at": "2030-01-01T10:00:00+02:00"}, **STAFF_API),
    api("submit_milestone_result", "POST", lambda w: f"/api/v1/milestones/{milestone(w).pk}/results",
        body={"text": ""}, anonymous=401, provider=422, other_provider=422),
    api("decide_milestone", "POST", lambda w: f"/api/v1/milestones/{milestone(w).pk}/decisions",
        body={"organisation": 0, "accepted": True, "reasons": ""}, anonymous=401, official=422),
    api("end_partnership", "POST", lambda w: f"/api/v1/stages/{milestone(w).stage_id}/partnership-ends",
        body={"organisation": 0, "reasons": ""}, anonymous=401, official=422),
]
