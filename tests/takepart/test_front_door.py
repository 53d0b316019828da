"""The front door: what a resident can take part in now, across procurements."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.core.models import TargetGroup
from coprocure.participation import services
from coprocure.participation.models import Registration, RegistrationStatus

from .. import factories
from ..factories import text
from .conftest import make_contract, make_event, make_survey_activity

pytestmark = pytest.mark.django_db


def _page(client, query=""):
    response = client.get("/" + (f"?{query}" if query else ""))
    return response, response.content.decode()


def test_an_open_survey_leads_the_front_page_with_what_a_resident_needs_to_know(client, official, procurement):
    procurement.target_groups.set(TargetGroup.objects.filter(code="older_people")[:1] or TargetGroup.objects.all()[:1])
    survey = make_survey_activity(official, procurement)
    response, html = _page(client)
    assert response.status_code == 200
    assert "Mikä auttaa asumaan kotona?" in html
    assert f'href="/surveys/{survey.pk}/"' in html  # one tap to the answering form
    assert "Vastaa kyselyyn" in html
    # Five questions (likert, single, multiple, number, text) and the background: about 3 minutes.
    assert "Noin 3 minuuttia" in html
    assert str(procurement.target_groups.first()) in html
    assert "Verkossa, puhelimella tai tietokoneella." in html
    assert 'href="/procurements/"' in html  # the procurement list, one step away


def test_closed_unopened_identified_and_empty_surveys_and_private_procurements_are_not_offered(client, official, procurement):
    now = timezone.now()
    make_survey_activity(official, procurement, title=text("Suljettu kysely"), closes_at=now - timedelta(hours=1))
    make_survey_activity(official, procurement, title=text("Tuleva kysely"), opens_at=now + timedelta(days=2))
    make_survey_activity(official, procurement, title=text("Raadin kysely"), mode="identified")
    activity = services.create_activity(official, procurement, {"kind": "survey", "phase": "preparation",
                                                                "title": text("Tyhjä"), "setting": "online"})
    services.create_survey(official, activity, {"title": text("Kysely ilman kysymyksiä"), "mode": "anonymous"})
    private = factories.create_procurement(official, is_public=False)
    make_survey_activity(official, private, title=text("Salainen kysely"))
    closed = factories.create_procurement(official)
    make_survey_activity(official, closed, title=text("Päättyneen hankinnan kysely"))
    closed.phase = "closed"
    closed.save()
    _response, html = _page(client)
    for title in ("Suljettu kysely", "Tuleva kysely", "Raadin kysely", "Kysely ilman kysymyksiä", "Salainen kysely",
                  "Päättyneen hankinnan kysely"):
        assert title not in html
    assert "0 tapaa osallistua nyt" in html
    assert "Näillä valinnoilla ei nyt löydy mitään avointa." in html


def test_an_event_says_where_how_accessible_and_how_many_places_are_left(client, official, procurement):
    event = make_event(official, procurement)
    _response, html = _page(client)
    assert "Asukasilta kotihoidosta" in html and "Hervannan palvelukeskus" in html
    assert "Esteetön kulku" in html and "Induktiosilmukka" in html
    assert "2 paikkaa jäljellä" in html
    for _n in range(2):
        Registration.objects.create(activity=event, participant=factories.UserFactory(), status=RegistrationStatus.CONFIRMED)
    Registration.objects.create(activity=event, participant=factories.UserFactory(), status=RegistrationStatus.WAITING)
    _response, html = _page(client)
    assert "Täynnä." in html and "1 henkilö varasijalla." in html
    assert "Ilmoittaudu varasijalle" in html


def test_past_events_and_home_visits_are_not_offered(client, official, procurement):
    make_event(official, procurement, title=text("Mennyt ilta"), starts_at=timezone.now() - timedelta(days=1),
               ends_at=timezone.now() - timedelta(hours=20))
    make_event(official, procurement, title=text("Kotikäynnit"), setting="home_visit", registration=False,
               capacity=None)
    html = _page(client)[1]
    assert "Mennyt ilta" not in html and "Kotikäynnit" not in html


def test_a_running_contract_offers_its_idea_form(client, official, procurement):
    contract = make_contract(official, procurement)
    _response, html = _page(client)
    assert "Päihdepalvelujen kumppanuussopimus" in html
    assert f'href="/contracts/{contract.pk}/proposals/"' in html
    assert "Kirjoita ideasi" in html


def test_filters_by_area_service_area_target_group_and_kind(client, official, procurement, other_authority):
    make_survey_activity(official, procurement)
    west_official = factories.UserFactory(organisation=other_authority, position="official")
    housing = factories.create_procurement(west_official, service_area="housing_support",
                                           title=text("Asumisen tuki"))
    group = TargetGroup.objects.first()
    housing.target_groups.set([group])
    make_event(west_official, housing, title=text("Asumisen ilta"))
    both = _page(client)[1]
    assert "Mikä auttaa asumaan kotona?" in both and "Asumisen ilta" in both
    west = _page(client, f"authority={other_authority.pk}")[1]
    assert "Asumisen ilta" in west and "Mikä auttaa asumaan kotona?" not in west
    area = _page(client, "service_area=substance_abuse")[1]
    assert "Mikä auttaa asumaan kotona?" in area and "Asumisen ilta" not in area
    for_group = _page(client, f"target_group={group.code}")[1]
    assert "Asumisen ilta" in for_group and "Mikä auttaa asumaan kotona?" not in for_group
    surveys_only = _page(client, "kind=survey")[1]
    assert "Mikä auttaa asumaan kotona?" in surveys_only and "Asumisen ilta" not in surveys_only


def test_search_finds_words_in_titles_and_descriptions(client, official, procurement):
    make_survey_activity(official, procurement)
    make_event(official, procurement, title=text("Perheiden ilta"), plain_summary=text("Lapsiperheiden palvelut"))
    found = _page(client, "q=kotona")[1]
    assert "Mikä auttaa asumaan kotona?" in found and "Perheiden ilta" not in found


def test_a_filter_that_names_nothing_is_said_next_to_its_field(client, official, procurement):
    make_survey_activity(official, procurement)
    response, html = _page(client, "service_area=moon&authority=abc")
    assert response.status_code == 422
    assert "Valitse oikea vaihtoehto" in html
    assert "Mikä auttaa asumaan kotona?" in html  # the wrong filter narrows nothing


def test_the_front_page_in_swedish_and_english(client, official, procurement):
    make_survey_activity(official, procurement)
    sv = client.get("/sv/").content.decode()
    assert "Vad hjälper dig att bo hemma?" in sv and "Svara på enkäten" in sv
    en = client.get("/en/").content.decode()
    assert "Answer the survey" in en and "Take part" in en


def test_search_understands_finnish_and_swedish_word_forms(client, official, procurement):
    make_event(official, procurement, title=text("Perheiden ilta", "Invånarkväll om hemvården"))
    make_survey_activity(official, procurement)
    assert "Perheiden ilta" in _page(client, "q=perheet")[1]  # perheiden, perheet: one word
    found = client.get("/sv/?q=hemvård").content.decode()
    assert "Invånarkväll om hemvården" in found and "Vad hjälper dig att bo hemma?" not in found


def test_filters_update_the_cards_in_place(client, official, procurement):
    make_survey_activity(official, procurement)
    body = client.get("/?kind=event", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body and "0 tapaa osallistua nyt" in body


def test_a_contracts_panel_and_an_authoritys_standing_panel_are_offered_too(client, official, procurement, authority,
                                                                           other_authority):
    from coprocure.panels import services as panels

    fields = {"kind": "resident", "purpose": text("Raati kertoo, mikä palvelussa toimii."), "seats": 5,
              "term_starts": timezone.localdate(), "term_ends": timezone.localdate() + timedelta(days=365)}
    contract = make_contract(official, procurement)
    of_contract = panels.create_panel(official, contract, {**fields, "title": text("Sopimuksen asiakasraati")})
    standing = panels.create_panel(official, authority, {**fields, "title": text("Alueen asukasraati")})
    closed = panels.create_panel(official, authority, {**fields, "title": text("Suljettu raati")})
    for panel in (of_contract, standing):
        panels.set_call(official, panel, True)

    html = _page(client, "kind=panel")[1]
    assert "Sopimuksen asiakasraati" in html and "Alueen asukasraati" in html and "Suljettu raati" not in html
    assert f'href="/panels/{standing.pk}/volunteer/"' in html
    # A standing panel has no service area or target group: a reader filtering by one is not shown it,
    # and a reader choosing another county's procurements is not shown this county's panels.
    assert "Alueen asukasraati" not in _page(client, "service_area=substance_abuse")[1]
    assert "Alueen asukasraati" in _page(client, f"authority={authority.pk}")[1]
    factories.create_procurement(factories.UserFactory(organisation=other_authority, position="official"))
    elsewhere = _page(client, f"authority={other_authority.pk}")[1]
    assert "Alueen asukasraati" not in elsewhere and "Sopimuksen asiakasraati" not in elsewhere

    cards = {card["code"]: card for card in client.get("/api/v1/activities?kind=panel").json()["items"]}
    assert set(cards) == {f"p{of_contract.pk}", f"p{standing.pk}"}
    assert cards[f"p{standing.pk}"]["procurement"] is None
    assert cards[f"p{standing.pk}"]["authority"] == authority.name
    assert cards[f"p{of_contract.pk}"]["procurement"]["id"] == procurement.pk
    # The short code of each leads to its page, whoever owns the panel.
    for panel in (of_contract, standing, closed):
        assert client.get(f"/o/p{panel.pk}/").status_code in (200, 302)
