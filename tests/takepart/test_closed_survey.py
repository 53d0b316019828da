"""A survey that is not open says why, when, what became of the answers and where to go on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.participation.models import Response

from ..factories import text
from .conftest import make_survey_activity

pytestmark = pytest.mark.django_db


def test_a_closed_survey_says_when_it_closed_and_offers_the_results_and_other_open_ways(client, official, procurement):
    closed = make_survey_activity(official, procurement, closes_at=timezone.now() - timedelta(days=3))
    still_open = make_survey_activity(official, procurement)  # the same title, as residents met it
    response = client.get(f"/surveys/{closed.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kysely sulkeutui" in html and "Siihen ei voi enää vastata." in html
    assert f"<time datetime=\"{timezone.localtime(closed.closes_at):%Y-%m-%dT%H:%M:%S}" in html
    assert f'href="/procurements/{procurement.pk}/you-said-we-did/"' in html
    assert f'href="/surveys/{still_open.pk}/"' in html
    assert 'href="/"' in html  # every way to take part now
    assert "Lähetä vastaukset" not in html


def test_a_survey_not_yet_open_says_when_it_opens(client, official, procurement):
    later = make_survey_activity(official, procurement, opens_at=timezone.now() + timedelta(days=5))
    html = client.get(f"/surveys/{later.pk}/").content.decode()
    assert "Kysely avautuu" in html and "osoite pysyy samana" in html
    assert "Kysely sulkeutui" not in html


def test_answers_sent_to_a_closed_survey_are_refused_and_nothing_is_stored(client, official, procurement):
    closed = make_survey_activity(official, procurement, closes_at=timezone.now() - timedelta(days=3))
    question = closed.questions.first()
    response = client.post(f"/surveys/{closed.pk}/", {question.key: "4", "token": "x"})
    assert response.status_code == 409
    assert "Kysely sulkeutui" in response.content.decode()
    assert not Response.objects.filter(survey=closed).exists()


def test_the_closed_state_in_swedish(client, official, procurement):
    closed = make_survey_activity(official, procurement, title=text("Kysely", "Enkät"),
                                  closes_at=timezone.now() - timedelta(days=3))
    html = client.get(f"/sv/surveys/{closed.pk}/").content.decode()
    assert "Enkäten stängdes" in html and "Andra sätt att delta nu" in html
