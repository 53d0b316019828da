"""The Atom and iCalendar feeds and GET /api/v1/activities: the same cards, filters and search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from coprocure.core.models import TargetGroup

from .. import factories
from ..factories import text
from .conftest import make_contract, make_event, make_survey_activity

pytestmark = pytest.mark.django_db


def test_the_atom_feed_lists_every_way_to_take_part(client, official, procurement):
    survey = make_survey_activity(official, procurement)
    event = make_event(official, procurement)
    response = client.get("/take-part/feed.atom")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    assert "Mikä auttaa asumaan kotona?" in body and "Asukasilta kotihoidosta" in body
    assert f"/o/s{survey.pk}/" in body and f"/o/e{event.pk}/" in body
    surveys_only = client.get("/take-part/feed.atom?kind=survey").content.decode()
    assert "Asukasilta kotihoidosta" not in surveys_only


def test_the_calendar_has_the_events_only_with_time_place_and_address(client, official, procurement):
    make_survey_activity(official, procurement)
    event = make_event(official, procurement)
    response = client.get("/take-part/events.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    (entry,) = events
    assert str(entry["summary"]) == "Asukasilta kotihoidosta"
    assert str(entry["location"]) == "Hervannan palvelukeskus"
    assert entry.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert str(entry["uid"]) == f"e{event.pk}@coprocure"
    assert "2 paikkaa" in str(entry["description"]) or "Paikkoja jäljellä: 2." in str(entry["description"])


def test_the_api_lists_the_same_cards_with_filters_search_and_paging(client, official, procurement):
    survey = make_survey_activity(official, procurement)
    make_event(official, procurement)
    make_contract(official, procurement)
    body = client.get("/api/v1/activities").json()
    assert body["count"] == 3
    by_kind = {item["kind"]: item for item in body["items"]}
    assert set(by_kind) == {"survey", "event", "idea_form"}
    card = by_kind["survey"]
    assert card["code"] == f"s{survey.pk}" and card["minutes"] == 3 and card["page_url"] == f"/o/s{survey.pk}/"
    assert card["title"]["fi"]["text"] == "Mikä auttaa asumaan kotona?"
    assert card["procurement"]["id"] == procurement.pk
    assert by_kind["event"]["places_left"] == 2 and by_kind["event"]["accessibility"]
    assert client.get("/api/v1/activities?kind=event").json()["count"] == 1
    assert client.get("/api/v1/activities?q=kotona").json()["count"] == 1
    page = client.get("/api/v1/activities?limit=1&offset=1").json()
    assert page["count"] == 3 and len(page["items"]) == 1


def test_the_api_refuses_a_filter_that_names_nothing_with_its_field(client, official, procurement):
    response = client.get("/api/v1/activities?service_area=moon")
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert "service_area" in fields


def test_private_procurements_stay_out_of_the_api_and_feeds(client, official):
    private = factories.create_procurement(official, is_public=False)
    make_survey_activity(official, private, title=text("Salainen"))
    make_event(official, private, title=text("Salainen ilta"))
    assert client.get("/api/v1/activities").json()["count"] == 0
    assert "Salainen" not in client.get("/take-part/feed.atom").content.decode()
    assert "Salainen" not in client.get("/take-part/events.ics").content.decode()


def _world(official, n: int):
    group = TargetGroup.objects.first()
    for index in range(n):
        procurement = factories.create_procurement(official, title=text(f"Hankinta {index}"))
        procurement.target_groups.set([group])
        make_survey_activity(official, procurement, title=text(f"Kysely {index}"))
        make_event(official, procurement, title=text(f"Ilta {index}"))


@pytest.mark.parametrize("path", ["/", "/api/v1/activities", "/take-part/feed.atom", "/take-part/events.ics"])
def test_the_query_count_does_not_grow_with_the_number_of_activities(client, official, path):
    _world(official, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    _world(official, 18)
    with CaptureQueriesContext(connection) as many:
        assert client.get(path).status_code == 200
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
