import json
from datetime import timedelta

from django.utils import timezone

from coprocure.participation.models import Answer, Response

from .. import factories
from .conftest import keys, make_survey


def token(client, survey):
    """What a public client does before answering: take a one-time token."""
    return client.get(f"/api/v1/surveys/{survey.pk}/token").json()["token"]


def post(client, survey, payload, **headers):
    """Send answers through the API, with a fresh token unless the payload has its own."""
    if "token" not in payload and isinstance(payload.get("answers"), dict):
        payload = {**payload, "token": token(client, survey)}
    return client.post(f"/api/v1/surveys/{survey.pk}/responses", json.dumps(payload),
                       content_type="application/json", **headers)


def test_public_client_reads_questions_and_answers_without_an_account(client, survey):
    body = client.get(f"/api/v1/surveys/{survey.pk}").json()
    assert body["is_open"] and body["mode"] == "anonymous"
    single = body["questions"][1]
    assert single["choices"] == [{"value": "1", "label": "Bussilla"}, {"value": "2", "label": "Autolla"}]
    likert = body["questions"][0]["key"]
    response = post(client, survey, {"answers": {likert: 5, single["key"]: "2"}, "age_band": "75_plus"})
    assert response.status_code == 201, response.content
    assert response.json() == {"received": True, "answered_on": timezone.localdate().isoformat()}
    assert Response.objects.get().age_band == "75_plus"


def test_bad_answers_get_the_common_error_body(client, survey):
    likert, single, *_rest = keys(survey)
    response = post(client, survey, {"answers": {single: "7", "q0": 1}})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Pyyntöä ei voitu hyväksyä."
    assert {(e["field"], e["code"]) for e in body["errors"]} == {
        (likert, "answer_required"), (single, "answer_not_a_choice"), ("q0", "answer_unknown_question"),
    }
    assert all(e["message"] for e in body["errors"])
    assert not Answer.objects.exists()


def test_malformed_body_and_missing_survey_are_4xx(client, survey):
    raw = client.post(f"/api/v1/surveys/{survey.pk}/responses", "{not json", content_type="application/json")
    assert raw.status_code in {400, 422} and "errors" in raw.json()
    assert post(client, survey, {"answers": []}).status_code == 422
    missing = client.get("/api/v1/surveys/999999")
    assert missing.status_code == 404 and missing.json()["errors"] == []


def test_closed_survey_and_reused_token_are_409(client, official, activity, survey):
    closed = make_survey(official, activity, closes_at=timezone.now() - timedelta(days=1))
    refused = client.get(f"/api/v1/surveys/{closed.pk}/token")
    assert refused.status_code == 409 and refused.json()["errors"][0]["code"] == "survey_closed"
    response = post(client, closed, {"answers": {keys(closed)[0]: 3}, "token": ""})
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "survey_closed"
    answer = {"answers": {keys(survey)[0]: 3}, "token": token(client, survey)}
    assert post(client, survey, answer).status_code == 201
    again = post(client, survey, answer)
    assert again.status_code == 409 and [(e["field"], e["code"]) for e in again.json()["errors"]] == [("token", "token_used")]
    assert Response.objects.count() == 1


def test_private_procurements_survey_is_hidden(client, official):
    from coprocure.participation import services

    private = factories.create_procurement(official, is_public=False)
    activity = services.create_activity(official, private, {"kind": "survey", "phase": "preparation",
                                                            "title": factories.text("Sisäinen")})
    hidden = make_survey(official, activity)
    assert client.get(f"/api/v1/surveys/{hidden.pk}").status_code == 404
    assert client.get(f"/surveys/{hidden.pk}/").status_code == 404


