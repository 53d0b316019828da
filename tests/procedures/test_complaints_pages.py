"""Complaints against a selection or reduction decision through the call and round pages and
/api/v1, as a candidate, the authority, an outsider and the public would try them."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.procedures.models import DecisionComplaint, SelectionDecision, Stage
from coprocure.procedures.services import complaints

from .. import factories
from .rounds import round_world
from .test_complaints import reduced


def call(client, method, url, payload=None):
    response = getattr(client, method)(f"/api/v1{url}", json.dumps(payload or {}), content_type="application/json")
    return response.status_code, response.json()


@pytest.fixture
def world(official):
    world = round_world(official)
    world["selection"] = SelectionDecision.objects.get(call__stage=world["stages"][0])
    return world


def test_a_candidate_complains_through_the_api_and_the_public_timeline_never_names_it(official, world, client):
    stage = world["stages"][0].pk
    candidate = world["bidders"][0]
    client.force_login(world["outsider"])
    status, body = call(client, "post", f"/stages/{stage}/call/selection/complaints",
                        {"kind": "rectification_request", "grounds": "Väärin."})
    assert status == 403 and body["errors"][0]["code"] == "complaint_not_candidate"
    client.force_login(candidate)
    status, body = call(client, "post", f"/stages/{stage}/call/selection/complaints", {"kind": "wrong", "grounds": ""})
    assert status == 422 and not DecisionComplaint.objects.exists()
    status, filed = call(client, "post", f"/stages/{stage}/call/selection/complaints",
                         {"kind": "rectification_request", "grounds": "Referenssit jätettiin huomiotta."})
    assert status == 201 and filed["outcome"] == "pending"
    client.force_login(official)
    status, answered = call(client, "post", f"/decision-complaints/{filed['id']}/answer",
                            {"outcome": "rejected", "answer": "Referenssit arvioitiin."})
    assert status == 200 and answered["outcome"] == "rejected"
    client.logout()
    response = client.get(f"/api/v1/stages/{stage}/call/selection/complaints")
    timeline = response.json()
    assert response.status_code == 200 and timeline["complaints"][0]["answer"] == "Referenssit arvioitiin."
    assert {"fi", "sv"} <= {version["lang"] for version in timeline["instructions"]}
    assert candidate.organisation.name not in response.content.decode()
    page = client.get(f"/stages/{stage}/call/").content.decode()
    assert "Referenssit arvioitiin." in page and "Referenssit jätettiin huomiotta." not in page
    assert candidate.organisation.name not in page


def test_a_late_request_is_refused_in_the_readers_language_and_a_late_appeal_recorded(official, world, client):
    stage = world["stages"][0].pk
    SelectionDecision.objects.filter(pk=world["selection"].pk).update(
        decided_on=timezone.localdate() - timedelta(days=40))
    client.force_login(world["bidders"][1])
    response = client.post(f"/api/v1/stages/{stage}/call/selection/complaints",
                           json.dumps({"kind": "rectification_request", "grounds": "Myöhässä."}),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "complaint_deadline_passed"
    assert not response.json()["errors"][0]["message"].startswith("The time for complaints")
    assert not DecisionComplaint.objects.exists()
    client.force_login(official)
    status, appeal = call(client, "post", f"/stages/{stage}/call/selection/appeals", {
        "appellant": world["bidders"][1].organisation_id, "filed_on": str(timezone.localdate()),
        "enforcement_banned": True})
    assert status == 201 and appeal["late"] and appeal["enforcement_banned"]
    status, body = call(client, "post", f"/decision-complaints/{appeal['id']}/answer",
                        {"outcome": "rejected", "answer": "Myöhässä."})
    assert status == 409 and body["errors"][0]["code"] == "appeal_not_answered"
    assert client.get(f"/decision-complaints/{appeal['id']}/answer/").status_code == 409
    assert DecisionComplaint.objects.get().holds_contract
    status, body = call(client, "post", f"/decision-complaints/{appeal['id']}/court-decision",
                        {"outcome": "dismissed", "court_decided_on": str(timezone.localdate()), "answer": "Myöhässä."})
    assert status == 200 and body["outcome"] == "dismissed"
    page = client.get(f"/stages/{stage}/call/").content.decode()
    assert "Myöhässä." in page


def test_another_procurements_official_and_complaint_id_reach_nothing(official, world, client):
    complaint = complaints.file_complaint(world["bidders"][0], world["selection"], {
        "kind": "rectification_request", "grounds": "Väärin."})
    stranger = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    client.force_login(stranger)
    status, _body = call(client, "post", f"/decision-complaints/{complaint.pk}/answer",
                         {"outcome": "upheld", "answer": "Korjataan."})
    assert status in (403, 404)
    assert client.post(f"/decision-complaints/{complaint.pk}/court-decision/", {}).status_code in (403, 404)
    # A stage of another kind has no selection decision: the routes answer 404.
    client.force_login(official)
    status, _body = call(client, "post", f"/stages/{world['stages'][1].pk}/call/selection/appeals", {
        "appellant": world["bidders"][0].organisation_id, "filed_on": str(timezone.localdate())})
    assert status == 404
    complaint.refresh_from_db()
    assert complaint.is_pending and DecisionComplaint.objects.count() == 1


def test_the_round_page_shows_the_reduction_timeline_and_the_forms_by_role(official, world, client):
    decision = reduced(official, world)
    stage = world["stages"][1].pk
    dropped = world["bidders"][2]
    client.force_login(dropped)
    page = client.get(f"/stages/{stage}/round/").content.decode()
    assert f"/stages/{stage}/round/complaints/new/" in page and "/appeals/new/" not in page
    response = client.post(f"/stages/{stage}/round/complaints/new/", {"kind": "rectification_request",
                                                                      "grounds": "Karsinta ei noudattanut perusteita."})
    assert response.status_code == 302
    complaint = DecisionComplaint.objects.get(reduction=decision)
    client.force_login(official)
    page = client.get(f"/stages/{stage}/round/").content.decode()
    assert f"/decision-complaints/{complaint.pk}/answer/" in page and f"/stages/{stage}/round/appeals/new/" in page
    Stage.objects.filter(pk=world["stages"][2].pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    status, body = call(client, "post", f"/stages/{world['stages'][2].pk}/open")
    assert status == 409 and body["errors"][0]["code"] == "decision_complaint_pending"
    world["stages"][2].refresh_from_db()
    assert world["stages"][2].state == "planned"
