"""The decision reducing a round's candidates as a PDF in the reader's language: its reasons and
instructions for everyone, each candidate's name and reason only for the authority's people and
the candidates; 404 before the decision, alike for a missing id."""

import pytest

from ..tendering.conftest import provider
from .rounds import bid, opened_round, round_world
from .test_rounds import reduce
from .test_selection_pdf import _text


@pytest.fixture
def world(official):
    return round_world(official)


@pytest.fixture
def reduced(official, world):
    for n in range(3):
        bid(world, n, offer=f"SALAINEN-TARJOUS-{n}")
    reduce(official, world, opened_round(official, world))
    return world


def _pdf(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", response.status_code
    return " ".join(_text(response.content).split())  # headings wrap


def test_anyone_reads_the_reasons_and_instructions_in_their_language_but_not_the_candidates(client, reduced):
    stage = reduced["stages"][1]
    swedish = _pdf(client, f"/sv/stages/{stage.pk}/round/reduction.pdf")
    assert "Beslut om att minska antalet anbudssökande" in swedish and "Marknadsdomstol" in swedish
    assert "Kaksi edullisinta jatkavat" in swedish
    english = _pdf(client, f"/en/stages/{stage.pk}/round/reduction.pdf")
    assert "Decision reducing the candidates" in english and "Market Court" in english
    finnish = _pdf(client, f"/api/v1/stages/{stage.pk}/round/reduction.pdf", HTTP_ACCEPT_LANGUAGE="fi")
    assert "Päätös ehdokkaiden karsinnasta" in finnish
    for text in (swedish, english, finnish):
        assert "Konsortio" not in text and "Kallein ratkaisu" not in text and "SALAINEN-TARJOUS" not in text
    outsider = reduced["outsider"]
    client.force_login(outsider)
    assert "Konsortio" not in _pdf(client, f"/en/stages/{stage.pk}/round/reduction.pdf")


def test_a_reduced_candidate_and_the_official_read_each_candidates_reason(client, official, reduced):
    stage = reduced["stages"][1]
    client.force_login(reduced["bidders"][2])
    text = _pdf(client, f"/stages/{stage.pk}/round/reduction.pdf")
    assert "Konsortio 2 Oy" in text and "Kallein ratkaisu." in text and "Konsortio 0 Oy" in text
    assert "SALAINEN-TARJOUS" not in text, "the opened initial bids are never in the decision"
    client.force_login(official)
    api = _pdf(client, f"/api/v1/stages/{stage.pk}/round/reduction.pdf", HTTP_ACCEPT_LANGUAGE="en")
    assert "Konsortio 1 Oy" in api and "Hinta-laatusuhde." in api
    page = client.get(f"/stages/{stage.pk}/round/").content.decode()
    assert f"/stages/{stage.pk}/round/reduction.pdf" in page


def test_no_pdf_before_the_decision_nor_for_a_stage_without_a_round(client, official, world):
    bid(world, 0)
    opened_round(official, world)
    client.force_login(official)
    missing = client.get("/stages/999999/round/reduction.pdf")
    assert missing.status_code == 404
    for stage in world["stages"]:
        page = client.get(f"/stages/{stage.pk}/round/reduction.pdf")
        assert page.status_code == 404
        api = client.get(f"/api/v1/stages/{stage.pk}/round/reduction.pdf")
        assert api.status_code == 404 and api.content == client.get("/api/v1/stages/999999/round/reduction.pdf").content
    assert f"/stages/{world['stages'][1].pk}/round/reduction.pdf" not in client.get(
        f"/stages/{world['stages'][1].pk}/round/").content.decode()


def test_another_procurements_decision_is_its_own(client, official, reduced):
    """The id names the stage: a round of another procurement without a decision is 404, and a
    person of another procurement reads only the public part of this one."""
    other = round_world(official, bidders=[provider(f"Muu {n} Oy") for n in range(3)])
    client.force_login(other["bidders"][0])
    assert client.get(f"/stages/{other['stages'][1].pk}/round/reduction.pdf").status_code == 404
    text = _pdf(client, f"/stages/{reduced['stages'][1].pk}/round/reduction.pdf")
    assert "Konsortio" not in text and "Kaksi edullisinta" in text
