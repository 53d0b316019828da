"""Every write the public makes is limited per address, signed in or not: the (limit+1)th is
refused with 429, Retry-After and a plain message, and nothing is stored."""

import itertools
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse

import coprocure
from coprocure.contracts.models import DevelopmentProposal
from coprocure.web import ratelimit
from coprocure.followup.models import FollowUpContact
from coprocure.participation.models import Response

from ..participation.conftest import keys
from .conftest import LIMIT

ADDRESS = "192.0.2.44"
OTHER = "198.51.100.7"
PEOPLE = itertools.count()


def _survey_page(client, survey, address=ADDRESS):
    token = client.get(reverse("survey_answer", args=[survey.pk])).context["form"].initial["token"]
    first, *_rest = keys(survey)
    return client.post(reverse("survey_answer", args=[survey.pk]), {"token": token, first: "4"}, REMOTE_ADDR=address)


def _token(client, survey):
    return client.get(f"/api/v1/surveys/{survey.pk}/token").json()["token"]


def _survey_api(client, survey, address=ADDRESS):
    first, *_rest = keys(survey)
    return client.post(f"/api/v1/surveys/{survey.pk}/responses", json.dumps({"answers": {first: 4}, "token": _token(client, survey)}),
                       content_type="application/json", REMOTE_ADDR=address)


def _proposal_page(client, contract, address=ADDRESS):
    return client.post(reverse("proposal_submit", args=[contract.pk]),
                       {"text": "Iltaisin auki", "proposer_kind": "service_user"}, REMOTE_ADDR=address)


def _proposal_api(client, contract, address=ADDRESS):
    return client.post(f"/api/v1/contracts/{contract.pk}/proposals",
                       json.dumps({"text": "Iltaisin auki", "proposer_kind": "relative"}),
                       content_type="application/json", REMOTE_ADDR=address)


def _follow_page(client, survey, address=ADDRESS):
    return client.post(reverse("follow_up", args=[survey.pk]), {"email": f"liisa{next(PEOPLE)}@example.fi"}, REMOTE_ADDR=address)


def _follow_api(client, survey, address=ADDRESS):
    return client.post(f"/api/v1/surveys/{survey.pk}/follow-up", {"email": f"liisa{next(PEOPLE)}@example.fi"},
                       content_type="application/json", REMOTE_ADDR=address)


ROUTES = {
    "survey page": (_survey_page, "survey", Response, False),
    "survey api": (_survey_api, "survey", Response, True),
    "proposal page": (_proposal_page, "contract", DevelopmentProposal, False),
    "proposal api": (_proposal_api, "contract", DevelopmentProposal, True),
    "follow-up page": (_follow_page, "survey", FollowUpContact, False),
    "follow-up api": (_follow_api, "survey", FollowUpContact, True),
}


@pytest.mark.parametrize("route", ROUTES)
def test_the_write_after_the_limit_is_refused_and_nothing_stored(client, request, route):
    send, target, model, api = ROUTES[route]
    target = request.getfixturevalue(target)
    for _ in range(LIMIT):
        assert send(client, target).status_code in {201, 302}
    refused = send(client, target)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 600
    assert model.objects.count() == LIMIT
    if api:
        body = refused.json()
        assert body["errors"] == [{"field": None, "code": "rate_limited", "message": body["detail"]}]
        assert re.search(r"Odota \d+ min ", body["detail"])
    else:
        page = refused.content.decode()
        assert re.search(r"Odota \d+ min ", page)
        # The form is shown again, filled in as it was sent.
        assert re.search(r'Iltaisin auki|value="liisa\d+@example.fi"|value="4"[^>]*checked', page)
    # Another address (another household) is not affected.
    assert send(client, target, OTHER).status_code in {201, 302}


def test_the_message_is_in_the_readers_language(client, contract):
    for _ in range(LIMIT):
        _proposal_api(client, contract)
    swedish = client.post(f"/api/v1/contracts/{contract.pk}/proposals",
                          json.dumps({"text": "På kvällarna", "proposer_kind": "relative"}),
                          content_type="application/json", REMOTE_ADDR=ADDRESS, HTTP_ACCEPT_LANGUAGE="sv")
    assert swedish.status_code == 429 and re.search(r"Vänta \d+ min ", swedish.json()["detail"])


def test_the_counter_expires_with_its_window(client, survey, monkeypatch):
    clock = [1_800_000_000.0]
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: clock[0]))
    for _ in range(LIMIT):
        _survey_api(client, survey)
    assert _survey_api(client, survey).status_code == 429
    clock[0] += 600
    assert _survey_api(client, survey).status_code == 201
    # The stored counters do not outlive their window by more than a minute.
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, expires FROM coprocure_cache")
        rows = cursor.fetchall()
    assert rows and all(expires.timestamp() <= clock[0] + 600 + 60 for _key, expires in rows)


def test_the_stored_counters_hold_no_address_and_only_a_count(client, survey, contract):
    _survey_page(client, survey)
    _proposal_api(client, contract)
    _follow_api(client, survey)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM coprocure_cache WHERE cache_key LIKE %s", ["%ratelimit%"])
        rows = cursor.fetchall()
    assert len(rows) == 3
    for key, value in rows:
        assert ADDRESS not in key and ADDRESS not in value
        assert ADDRESS.replace(".", "") not in key
    assert ratelimit.client_address(SimpleNamespace(META={"REMOTE_ADDR": ADDRESS})) == ADDRESS


@pytest.mark.parametrize("route", ["survey page", "survey api", "follow-up page", "follow-up api"])
def test_signed_in_people_are_limited_too(client, official, survey, route):
    """An account is no licence to stuff a survey: the same counter of the address applies."""
    send, _target, model, _api = ROUTES[route]
    client.force_login(official)
    for _ in range(LIMIT):
        assert send(client, survey).status_code in {201, 302}
    assert send(client, survey).status_code == 429
    assert model.objects.count() == LIMIT


def test_behind_a_proxy_the_configured_header_names_the_client(client, survey, settings):
    settings.COPROCURE_CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    first, *_rest = keys(survey)

    def send(forwarded):
        return client.post(f"/api/v1/surveys/{survey.pk}/responses",
                           json.dumps({"answers": {first: 4}, "token": _token(client, survey)}),
                           content_type="application/json", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    for _ in range(LIMIT):
        assert send(f"1.1.1.1, {ADDRESS}").status_code == 201
    # A client cannot escape by writing its own entry first: the proxy's last entry counts.
    assert send(f"9.9.9.9, {ADDRESS}").status_code == 429
    assert send(OTHER).status_code == 201


def test_limits_can_be_turned_off_for_benchmarks(client, survey, settings):
    settings.COPROCURE_RATE_LIMITS = {}
    for _ in range(LIMIT + 2):
        assert _survey_api(client, survey).status_code == 201


def test_no_template_asks_for_a_captcha():
    templates = list(Path(coprocure.__file__).parent.rglob("templates/**/*.html"))
    assert templates
    assert not [path for path in templates if "captcha" in path.read_text(encoding="utf-8").lower()]


def test_a_form_with_mistakes_over_the_limit_shows_the_mistakes_first(client, contract):
    for _ in range(LIMIT):
        _proposal_page(client, contract)
    mistaken = client.post(reverse("proposal_submit", args=[contract.pk]), {"text": "  ", "proposer_kind": "service_user"},
                           REMOTE_ADDR=ADDRESS)
    assert mistaken.status_code == 422 and "Retry-After" not in mistaken
    assert DevelopmentProposal.objects.count() == LIMIT
