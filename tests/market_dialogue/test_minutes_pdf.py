"""A market dialogue session's published minutes as a PDF in the reader's language: public once
published, the confidential part only for the procurement's staff; 404 before publication, alike
for a missing id."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.market_dialogue import services

from ..procedures.test_selection_pdf import _text
from ..tendering.conftest import provider
from .test_market_dialogue import association, dialogue_stage, registered

SECRET = "LUOTTAMUKSELLINEN-MERKKI"


def session(official, stage):
    return services.add_session(official, stage, {"starts_at": timezone.now() + timedelta(days=3), "place": "Kirjasto",
                                                  "online": True, "agenda": "Palvelun tavoitteet"})


@pytest.fixture
def published(official):
    stage = dialogue_stage(official)
    registered(official, stage, association())
    return services.publish_minutes(official, session(official, stage), {
        "minutes": "Yhdistys toivoi vertaistukea.", "confidential_minutes": SECRET})


def _pdf(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", response.status_code
    return " ".join(_text(response.content).split())  # headings wrap


def test_anyone_reads_the_published_minutes_in_their_language_without_the_confidential_part(client, published):
    finnish = _pdf(client, f"/dialogue-sessions/{published.pk}/minutes.pdf")
    assert "Markkinavuoropuhelun tilaisuuden muistio" in finnish and "Yhdistys toivoi vertaistukea." in finnish
    assert "Potilasyhdistys ry" in finnish and "Palvelun tavoitteet" in finnish and SECRET not in finnish
    english = _pdf(client, f"/api/v1/dialogue-sessions/{published.pk}/minutes.pdf", HTTP_ACCEPT_LANGUAGE="en")
    assert "Minutes of a market dialogue session" in english and SECRET not in english
    client.force_login(provider())
    swedish = _pdf(client, f"/sv/dialogue-sessions/{published.pk}/minutes.pdf")
    assert "Minnesanteckningar från ett möte i marknadsdialogen" in swedish and SECRET not in swedish
    page = client.get(f"/stages/{published.stage_id}/market-dialogue/").content.decode()
    assert f"/dialogue-sessions/{published.pk}/minutes.pdf" in page


def test_the_staff_read_the_confidential_part(client, official, published):
    client.force_login(official)
    assert SECRET in _pdf(client, f"/en/dialogue-sessions/{published.pk}/minutes.pdf")
    assert SECRET in _pdf(client, f"/api/v1/dialogue-sessions/{published.pk}/minutes.pdf")


def test_404_alike_before_publication_even_for_the_staff(client, official):
    stage = dialogue_stage(official)
    waiting = session(official, stage)
    for person in (None, official):
        if person:
            client.force_login(person)
        missing = client.get("/dialogue-sessions/999999/minutes.pdf")
        page = client.get(f"/dialogue-sessions/{waiting.pk}/minutes.pdf")
        assert page.status_code == missing.status_code == 404
        api = client.get(f"/api/v1/dialogue-sessions/{waiting.pk}/minutes.pdf")
        assert api.status_code == 404 and api.content == client.get("/api/v1/dialogue-sessions/999999/minutes.pdf").content
    assert f"/dialogue-sessions/{waiting.pk}/minutes.pdf" not in client.get(
        f"/stages/{stage.pk}/market-dialogue/").content.decode()


def test_another_procurements_staff_do_not_read_the_confidential_part(client, official, published):
    from .. import factories
    stranger = factories.UserFactory(organisation=official.organisation, position="official")
    client.force_login(stranger)
    assert SECRET not in _pdf(client, f"/dialogue-sessions/{published.pk}/minutes.pdf")
