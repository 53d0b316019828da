"""Public pages many people read come from the shared cache, and only when that is honest:
for anonymous readers, in their language, never stale after a change, never personal."""

import pytest
from django.urls import reverse

from coprocure.caching.pages import HEADER
from coprocure.contracts import services as contract_services
from coprocure.core import services as core_services
from coprocure.participation import services as participation_services
from tests import factories
from tests.contracts.conftest import contract, indicator, provider  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def text(fi):
    return {"fi": {"text": fi, "origin": "human"}}


def test_an_anonymous_reader_gets_the_cached_copy_until_the_procurement_changes(
        client, official, procurement, django_capture_on_commit_callbacks):
    url = reverse("procurement_detail", args=[procurement.pk])
    first = client.get(url)
    assert first[HEADER] == "miss"
    second = client.get(url)
    assert second[HEADER] == "hit" and second.content == first.content
    with django_capture_on_commit_callbacks(execute=True):
        core_services.update_procurement(official, procurement, {"title": text("Uusi otsikko kaikille")})
    changed = client.get(url)
    assert changed[HEADER] == "miss" and "Uusi otsikko kaikille" in changed.content.decode()


def test_a_cached_copy_carries_no_cookie_and_no_csrf_token(client, procurement):
    url = reverse("procurement_detail", args=[procurement.pk])
    for response in (client.get(url), client.get(url)):
        assert response.cookies == {} and "Set-Cookie" not in response
        assert "csrf" not in response.content.decode().lower()


def test_signed_in_readers_and_readers_with_a_session_never_get_a_cached_copy(client, official, procurement):
    url = reverse("procurement_detail", args=[procurement.pk])
    client.get(url)
    client.force_login(official)
    signed_in = client.get(url)
    assert HEADER not in signed_in and reverse("procurement_edit", args=[procurement.pk]) in signed_in.content.decode()
    client.logout()
    client.cookies["sessionid"] = "anything"
    assert HEADER not in client.get(url)


def test_each_language_has_its_own_copy(client, procurement):
    core_services.update_procurement(procurement.created_by, procurement, {"title": {
        "fi": {"text": "Kotihoito", "origin": "human"}, "sv": {"text": "Hemvård", "origin": "human"}}})
    client.get(reverse("procurement_detail", args=[procurement.pk]))
    swedish = client.get("/sv" + reverse("procurement_detail", args=[procurement.pk]))
    assert swedish[HEADER] == "miss" and 'lang="sv"' in swedish.content.decode() and "Hemvård" in swedish.content.decode()


def test_a_private_procurement_is_never_cached(client, official):
    private = factories.create_procurement(official, is_public=False)
    response = client.get(reverse("procurement_detail", args=[private.pk]))
    assert response.status_code == 404 and HEADER not in response


def test_you_said_we_did_shows_a_decision_at_once(client, official, procurement, django_capture_on_commit_callbacks):
    insight = participation_services.create_insight(official, procurement, {
        "statement": text("Apua tarvitaan iltaisin"), "plain_summary": {}, "activity": None, "question": None,
        "excerpts": [], "themes": [], "target_groups": []})
    url = reverse("participation_you_said_we_did", args=[procurement.pk])
    client.get(url)
    assert client.get(url)[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        participation_services.decide_insight(official, insight, "not_taken_up", text("Ei rahaa tänä vuonna"))
    page = client.get(url)
    assert page[HEADER] == "miss" and "Ei rahaa tänä vuonna" in page.content.decode()


def test_a_measurement_report_shows_on_the_outcome_dashboard_at_once(
        client, official, contract, indicator, django_capture_on_commit_callbacks):  # noqa: F811
    url = reverse("contract_outcomes", args=[contract.pk])
    client.get(url)
    assert client.get(url)[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        contract_services.report_measurements(
            official, contract, [["mittari", "jakso", "arvo"], ["pysyvyys", "2025-01", "77.5"]], source="ui")
    page = client.get(url)
    assert page[HEADER] == "miss" and "77,5" in page.content.decode()
