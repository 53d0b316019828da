"""Each way to take part has a short address with a QR code and a poster; the address stays
useful after the activity is no longer offered."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .. import factories
from ..factories import text
from .conftest import make_contract, make_event, make_survey_activity

pytestmark = pytest.mark.django_db


def test_a_survey_has_a_short_address_with_a_qr_code_and_a_poster(client, official, procurement):
    survey = make_survey_activity(official, procurement)
    response = client.get(f"/o/s{survey.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1><span lang=\"fi\">Mikä auttaa asumaan kotona?</span></h1>" in html
    assert f"http://testserver/o/s{survey.pk}/" in html or f"/o/s{survey.pk}/" in html
    assert 'src="data:image/svg+xml' in html
    assert f'href="/surveys/{survey.pk}/"' in html
    poster = client.get(f"/o/s{survey.pk}/poster/").content.decode()
    assert "Vastaa kyselyyn" in poster and 'class="poster-qr"' in poster
    # Typed from a poster in capitals, it still works.
    assert client.get(f"/o/S{survey.pk}/").status_code == 200


def test_event_and_idea_form_pages(client, official, procurement):
    event = make_event(official, procurement)
    assert "Hervannan palvelukeskus" in client.get(f"/o/e{event.pk}/").content.decode()
    contract = make_contract(official, procurement)
    html = client.get(f"/o/i{contract.pk}/").content.decode()
    assert "Päihdepalvelujen kumppanuussopimus" in html and f'href="/contracts/{contract.pk}/proposals/"' in html


def test_a_closed_survey_short_address_leads_to_its_page_which_says_when_it_closed(client, official, procurement):
    survey = make_survey_activity(official, procurement, closes_at=timezone.now() - timedelta(days=2))
    response = client.get(f"/o/s{survey.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/surveys/{survey.pk}/"


def test_codes_that_name_nothing_public_are_404_alike(client, official, procurement):
    private = factories.create_procurement(official, is_public=False)
    hidden = make_survey_activity(official, private)
    for code in (f"s{hidden.pk}", "s999999", "x1", "s0", "s-1", "sabc", "e999999", "i999999"):
        assert client.get(f"/o/{code}/").status_code == 404, code
        assert client.get(f"/o/{code}/poster/").status_code == 404, code


def test_an_event_without_sign_up_says_just_come(client, official, procurement):
    event = make_event(official, procurement, registration=False, capacity=None, title=text("Avoin kahvila"))
    html = client.get(f"/o/e{event.pk}/").content.decode()
    assert "Ei ilmoittautumista: tule paikalle." in html
    assert "Ilmoittaudu" not in html.split("<main")[1].split("Ei ilmoittautumista")[1]


def test_an_activity_of_a_private_procurement_is_never_shown(client, official):
    private = factories.create_procurement(official, is_public=False)
    event = make_event(official, private)
    assert client.get(f"/o/e{event.pk}/").status_code == 404
