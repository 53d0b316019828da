"""A procedure's stages in OCDS (issue 21 item 8): the procedure, its stages as milestones, the
call's selection criteria, and the requests to participate with their status once the selection
decision is published — never their content, never who made them —, a market dialogue's
confirmed participants (never their contact people, never those waiting), all valid against OCDS 1.1.5
and the declared extensions."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coprocure.procedures import services

from coprocure.market_dialogue import services as market_dialogue

from ..market_dialogue.test_market_dialogue import association, dialogue_stage, registered
from ..procedures.conftest import begin, compose, evidence, light_procurement, pass_deadline, selection_procedure
from ..tendering.conftest import provider, second_official
from .test_ocds import assert_valid


@pytest.fixture
def world(official):
    procurement = light_procurement(official)
    stages, call = selection_procedure(official, procurement)
    begin(official, stages[0])
    call.refresh_from_db()
    return {"procurement": procurement, "stages": stages, "call": call,
            "bidders": [provider(f"Konsortio {n} Oy") for n in range(3)]}


def _package(client, procurement) -> tuple[dict, str]:
    response = client.get(f"/api/v1/procurements/{procurement.pk}/ocds")
    assert response.status_code == 200
    package = response.json()
    assert_valid(package)
    return package, response.content.decode()


def _decide(official, call):
    requests = {r.lead.name: r for r in call.requests.filter(withdrawn_at__isnull=True)}
    for name, request in requests.items():
        for requirement in call.requirements.all():
            met = name != "Konsortio 2 Oy"
            services.check_requirement(official, call, request.pk, requirement.number, met, "Perusteltu.")
    services.decide_selection(official, call, {
        "reasons": "Kaksi soveltuvaa ehdokasta kutsutaan neuvotteluihin.",
        "candidates": {requests["Konsortio 0 Oy"].pk: (True, "Soveltuva."),
                       requests["Konsortio 1 Oy"].pk: (True, "Soveltuva."),
                       requests["Konsortio 2 Oy"].pk: (False, "Ei täytä vaatimusta 1.")}})


def test_the_published_procedure_its_stages_and_selection_criteria(client, world):
    package, _ = _package(client, world["procurement"])
    tender = package["releases"][0]["tender"]
    assert tender["procurementMethod"] == "selective"
    assert "Osallistumishakemukset" in tender["procedure"]["features"]
    assert [m["code"] for m in tender["milestones"]] == ["participation_requests", "negotiation_round", "final_tenders"]
    assert [m["status"] for m in tender["milestones"]] == ["scheduled"] * 3
    criteria = tender["selectionCriteria"]["criteria"]
    assert [c.get("type") for c in criteria] == ["suitability", "suitability", None]
    assert criteria[-1]["forReduction"] is True
    assert "enintään 2" in tender["selectionCriteria"]["description"]
    extensions = package["extensions"]
    assert any("ocds_selectionCriteria_extension" in e for e in extensions)
    assert any("ocds_procedure_extension" in e for e in extensions)


def test_requests_appear_only_with_the_published_decision_and_never_their_content_or_names(client, official, world):
    call = world["call"]
    for bidder in world["bidders"]:
        services.submit_request(bidder, call, {"evidence": evidence(call, "Salainen näyttö")})
    package, body = _package(client, world["procurement"])
    assert "bids" not in package["releases"][0] and "Salainen" not in body and "Konsortio" not in body
    services.submit_request(provider("Peruuttaja Oy"), call, {"evidence": evidence(call)})
    call.requests.filter(lead__name="Peruuttaja Oy").update(withdrawn_at=call.requests.first().submitted_at)
    opened_call = _open(official, world)
    package, body = _package(client, world["procurement"])
    assert "bids" not in package["releases"][0], "opened but undecided: not even counted"
    _decide(official, opened_call)
    package, body = _package(client, world["procurement"])
    release = package["releases"][0]
    details = release["bids"]["details"]
    assert {d["submissionType"] for d in details} == {"expressionOfInterest"}
    assert sorted(d["status"] for d in details) == ["disqualified", "valid", "valid"]
    assert all("tenderers" not in d and "value" not in d for d in details)
    statistics = {s["measure"]: s["value"] for s in release["bids"]["statistics"]}
    assert statistics == {"requests": 3, "selectedCandidates": 2}
    [document] = release["tender"]["documents"]
    assert document["url"].endswith(f"/api/v1/stages/{world['stages'][0].pk}/call/selection.pdf")
    for secret in ("Salainen", "Konsortio", "Peruuttaja", "Ei täytä vaatimusta"):
        assert secret not in body
    assert "leadTenderer" not in json.dumps(release["parties"]) and len(release["parties"]) == 1


def _open(official, world):
    pass_deadline(world["stages"][0])
    call = world["call"]
    call.stage.refresh_from_db()
    services.open_requests(official, call)
    services.open_requests(second_official(official, world["procurement"]), call)
    call.refresh_from_db()
    return call


def test_an_unpublished_procedure_is_not_in_the_release(client, official):
    procurement = light_procurement(official)
    compose(official, procurement, ["participation_requests", "negotiation_round", "final_tenders"])
    package, _ = _package(client, procurement)
    tender = package["releases"][0]["tender"]
    assert "procedure" not in tender and "milestones" not in tender and "selectionCriteria" not in tender


def _streamed_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        b"".join(client.get("/api/v1/ocds/releases").streaming_content)
    return len(queries)


def test_the_export_reads_the_stages_in_a_fixed_number_of_queries(client, official, world):
    one = _streamed_queries(client)
    for _ in range(3):
        selection_procedure(official, light_procurement(official))
    assert _streamed_queries(client) == one


def test_a_market_dialogues_confirmed_participants_are_interested_parties(client, official):
    stage = dialogue_stage(official)
    patients = association()
    registered(official, stage, patients)
    market_dialogue.register(provider("Odottaja Oy"), stage, {"contact_name": "Salainen Yhteyshenkilö",
                                                             "contact_email": "salainen@example.fi"})
    package, body = _package(client, stage.procurement)
    release = package["releases"][0]
    interested = [p["name"] for p in release["parties"] if "interestedParty" in p["roles"]]
    assert interested == ["Potilasyhdistys ry"]
    assert release["tender"]["milestones"][0]["code"] == "market_dialogue"
    assert any(d["documentType"] == "marketStudies" for d in release["tender"]["documents"])
    for secret in ("Odottaja", "Salainen", "salainen@example.fi", f"{patients.pk}@example.fi"):
        assert secret not in body
