"""A negotiation meeting's minutes as a PDF in the reader's language: for its candidate, the
procurement's staff and a committed user representative; the confidential part only for the
staff; the candidate's confirmation and comment shown; 404 before the minutes are written and,
alike, to anyone who may not see the meeting."""

from datetime import date

import pytest

from coprocure.negotiation import services

from ..procedures.rounds import round_world
from ..procedures.test_selection_pdf import _text
from ..tendering.conftest import provider
from .test_negotiation import expert, meeting, minutes

SECRET = "LUOTTAMUKSELLINEN-MERKKI"


@pytest.fixture
def world(official):
    return round_world(official)


@pytest.fixture
def written(official, world):
    m = minutes(official, meeting(official, world, 0), text="Käytiin läpi palvelumalli.", secret=SECRET)
    services.respond_to_minutes(world["bidders"][0], m, False, "Hinta-arvio tarkentuu.")
    return m


def _pdf(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", response.status_code
    return " ".join(_text(response.content).split())  # headings wrap


def test_the_candidate_reads_its_minutes_and_comment_without_the_confidential_part(client, world, written):
    client.force_login(world["bidders"][0])
    finnish = _pdf(client, f"/negotiation-meetings/{written.pk}/minutes.pdf")
    assert "Neuvottelumuistio" in finnish and "Käytiin läpi palvelumalli." in finnish
    assert "Hinta-arvio tarkentuu." in finnish and "Konsortio 0 Oy" in finnish
    assert SECRET not in finnish
    swedish = _pdf(client, f"/api/v1/negotiation-meetings/{written.pk}/minutes.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    assert "Minnesanteckningar från ett förhandlingsmöte" in swedish and SECRET not in swedish
    page = client.get(f"/stages/{world['stages'][1].pk}/negotiation/").content.decode()
    assert f"/negotiation-meetings/{written.pk}/minutes.pdf" in page


def test_the_staff_read_the_confidential_part_and_the_confirmation(client, official, world, written):
    services.write_minutes(official, written, {"minutes": "Korjattu muistio.", "confidential_minutes": SECRET})
    services.respond_to_minutes(world["bidders"][0], written, True)
    client.force_login(official)
    english = _pdf(client, f"/en/negotiation-meetings/{written.pk}/minutes.pdf")
    assert "Minutes of a negotiation meeting" in english and SECRET in english
    assert "Korjattu muistio." in english and "The candidate confirmed the minutes on" in english


def test_a_committed_user_representative_reads_the_minutes_but_not_the_confidential_part(client, official, world,
                                                                                          written):
    person = expert(official, world["procurement"])
    services.name_representative(official, written, {"person": person, "commitment_signed_on": date.today(),
                                                     "commitment_version": "v1"})
    client.force_login(person)
    text = _pdf(client, f"/en/negotiation-meetings/{written.pk}/minutes.pdf")
    assert "Käytiin läpi palvelumalli." in text and SECRET not in text


def test_404_alike_for_others_before_the_minutes_and_for_another_procurements_meeting(client, official, world,
                                                                                        written):
    uncommitted = expert(official, world["procurement"])
    services.name_representative(official, written, {"person": uncommitted})
    unwritten = meeting(official, world, 1)
    other_world = round_world(official, bidders=[provider(f"Muu {n} Oy") for n in range(3)])
    elsewhere = minutes(official, meeting(official, other_world, 0), secret=SECRET)
    cases = [(world["bidders"][1], written), (uncommitted, written), (world["outsider"], written),
             (world["bidders"][1], unwritten), (official, unwritten), (world["bidders"][0], elsewhere)]
    for person, target in cases:
        client.force_login(person)
        missing = client.get("/negotiation-meetings/999999/minutes.pdf")
        page = client.get(f"/negotiation-meetings/{target.pk}/minutes.pdf")
        assert page.status_code == missing.status_code == 404, person
        api_missing = client.get("/api/v1/negotiation-meetings/999999/minutes.pdf")
        api = client.get(f"/api/v1/negotiation-meetings/{target.pk}/minutes.pdf")
        assert api.status_code == 404 and api.content == api_missing.content
    client.logout()
    assert client.get(f"/negotiation-meetings/{written.pk}/minutes.pdf").status_code == 404
    assert client.get(f"/api/v1/negotiation-meetings/{written.pk}/minutes.pdf").status_code == 401
