"""The procedure and call pages and the API as their users meet them: staff compose and publish,
everyone reads the published stages, a provider sends a sealed request, officials open and
select; bad input is a translated 4xx with nothing stored."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.procedures import services
from coprocure.procedures.models import ParticipationRequest, ProcedureVersion, SelectionDecision, Stage

from .. import factories
from ..tendering.conftest import provider, second_official
from .conftest import begin, compose, evidence, light_procurement, pass_deadline, selection_procedure


def post_json(client, path, body, method="post"):
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def test_a_draft_procedure_is_the_authoritys_until_published(client, official):
    procurement = light_procurement(official)
    compose(official, procurement, ["tenders"])
    response = client.get(f"/procurements/{procurement.pk}/procedure/")
    assert response.status_code == 200 and "Tarjoukset" not in response.content.decode()
    assert client.get(f"/api/v1/procurements/{procurement.pk}/procedure").json()["stages"] == []
    client.force_login(official)
    assert "Tarjoukset" in client.get(f"/procurements/{procurement.pk}/procedure/").content.decode()


def test_staff_compose_and_publish_on_the_page(client, official):
    procurement = light_procurement(official)
    client.force_login(official)
    start = timezone.localtime() + timedelta(days=2)
    for number, kind in enumerate(["participation_requests", "negotiation_round", "final_tenders"]):
        opens = start + timedelta(days=15 * number)
        response = client.post(f"/procurements/{procurement.pk}/procedure/stages/", {
            "kind": kind, "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (opens + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")})
        assert response.status_code == 302
    stage = Stage.objects.get(procurement=procurement, order=0)
    assert client.post(f"/stages/{stage.pk}/call/save/", {"min_candidates": 1, "consortia_allowed": "on"}).status_code == 302
    assert client.post(f"/stages/{stage.pk}/call/requirements/", {"text_fi": "Kokemus päihdetyöstä."}).status_code == 302
    response = client.post(f"/procurements/{procurement.pk}/procedure/publish/")
    assert response.status_code == 302
    page = client.get(f"/procurements/{procurement.pk}/procedure/").content.decode()
    assert "Julkaistu versiona 1" in page and "Neuvottelukierros" in page


def test_publishing_an_unlawful_composition_on_the_page_is_a_translated_422(client, official):
    procurement = light_procurement(official)
    compose(official, procurement, ["final_tenders"])
    client.force_login(official)
    response = client.post(f"/procurements/{procurement.pk}/procedure/publish/")
    assert response.status_code == 422
    assert "Lopulliset tarjoukset pyydetään neuvottelukierroksen" in response.content.decode()
    assert not ProcedureVersion.objects.exists()


def test_a_stage_with_its_deadline_before_its_opening_is_refused_field_by_field(client, official):
    procurement = light_procurement(official)
    client.force_login(official)
    opens = timezone.now() + timedelta(days=3)
    response = post_json(client, f"/api/v1/procurements/{procurement.pk}/procedure/stages", {
        "kind": "tenders", "opens_at": opens.isoformat(), "closes_at": (opens - timedelta(days=1)).isoformat()})
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "stage_closes_before_opening"
    assert not Stage.objects.exists()


@pytest.fixture
def running(official):
    procurement = light_procurement(official)
    stages, call = selection_procedure(official, procurement)
    begin(official, stages[0])
    return procurement, stages, call


def test_a_provider_sends_a_sealed_request_through_the_api_and_cannot_after_the_deadline(client, running):
    _procurement, stages, call = running
    bidder = provider("Toipumo sr")
    client.force_login(bidder)
    response = post_json(client, f"/api/v1/stages/{stages[0].pk}/call/requests", {"evidence": evidence(call)})
    assert response.status_code == 201
    pass_deadline(stages[0])
    late = post_json(client, f"/api/v1/stages/{stages[0].pk}/call/requests", {"evidence": evidence(call, "Uusi")})
    assert late.status_code == 409 and late.json()["errors"][0]["code"] == "stage_deadline_passed"
    assert ParticipationRequest.objects.count() == 1


def test_a_provider_sends_a_request_on_the_page(client, running):
    _procurement, stages, call = running
    client.force_login(provider("Kulma Oy"))
    page = client.get(f"/stages/{stages[0].pk}/call/").content.decode()
    assert "Osallistumishakemuksenne" in page
    response = client.post(f"/stages/{stages[0].pk}/call/request/", {"evidence_1": "Referenssit.", "evidence_2": ""})
    assert response.status_code == 422 and not ParticipationRequest.objects.exists()
    response = client.post(f"/stages/{stages[0].pk}/call/request/", {"evidence_1": "Referenssit.", "evidence_2": "Kyllä."})
    assert response.status_code == 302 and ParticipationRequest.objects.count() == 1


def test_the_selection_through_the_api_with_its_instructions(client, official, running):
    procurement, stages, call = running
    bidders = [provider(f"Konsortio {n}") for n in range(3)]
    for bidder in bidders:
        services.submit_request(bidder, call, {"evidence": evidence(call)})
    pass_deadline(stages[0])
    client.force_login(official)
    sealed = client.get(f"/api/v1/stages/{stages[0].pk}/call/requests")
    assert sealed.status_code == 409 and sealed.json()["errors"][0]["code"] == "requests_sealed"
    assert post_json(client, f"/api/v1/stages/{stages[0].pk}/call/open", {}).status_code == 200
    client.force_login(second_official(official, procurement))
    assert post_json(client, f"/api/v1/stages/{stages[0].pk}/call/open", {}).json()["opened"] is True
    client.force_login(official)
    requests = client.get(f"/api/v1/stages/{stages[0].pk}/call/requests").json()
    assert sorted(r["content"]["evidence"]["1"] for r in requests) == ["Täyttyy 1"] * 3
    for item in requests:
        for number in (1, 2):
            assert post_json(client, f"/api/v1/stages/{stages[0].pk}/call/checks", {
                "request": item["id"], "requirement": number, "met": True, "reason": "Näyttö liitteenä."}).status_code == 201
    too_many = post_json(client, f"/api/v1/stages/{stages[0].pk}/call/selection", {
        "reasons": "Kaikki.", "candidates": [{"request": r["id"], "selected": True, "reason": "Hyvä."} for r in requests]})
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["code"] == "selection_over_max"
    assert not SelectionDecision.objects.exists()
    chosen = post_json(client, f"/api/v1/stages/{stages[0].pk}/call/selection", {
        "reasons": "Kaksi parasta valintaperusteen mukaan.",
        "candidates": [{"request": r["id"], "selected": i < 2, "reason": "Valintaperusteen pisteet."}
                       for i, r in enumerate(requests)]})
    assert chosen.status_code == 201
    body = chosen.json()
    assert [v["lang"] for v in body["instructions"]][:2] == ["fi", "sv"]
    client.logout()
    public = client.get(f"/api/v1/stages/{stages[0].pk}/call/selection").json()
    assert public["candidates"] is None and public["instructions"]
    client.force_login(bidders[2])
    assert sum(c["selected"] for c in client.get(f"/api/v1/stages/{stages[0].pk}/call/selection").json()["candidates"]) == 2
    page = client.get(f"/stages/{stages[0].pk}/call/").content.decode()
    assert "Markkinaoikeu" in page


def test_an_unselected_request_cannot_be_checked_by_a_provider(client, running):
    _procurement, stages, call = running
    client.force_login(provider("Ulkopuolinen Oy"))
    response = post_json(client, f"/api/v1/stages/{stages[0].pk}/call/checks",
                         {"request": 1, "requirement": 1, "met": True, "reason": "x"})
    assert response.status_code == 403


def test_a_procurement_labelled_alliance_becomes_a_negotiated_one_intending_an_alliance(official):
    from importlib import import_module

    from django.apps import apps

    from coprocure.core.models import Procurement

    migration = import_module("coprocure.core.migrations.0005_procedure_apart_from_contract_kind")
    labelled = factories.create_procurement(official)
    other = factories.create_procurement(official, procedure="light")
    Procurement.objects.filter(pk=labelled.pk).update(procedure="alliance")
    migration.alliance_to_negotiated(apps, None)
    labelled.refresh_from_db()
    other.refresh_from_db()
    assert (labelled.procedure, labelled.intended_contract_kind) == ("negotiated", "alliance")
    assert (other.procedure, other.intended_contract_kind) == ("light", "")