def test_answering_page_round_trip_with_token(client, survey):
    page = client.get(f"/surveys/{survey.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<fieldset" in html and 'type="radio"' in html and "4 – Hyvä" in html
    token = page.context["form"].initial["token"]
    likert, single, *_rest = keys(survey)
    data = {"token": token, likert: "4", single: "other", f"{single}_other": "Potkukelkalla"}
    sent = client.post(f"/surveys/{survey.pk}/", data)
    assert sent.status_code == 302 and sent.url.endswith(f"/surveys/{survey.pk}/thanks/")
    assert Answer.objects.get(question__kind="single").value == {"choice": "other", "text": "Potkukelkalla"}
    again = client.post(f"/surveys/{survey.pk}/", data)
    assert again.status_code == 422
    assert "already been sent" in again.content.decode() or "jo lähetetty" in again.content.decode()


def test_answering_page_shows_a_missing_required_answer(client, survey):
    response = client.post(f"/en/surveys/{survey.pk}/", {})
    assert response.status_code == 422
    assert "Please answer this question." in response.content.decode()


def test_results_hide_small_groups(client, official, survey):
    from coprocure.participation import services

    likert = keys(survey)[0]
    for value in [4, 4, 4, 4, 4, 5, 5, 5, 2, 2]:
        services.submit_response(survey, {likert: value})
    client.force_login(official)
    page = client.get(f"/en/surveys/{survey.pk}/results/")
    assert page.status_code == 200
    cells = {c["value"]: c["count"] for c in page.context["results"]["questions"][0]["cells"]}
    assert cells["4"] == 5 and cells["5"] is None and cells["2"] is None and cells["1"] == 0
    assert page.context["results"]["total"] == 10


def test_results_are_for_staff_only(client, survey):
    client.force_login(factories.UserFactory())
    assert client.get(f"/surveys/{survey.pk}/results/").status_code == 403


def test_public_participation_page_and_link_from_the_procurement(client, official, procurement, survey):
    from coprocure.participation import services

    services.save_plan(official, procurement, {
        "aims": ["participation_wellbeing"], "participant_roles": factories.text("Asiakkaat ja läheiset kertovat kokemuksistaan."),
        "methods": factories.text("Kysely ja asiakasraati."), "phases": ["preparation"],
        "reach": {"older_people": 40}, "accountable_official": official,
    })
    detail = client.get(f"/procurements/{procurement.pk}/").content.decode()
    assert f"/procurements/{procurement.pk}/participation/" in detail
    page = client.get(f"/procurements/{procurement.pk}/participation/").content.decode()
    assert "Asiakkaat ja läheiset" in page and f"/surveys/{survey.pk}/" in page and "Kysely kotihoidosta" in page
    api = client.get(f"/api/v1/procurements/{procurement.pk}/participation").json()
    assert api["plan"]["reach"] == {"older_people": 40}
    assert api["activities"][0]["surveys"] == [survey.pk]


def test_staff_create_an_activity_through_the_page(client, official, procurement):
    client.force_login(official)
    response = client.post(f"/procurements/{procurement.pk}/participation/activities/new/", {
        "kind": "customer_panel", "phase": "preparation", "title_fi": "Asiakasraati", "setting": "service_centre",
        "place": "Palvelukeskus Kotikulma", "step_free": "on", "languages": ["fi", "sv"],
        "starts_at": "2026-04-01T10:00", "ends_at": "2026-04-01T09:00",
    })
    assert response.status_code == 422
    assert "ends_at" in response.context["form"].errors


def test_a_public_client_without_cookies_can_post_answers_and_an_anonymous_answer_asks_no_session(survey, official, activity):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    likert = keys(survey)[0]
    assert post(strict, survey, {"answers": {likert: 4}}).status_code == 201
    # An anonymous survey does not look at the session, so it has no CSRF check to fail: the
    # token is what the answer needs.
    strict.force_login(factories.UserFactory())
    assert post(strict, survey, {"answers": {likert: 4}}).status_code == 201
    assert Response.objects.count() == 2
    # An identified survey's answer is the signed-in person's: the session with its CSRF token.
    panel = make_survey(official, activity, mode="identified")
    assert post(strict, panel, {"answers": {keys(panel)[0]: 4}}).status_code == 403
    assert post(Client(), panel, {"answers": {keys(panel)[0]: 4}}).status_code == 401
    assert Response.objects.count() == 2


def test_an_anonymous_answer_reads_the_survey_once(client, survey, reference_data, django_assert_num_queries):
    """The survey and its questions are read once per answer, not again inside the service:
    survey, questions, the target group check, the token's nonce (stored, holding the survey's
    row, in one statement), and one statement that stores the response and its answers with
    the waiting ones written again around them (and the test's savepoint and its release)."""
    likert, _single, _multiple, _number, text = keys(survey)
    one_time = token(client, survey)
    with django_assert_num_queries(7):
        response = post(client, survey, {"answers": {likert: 4, text: "Bussi auttaa"}, "target_group": "older_people",
                                         "token": one_time})
    assert response.status_code == 201
    assert Answer.objects.get(question__kind="text").value == "Bussi auttaa"


def test_staff_build_a_survey_through_the_api(client, official, activity):
    client.force_login(official)
    later = (timezone.now() + timedelta(days=2)).isoformat()
    created = client.post(f"/api/v1/activities/{activity.pk}/surveys", json.dumps({
        "title": {"fi": "Kerro kotihoidosta", "sv": "Berätta om hemvården"}, "opens_at": later}),
        content_type="application/json")
    assert created.status_code == 201 and not created.json()["is_open"]
    survey = created.json()["id"]
    added = client.post(f"/api/v1/surveys/{survey}/questions", json.dumps({
        "kind": "single", "text": {"fi": "Miten liikut?", "sv": "Hur tar du dig fram?"}, "required": True,
        "choices": {"fi": "Bussilla\nAutolla", "sv": "Med buss\nMed bil"}, "allow_other": True}),
        content_type="application/json")
    assert added.status_code == 201
    question = added.json()["questions"][0]
    assert (question["kind"], question["required"], question["allow_other"]) == ("single", True, True)
    assert [choice["label"] for choice in question["choices"]] == ["Bussilla", "Autolla"]
    refused = client.post(f"/api/v1/surveys/{survey}/questions", json.dumps({"kind": "multiple", "text": {"fi": "Mitä?"}}),
                          content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "choices"
    opened = client.post(f"/api/v1/surveys/{survey}/open", content_type="application/json")
    assert opened.status_code == 200 and opened.json()["is_open"]
