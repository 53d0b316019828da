"""Every stage of a negotiated procurement in OCDS (issue 21 item 8): a market dialogue with a
patients' association (its sessions as milestones, the published minutes' PDF and what was
learned as documents, participants counted by kind of seat), requests and selection, two
negotiation rounds with a reduction between them and meetings whose minutes the candidate
confirmed. Valid against OCDS 1.1.5 and the declared extensions at every step; no sealed or
confidential text anywhere in the JSON, and no initial bid, not even their number, before the
round's opening."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from coprocure.market_dialogue import services as market_dialogue
from coprocure.market_dialogue.models import DialogueSession
from coprocure.negotiation import services as negotiation
from coprocure.procedures import selectors, services

from ..factories import text
from ..market_dialogue.test_market_dialogue import association, registered
from ..procedures.conftest import begin, evidence, light_procurement, pass_deadline, with_call
from ..procedures.test_selection_pdf import _text
from ..tendering.conftest import provider, second_official
from .test_ocds import assert_valid

KINDS = ["market_dialogue", "participation_requests", "negotiation_round", "negotiation_round", "final_tenders"]
# Planted where only the authority or a candidate may read them: none may reach the open data.
SECRETS = {
    "offer": "SALAINENTARJOUS", "price": "987654.32", "evidence": "SALAINENNAYTTO",
    "dialogue_confidential": "LUOTTAMUKSELLINENVUOROPUHELU", "dialogue_draft": "JULKAISEMATONMUISTIO",
    "contact": "yhteyshenkilo@example.fi", "meeting_minutes": "NEUVOTTELUMUISTIO",
    "meeting_confidential": "LUOTTAMUKSELLINENNEUVOTTELU", "comment": "EHDOKKAANKOMMENTTI",
    "reduction_reason": "KALLEINRATKAISU",
}


def _package(client, procurement) -> tuple[dict, str]:
    response = client.get(f"/api/v1/procurements/{procurement.pk}/ocds")
    assert response.status_code == 200
    package = response.json()
    assert_valid(package)
    body = response.content.decode()
    leaked = [name for name, secret in SECRETS.items() if secret in body]
    assert leaked == [], leaked
    return package["releases"][0], body


def _round_bids(release, stage) -> tuple[list, list]:
    bids = release.get("bids", {"details": [], "statistics": []})
    return ([d for d in bids["details"] if f"stage-{stage.pk}" in d.get("description", "")],
            [s for s in bids["statistics"] if s.get("notes") == f"stage-{stage.pk}"])


@pytest.fixture
def world(official):
    procurement = light_procurement(official)
    start = timezone.now() + timedelta(days=1)
    stages = [services.add_stage(official, procurement, {
        "kind": kind, "opens_at": start + timedelta(days=14 * n), "closes_at": start + timedelta(days=14 * (n + 1)),
        "reduces_candidates": n == 2}) for n, kind in enumerate(KINDS)]
    call = with_call(official, stages[1], criterion=False)
    services.save_plan(official, procurement, {"reduction_criteria": text("Kaksi edullisinta jatkavat.")})
    services.publish(official, procurement)
    return {"procurement": procurement, "stages": stages, "call": call,
            "bidders": [provider(f"Konsortio {n} Oy") for n in range(3)], "other": second_official(official, procurement)}


def _market_dialogue(official, world):
    stage = world["stages"][0]
    begin(official, stage)
    registered(official, stage, association())
    registered(official, stage, world["bidders"][0])
    market_dialogue.register(provider("Odottaja Oy"), stage, {"contact_name": "Odottaja",
                                                             "contact_email": SECRETS["contact"]})
    held = market_dialogue.add_session(official, stage, {"starts_at": timezone.now(), "place": "Kirjasto",
                                                         "online": False, "agenda": "Palvelun tavoitteet"})
    market_dialogue.publish_minutes(official, held, {"minutes": "Yhdistys toivoi vertaistukea.",
                                                     "confidential_minutes": SECRETS["dialogue_confidential"]})
    ahead = DialogueSession.objects.create(stage=stage, starts_at=timezone.now() + timedelta(hours=5),
                                           agenda="Hinnoittelu", minutes=SECRETS["dialogue_draft"])
    market_dialogue.add_learning(official, stage, {"text": "Vertaistuki kuuluu palveluun.",
                                                   "documents_changed": "Palvelukuvaus"})
    pass_deadline(stage)
    services.close_stage(official, stage)
    return held, ahead


def _selection(official, world):
    stage, call = world["stages"][1], world["call"]
    begin(official, stage)
    call.refresh_from_db()
    for bidder in world["bidders"]:
        services.submit_request(bidder, call, {"evidence": evidence(call, SECRETS["evidence"])})
    pass_deadline(stage)
    call.stage.refresh_from_db()
    services.open_requests(official, call)
    services.open_requests(world["other"], call)
    call.refresh_from_db()
    for request in call.requests.all():
        for requirement in call.requirements.all():
            services.check_requirement(official, call, request.pk, requirement.number, True, "Täyttyy.")
    services.decide_selection(official, call, {"reasons": "Kaikki soveltuvat kutsutaan.",
                                               "candidates": {r.pk: (True, "Soveltuva.") for r in call.requests.all()}})
    services.close_stage(official, stage)


def _round(official, world, n, bidders):
    stage = world["stages"][n]
    begin(official, stage)
    box = selectors.visible_round(official, stage.pk)
    for number, bidder in enumerate(bidders):
        services.submit_round_bid(bidder, box, {"price": SECRETS["price"], "offer": f"{SECRETS['offer']} {number}"})
    return stage, box


def _open(official, world, stage, box):
    pass_deadline(stage)
    box.stage.refresh_from_db()
    services.open_round_bids(official, box)
    services.open_round_bids(world["other"], box)
    box.refresh_from_db()


def _meeting(official, stage, bidder):
    meeting = negotiation.add_meeting(official, stage, {
        "organisation": bidder.organisation_id, "starts_at": timezone.now(), "participants": "Neuvottelijat"})
    meeting = negotiation.write_minutes(official, meeting, {"minutes": SECRETS["meeting_minutes"],
                                                            "confidential_minutes": SECRETS["meeting_confidential"]})
    negotiation.respond_to_minutes(bidder, meeting, False, SECRETS["comment"])
    return negotiation.respond_to_minutes(bidder, meeting, True)


def test_the_market_dialogue_its_sessions_minutes_learnings_and_participants(client, official, world):
    held, ahead = _market_dialogue(official, world)
    release, body = _package(client, world["procurement"])
    milestones = {m["id"]: m for m in release["tender"]["milestones"]}
    stage = milestones[f"stage-{world['stages'][0].pk}"]
    assert stage["status"] == "met" and stage["code"] == "market_dialogue"
    assert stage["participantCounts"] == [{"seatKind": "provider", "count": 1},
                                          {"seatKind": "userAssociation", "count": 1}]
    session = milestones[f"dialogue-session-{held.pk}"]
    assert session["status"] == "met" and session["description"] == "Palvelun tavoitteet"
    [minutes] = session["documents"]
    assert minutes["url"].endswith(f"/api/v1/dialogue-sessions/{held.pk}/minutes.pdf")
    assert minutes["format"] == "application/pdf" and "datePublished" in minutes
    waiting = milestones[f"dialogue-session-{ahead.pk}"]
    assert waiting["status"] == "scheduled" and "documents" not in waiting
    learned = [d for d in release["tender"]["documents"] if d["id"].startswith("dialogue-learning-")]
    assert [d["description"] for d in learned] == ["Vertaistuki kuuluu palveluun. Muutti asiakirjoja: Palvelukuvaus"]
    interested = sorted(p["name"] for p in release["parties"] if "interestedParty" in p["roles"])
    assert interested == ["Konsortio 0 Oy", "Potilasyhdistys ry"]
    assert "Odottaja" not in body and "Anna" not in body
    pdf = client.get(minutes["url"].removeprefix(settings.COPROCURE_PUBLIC_URL.rstrip("/")))
    assert pdf.status_code == 200 and "Yhdistys toivoi vertaistukea." in _text(pdf.content)


def test_rounds_bids_are_counted_only_after_the_opening_and_never_their_content_or_who(client, official, world):
    _market_dialogue(official, world)
    _selection(official, world)
    bidders = world["bidders"]
    first, box = _round(official, world, 2, bidders)
    _meeting(official, first, bidders[0])
    release, _ = _package(client, world["procurement"])
    assert _round_bids(release, first) == ([], []), "sealed: not even counted before the opening"
    assert [s["measure"] for s in release["bids"]["statistics"]] == ["requests", "selectedCandidates"]
    _open(official, world, first, box)
    release, _ = _package(client, world["procurement"])
    details, statistics = _round_bids(release, first)
    assert [d["status"] for d in details] == ["pending"] * 3
    assert all(set(d) == {"id", "submissionType", "date", "description", "status"} for d in details)
    assert [(s["measure"], s["value"]) for s in statistics] == [("bids", 3)]
    services.decide_reduction(official, box, {
        "reasons": "Kaksi edullisinta jatkavat.",
        "candidates": {b.organisation_id: (n < 2, "Hinta-laatusuhde." if n < 2 else SECRETS["reduction_reason"])
                       for n, b in enumerate(bidders)}})
    services.close_stage(official, first)
    second, second_box = _round(official, world, 3, bidders[:2])
    _meeting(official, second, bidders[1])
    release, body = _package(client, world["procurement"])
    details, statistics = _round_bids(release, first)
    assert [d["status"] for d in details] == ["valid"] * 3
    assert {(s["measure"], s["value"]) for s in statistics} == {("bids", 3), ("candidatesGoingOn", 2)}
    [reduction] = [d for d in release["tender"]["documents"] if d["id"].startswith("reduction-decision-")]
    assert reduction["url"].endswith(f"/api/v1/stages/{first.pk}/round/reduction.pdf") and reduction["datePublished"]
    assert _round_bids(release, second) == ([], [])
    _open(official, world, second, second_box)
    release, body = _package(client, world["procurement"])
    details, statistics = _round_bids(release, second)
    assert len(details) == 2 and [(s["measure"], s["value"]) for s in statistics] == [("bids", 2)]
    assert [m["code"] for m in release["tender"]["milestones"] if m["id"].startswith("stage-")] == KINDS
    for name in ("Konsortio 0 Oy", "Konsortio 1 Oy", "Konsortio 2 Oy"):
        assert name not in json.dumps(release["bids"]), "who bid is not open data before the award"
    assert not any("tenderer" in p["roles"] for p in release["parties"])
