"""/metrics: Prometheus text for a scraper with the bearer token, nothing for anyone else;
latency by route pattern with no ids or personal data in its labels."""

import re

import pytest

TOKEN = "scrape-token-for-tests-0123456789"


@pytest.fixture
def scraper(settings):
    settings.COPROCURE_METRICS_TOKEN = TOKEN
    return {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.mark.django_db
def test_metrics_are_hidden_without_the_token(client, settings):
    settings.COPROCURE_METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404  # no token set: no route
    settings.COPROCURE_METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=TOKEN).status_code == 404


def test_latency_is_labelled_by_route_pattern_never_by_path(client, procurement, scraper):
    client.get(f"/procurements/{procurement.pk}/")
    client.get(f"/en/procurements/{procurement.pk}/?q=matti@example.fi")
    client.get(f"/api/v1/procurements/{procurement.pk}")
    client.get("/no-such-page/liisa@example.fi/")
    response = client.get("/metrics", **scraper)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    routes = set(re.findall(r'coprocure_request_duration_seconds_count\{[^}]*route="([^"]*)"', text))
    assert {"/procurements/<int:pk>/", "unmatched"} <= routes, routes
    assert any(route.startswith("/api/v1/procurements/") for route in routes), routes
    assert not any(str(procurement.pk) in route.split("/") for route in routes), routes
    assert "@" not in text and "matti" not in text and "liisa" not in text


ANSWERING = re.compile(r"(/(fi|sv|en))?/surveys/<(int:)?pk>/|/api/v1/surveys/<(int:)?pk>/(token|responses)")


def answering_samples(client, scraper) -> dict[str, float]:
    """The request counts the scrape shows for the answering page, its token and its answers
    (other tests in this process may have observed signed-in or refused requests there)."""
    text = client.get("/metrics", **scraper).content.decode()
    found = re.findall(r'^coprocure_request_duration_seconds_count\{([^}]*)\} (\S+)$', text, re.M)
    return {labels: float(value) for labels, value in found
            if ANSWERING.fullmatch(re.search(r'route="([^"]*)"', labels).group(1))}


def test_the_anonymous_answering_flow_is_not_observed(client, procurement, official, scraper):
    from coprocure.participation import services

    from ..factories import text
    from ..participation.conftest import make_survey

    activity = services.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": text("Kysely"), "setting": "online"})
    survey = make_survey(official, activity)
    before = answering_samples(client, scraper)
    assert client.get(f"/surveys/{survey.pk}/").status_code == 200
    token = client.get(f"/api/v1/surveys/{survey.pk}/token").json()["token"]
    answers = {question.key: 3 for question in survey.questions.filter(kind="likert")}
    sent = client.post(f"/api/v1/surveys/{survey.pk}/responses", {"answers": answers, "token": token},
                       content_type="application/json")
    assert sent.status_code == 201, sent.content
    assert answering_samples(client, scraper) == before


def test_queue_figures_are_read_from_the_database_at_scrape_time(client, db, scraper):
    from .test_probes import _queued

    _queued(120)
    _queued(30)
    _queued(10, status="FAILED")
    text = client.get("/metrics", **scraper).content.decode()
    assert 'coprocure_queue_jobs{state="ready"} 2.0' in text
    assert 'coprocure_queue_jobs{state="failed"} 1.0' in text
    age = float(re.search(r"^coprocure_queue_oldest_ready_age_seconds (\S+)$", text, re.M).group(1))
    assert 119 <= age < 180
    assert "coprocure_tasks_failed_total 1.0" in text


def test_outbox_messages_are_counted_by_channel_and_state_with_no_recipient(client, db, scraper):
    from coprocure.outbox import services as outbox

    outbox.send(to="liisa.virtanen@example.fi", subject="Aihe", body="Teksti", cause="test:1")
    text = client.get("/metrics", **scraper).content.decode()
    assert 'coprocure_messages{channel="email",state="pending"} 1.0' in text
    assert "liisa" not in text and "test:1" not in text
