"""Reading a form writes nothing; answering needs a valid unused one-time token on every channel.

Tokens are signed values (the survey and a random nonce, with an expiry): reading the answering
page or ``GET /api/v1/surveys/{id}/token`` writes no row, and only the spent nonce is stored.
A missing, forged, another survey's, expired or spent token is refused with a translated 4xx on
the page and through the API, and nothing is stored."""

import json
import time
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from coprocure.errors import message_for
from coprocure.participation import services, tokens
from coprocure.participation.models import Answer, Response, SpentAnswerToken

from .. import factories
from .conftest import keys, make_survey

WRITES = ("INSERT", "UPDATE", "DELETE")


def row_counts() -> dict:
    """Every table's row count, as someone holding the database would see it."""
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table not in counts:
                cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.parametrize("signed_in", [False, True])
def test_reading_the_form_and_taking_a_token_writes_nothing(client, survey, signed_in):
    if signed_in:
        client.force_login(factories.UserFactory())
    before = row_counts()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/surveys/{survey.pk}/")
        api = client.get(f"/api/v1/surveys/{survey.pk}/token")
        read = client.get(f"/api/v1/surveys/{survey.pk}")
    assert page.status_code == 200 and api.status_code == 200 and read.status_code == 200
    assert page.context["form"].initial["token"] and api.json()["token"]
    assert api.json()["expires_in"] == 24 * 3600
    assert [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)] == []
    assert row_counts() == before


def _expired(monkeypatch):
    later = time.time() + 25 * 3600
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))


def _forged(survey):
    return signing.dumps({"s": survey.pk, "n": "x" * 22}, key="not-our-secret-" + "y" * 40, salt=tokens.SALT)


CASES = {
    # case: (the token sent, the expected code, the API's status)
    "missing": (lambda survey, other: "", "token_invalid", 400),
    "forged": (lambda survey, other: _forged(survey), "token_invalid", 400),
    "another survey's": (lambda survey, other: services.issue_token(other), "token_invalid", 400),
    "made up": (lambda survey, other: "kelpaa-varmasti", "token_invalid", 400),
    "expired": (lambda survey, other: services.issue_token(survey), "token_expired", 410),
}


@pytest.fixture
def other(official, activity):
    return make_survey(official, activity)


@pytest.mark.parametrize("case", CASES)
def test_the_api_refuses_a_bad_token_and_stores_nothing(client, survey, other, case, monkeypatch):
    make, code, status = CASES[case]
    token = make(survey, other)
    if case == "expired":
        _expired(monkeypatch)
    likert = keys(survey)[0]
    response = client.post(f"/api/v1/surveys/{survey.pk}/responses", json.dumps({"answers": {likert: 4}, "token": token}),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == status
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("token", code)
    with translation.override("sv"):
        assert error["message"] == message_for(code)
    assert not Response.objects.exists() and not Answer.objects.exists() and not SpentAnswerToken.objects.exists()


def test_refusals_are_translated(client, survey):
    likert = keys(survey)[0]
    said = {}
    for language in ("fi", "sv", "en"):
        response = client.post(f"/api/v1/surveys/{survey.pk}/responses", json.dumps({"answers": {likert: 4}, "token": ""}),
                               content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)
        said[language] = response.json()["errors"][0]["message"]
    assert len(set(said.values())) == 3
    assert said["en"].startswith("This answer form is not valid")


@pytest.mark.parametrize("case", CASES)
def test_the_page_refuses_a_bad_token_and_stores_nothing(client, survey, other, case, monkeypatch):
    make, code, _status = CASES[case]
    token = make(survey, other)
    if case == "expired":
        _expired(monkeypatch)
    likert = keys(survey)[0]
    page = client.post(f"/en/surveys/{survey.pk}/", {"token": token, likert: "4"})
    assert page.status_code == 422
    with_english = page.content.decode()
    with translation.override("en"):
        assert message_for(code) in with_english
    assert not Response.objects.exists() and not SpentAnswerToken.objects.exists()
    # The answers stay on the form, and a fresh token with them: sending again works.
    assert page.context["form"]["token"].value() != token
    monkeypatch.undo()
    again = client.post(f"/en/surveys/{survey.pk}/", {"token": page.context["form"]["token"].value(), likert: "4"})
    assert again.status_code == 302 and Response.objects.count() == 1


def test_the_page_refuses_a_spent_token_and_gives_no_fresh_one(client, survey):
    likert = keys(survey)[0]
    token = client.get(f"/surveys/{survey.pk}/").context["form"].initial["token"]
    assert client.post(f"/surveys/{survey.pk}/", {"token": token, likert: "4"}).status_code == 302
    again = client.post(f"/en/surveys/{survey.pk}/", {"token": token, likert: "4"})
    assert again.status_code == 422 and "already been sent" in again.content.decode()
    assert again.context["form"]["token"].value() == token  # a second click stores nothing either
    assert Response.objects.count() == 1 and SpentAnswerToken.objects.count() == 1


def test_a_token_is_used_once_on_either_channel(client, survey):
    likert = keys(survey)[0]
    token = client.get(f"/api/v1/surveys/{survey.pk}/token").json()["token"]
    assert client.post(f"/surveys/{survey.pk}/", {"token": token, likert: "4"}).status_code == 302
    api = client.post(f"/api/v1/surveys/{survey.pk}/responses", json.dumps({"answers": {likert: 4}, "token": token}),
                      content_type="application/json")
    assert api.status_code == 409 and api.json()["errors"][0]["code"] == "token_used"
    assert Response.objects.count() == 1


def test_staff_enter_paper_answers_without_tokens(client, official, survey):
    likert = keys(survey)[0]
    client.force_login(official)
    batch = client.post(f"/api/v1/surveys/{survey.pk}/batches", json.dumps({
        "channel": "paper", "place": "Kirjasto", "entries": [{"answers": {likert: 3}}, {"answers": {likert: 5}}]}),
        content_type="application/json")
    assert batch.status_code == 201
    assert sorted(Response.objects.values_list("channel", flat=True)) == ["paper", "paper"]
    assert not SpentAnswerToken.objects.exists()


def test_an_identified_survey_takes_a_signed_in_answer_and_checks_a_token_only_when_given(client, official, activity):
    panel = make_survey(official, activity, mode="identified")
    member = factories.UserFactory()
    client.force_login(member)
    likert = keys(panel)[0]

    def send(token):
        return client.post(f"/api/v1/surveys/{panel.pk}/responses", json.dumps({"answers": {likert: 4}, "token": token}),
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {bearer}")

    from coprocure.api.models import ApiToken

    bearer = ApiToken.issue(member, "paneeli")[1]
    assert send("").status_code == 201
    assert send("väärennös").status_code == 400
    assert Response.objects.get().participant == member
