"""The later stages in OCDS (issue 21 items 3, 4 and 8): the invitation to submit final tenders
(how many candidates, never who), the award on the initial bids (its public decision, the stages
not held), the close of a competitive dialogue (its date and reasons, never a solution) and an
innovation partnership's R&D milestones (what must be shown and the decisions as their status,
never a partner's result); valid against OCDS 1.1.5 and the declared extensions."""

import json

from django.utils import timezone

from coprocure.negotiation import milestones, services as negotiation
from coprocure.negotiation.models import Milestone
from coprocure.procedures import services
from coprocure.procedures.models import Stage

from ..negotiation.milestones_world import milestone_world
from ..procedures.rounds import bid, opened_round, round_world
from ..procedures.test_final_tenders import REASON, invite, to_final_tenders
from ..tendering.conftest import make_tender
from .test_ocds import assert_valid

SECRET = "SALAINENRATKAISU"


def _release(client, procurement) -> tuple[dict, str]:
    response = client.get(f"/api/v1/procurements/{procurement.pk}/ocds")
    assert response.status_code == 200
    package = response.json()
    assert_valid(package)
    return package["releases"][0], response.content.decode()


def _statistics(release, stage) -> dict:
    return {s["measure"]: s["value"] for s in release.get("bids", {}).get("statistics", [])
            if s.get("notes") == f"stage-{stage.pk}"}


def test_the_invitation_to_final_tenders_is_counted_never_named(client, official):
    world = round_world(official)
    to_final_tenders(official, world)
    final = world["stages"][3]
    release, _ = _release(client, world["procurement"])
    assert _statistics(release, final) == {}
    invite(official, world)
    release, _ = _release(client, world["procurement"])
    assert _statistics(release, final) == {"invitedCandidates": 2}
    assert "Konsortio" not in json.dumps(release.get("bids"))


def test_the_award_on_initial_bids_is_a_document_and_the_stages_not_held_are_not_met(client, official):
    world = round_world(official, award_on_initial_bids=True)
    make_tender(official, world["procurement"], deadline=world["stages"][3].closes_at)
    bid(world, 0, offer=SECRET)
    bid(world, 1, offer=SECRET)
    services.award_on_initial_bids(official, opened_round(official, world), {"reason": REASON})
    release, body = _release(client, world["procurement"])
    [decision] = [d for d in release["tender"]["documents"] if d["id"].startswith("initial-bids-award-")]
    assert decision["description"] == REASON and decision["datePublished"]
    stages = {m["id"]: m for m in release["tender"]["milestones"]}
    assert [stages[f"stage-{s.pk}"]["status"] for s in world["stages"][2:]] == ["notMet", "notMet"]
    assert "Ei järjestetty" in stages[f"stage-{world['stages'][2].pk}"]["description"]
    assert SECRET not in body


def test_the_close_of_a_dialogue_is_a_document_without_any_solution(client, official):
    world = round_world(official)
    stage = world["stages"][1]
    Stage.objects.filter(pk=stage.pk).update(kind="dialogue")
    stage.refresh_from_db()
    negotiation.propose_solution(world["bidders"][0], stage, f"{SECRET} liikkuva tiimi.")
    client.force_login(official)
    closed = client.post(f"/api/v1/stages/{stage.pk}/dialogue-closure", {
        "closed_on": timezone.localdate().isoformat(), "reasons": "Kaksi ratkaisua täyttää tarpeet.",
        "solutions_identified": True}, content_type="application/json")
    assert closed.status_code == 201, closed.content
    client.logout()
    release, body = _release(client, world["procurement"])
    [closure] = [d for d in release["tender"]["documents"] if d["id"].startswith("dialogue-closure-")]
    assert closure["description"] == "Kaksi ratkaisua täyttää tarpeet." and closure["url"].endswith(
        f"/stages/{stage.pk}/negotiation/")
    assert SECRET not in body


def test_rd_milestones_with_the_decisions_as_their_status_never_a_result(client, official):
    world = milestone_world(official)
    # Read again: the milestones were made before their stage opened.
    first, second = (Milestone.objects.get(pk=m.pk) for m in world["milestones"])
    partners = world["bidders"]
    release, _ = _release(client, world["procurement"])
    shown = {m["id"]: m for m in release["tender"]["milestones"]}
    assert [shown[f"rd-milestone-{m.pk}"]["status"] for m in (first, second)] == ["scheduled", "scheduled"]
    milestones.submit_result(partners[0], first, f"{SECRET} prototyyppi toimii.")
    milestones.decide(official, first, {"organisation": partners[0].organisation_id, "accepted": True,
                                        "reasons": "Näytetty."})
    release, body = _release(client, world["procurement"])
    shown = {m["id"]: m for m in release["tender"]["milestones"]}
    assert shown[f"rd-milestone-{first.pk}"]["status"] == "met"
    assert shown[f"rd-milestone-{first.pk}"]["description"] == first.to_show
    milestones.decide(official, first, {"organisation": partners[1].organisation_id, "accepted": False,
                                        "reasons": "Ei tulosta."})
    release, body = _release(client, world["procurement"])
    shown = {m["id"]: m for m in release["tender"]["milestones"]}
    assert shown[f"rd-milestone-{first.pk}"]["status"] == "partiallyMet"
    assert shown[f"rd-milestone-{second.pk}"]["status"] == "scheduled"
    assert SECRET not in body and "Konsortio" not in json.dumps(release["tender"]["milestones"])
