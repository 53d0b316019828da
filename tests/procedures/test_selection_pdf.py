"""The selection decision as a PDF in the reader's language: its reasons and instructions for
everyone, each candidate's name and reason only for the authority's people and the candidates."""

import subprocess

import pytest

from coprocure.procedures import services

from ..tendering.conftest import provider
from .conftest import begin, light_procurement, selection_procedure
from .test_selection import check_all, opened


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def decided(official, world):
    call = opened(official, world)
    check_all(official, call, unsuitable={"Konsortio 2 Oy"})
    requests = {r.lead.name: r for r in call.requests.all()}
    services.decide_selection(official, call, {
        "reasons": "Kaksi soveltuvaa ehdokasta kutsutaan neuvotteluihin.",
        "candidates": {requests["Konsortio 0 Oy"].pk: (True, "Soveltuva kaikin osin."),
                       requests["Konsortio 1 Oy"].pk: (True, "Soveltuva kaikin osin."),
                       requests["Konsortio 2 Oy"].pk: (False, "Ei täytä vaatimusta 1.")}})
    return world


@pytest.fixture
def world(official):
    procurement = light_procurement(official)
    stages, call = selection_procedure(official, procurement)
    begin(official, stages[0])
    call.refresh_from_db()
    return {"procurement": procurement, "stages": stages, "call": call,
            "bidders": [provider(f"Konsortio {n} Oy") for n in range(3)]}


def _pdf(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", response.status_code
    return _text(response.content)


def test_anyone_reads_the_reasons_and_instructions_in_their_language_but_not_the_candidates(client, decided):
    stage = decided["stages"][0]
    swedish = _pdf(client, f"/sv/stages/{stage.pk}/call/selection.pdf")
    assert "Kaksi soveltuvaa ehdokasta" in swedish and "Marknadsdomstol" in swedish
    english = _pdf(client, f"/en/stages/{stage.pk}/call/selection.pdf")
    assert "Selection decision" in english and "Market Court" in english
    assert "Konsortio" not in english and "Ei täytä vaatimusta" not in english
    api = client.get(f"/api/v1/stages/{stage.pk}/call/selection.pdf", HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 200 and "Konsortio" not in _text(api.content)


def test_a_candidate_and_the_official_read_each_candidates_reason(client, official, decided):
    stage = decided["stages"][0]
    client.force_login(decided["bidders"][2])
    finnish = _pdf(client, f"/stages/{stage.pk}/call/selection.pdf")
    assert "Konsortio 2 Oy" in finnish and "Ei täytä vaatimusta 1." in finnish and "Valintapäätös" in finnish
    client.force_login(official)
    assert "Konsortio 0 Oy" in _pdf(client, f"/en/stages/{stage.pk}/call/selection.pdf")


def test_no_pdf_before_the_decision_nor_for_another_kind_of_stage(client, official, world):
    for stage in world["stages"]:
        assert client.get(f"/stages/{stage.pk}/call/selection.pdf").status_code == 404
        assert client.get(f"/api/v1/stages/{stage.pk}/call/selection.pdf").status_code == 404
    assert client.get("/stages/999999/call/selection.pdf").status_code == 404
