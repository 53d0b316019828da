import json

from coprocure.participation import services
from coprocure.participation.models import Insight

from .. import factories
from .conftest import keys, make_survey


def test_staff_turn_a_survey_question_into_an_insight_and_the_public_sees_it(client, official, procurement, survey,
                                                                            reference_data):
    text_question = survey.questions.get(kind="text")
    client.force_login(official)
    form = client.get(f"/procurements/{procurement.pk}/insights/new/?question={text_question.pk}")
    assert form.status_code == 200 and form.context["form"].initial["question"] == text_question.pk
    sent = client.post(f"/procurements/{procurement.pk}/insights/new/", {
        "statement_fi": "Kuljetus palvelukeskukseen puuttuu.", "question": text_question.pk,
        "excerpts": "En pääse bussilla, soita 040 123 4567\n\n", "themes": "liikkuminen, yksinäisyys",
        "target_groups": ["older_people"],
    })
    assert sent.status_code == 302
    insight = Insight.objects.get()
    assert insight.activity == survey.activity and insight.themes == ["liikkuminen", "yksinäisyys"]
    assert insight.excerpts == ["En pääse bussilla, soita [puhelinnumero poistettu]"]
    client.logout()
    page = client.get(f"/en/procurements/{procurement.pk}/you-said-we-did/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Kuljetus palvelukeskukseen puuttuu." in html and "[puhelinnumero poistettu]" in html and "040 123" not in html
    assert "Being considered" in html


def test_not_taking_up_without_a_reason_is_refused_on_the_page(client, official, procurement):
    insight = services.create_insight(official, procurement, {"statement": factories.text("Toive")})
    client.force_login(official)
    refused = client.post(f"/insights/{insight.pk}/decision/", {"status": "not_taken_up"})
    assert refused.status_code == 422 and "status_reason" in refused.context["form"].errors
    assert Insight.objects.get().status == "open"
    done = client.post(f"/en/insights/{insight.pk}/decision/", {"status": "not_taken_up",
                                                                 "status_reason_fi": "Laki ei salli tätä."})
    assert done.status_code == 302
    page = client.get(f"/en/procurements/{procurement.pk}/you-said-we-did/").content.decode()
    assert "Not taken up" in page and "Laki ei salli tätä." in page


def test_a_source_from_another_procurement_is_refused(client, official, procurement, survey):
    other = factories.create_procurement(official)
    client.force_login(official)
    response = client.post(f"/procurements/{other.pk}/insights/new/", {
        "statement_fi": "Lainattu muualta", "question": survey.questions.first().pk,
    })
    assert response.status_code == 422 and "question" in response.context["form"].errors
    assert not Insight.objects.exists()


def test_people_without_a_staff_role_cannot_record_insights(client, procurement):
    client.force_login(factories.UserFactory())
    assert client.get(f"/procurements/{procurement.pk}/insights/new/").status_code == 403


def api(client, path, payload):
    return client.post(path, json.dumps(payload), content_type="application/json")


def test_insight_api_create_decide_and_public_list(client, official, procurement, survey, reference_data):
    question = keys(survey)[0]
    question_id = int(question[1:])
    assert api(client, f"/api/v1/procurements/{procurement.pk}/insights", {"statement": {"fi": "x"}}).status_code == 401
    client.force_login(official)
    created = api(client, f"/api/v1/procurements/{procurement.pk}/insights", {
        "statement": {"fi": "Kotihoito saa hyvät arviot.", "sv": "Hemvården får goda betyg."}, "question": question_id,
        "excerpts": ["Hoitaja on aina ystävällinen, sähköposti maija@example.fi"], "themes": ["kotihoito"],
        "target_groups": ["older_people"],
    })
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["activity"] == survey.activity_id and body["target_groups"] == ["older_people"]
    assert body["excerpts"] == ["Hoitaja on aina ystävällinen, sähköposti [sähköpostiosoite poistettu]"]
    unknown = api(client, f"/api/v1/procurements/{procurement.pk}/insights",
                  {"statement": {"fi": "y"}, "target_groups": ["nobody"]})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "target_groups"
    no_reason = api(client, f"/api/v1/insights/{body['id']}/decision", {"status": "not_taken_up"})
    assert no_reason.status_code == 422
    assert {e["code"] for e in no_reason.json()["errors"]} == {"insight_reason_required"}
    taken = api(client, f"/api/v1/insights/{body['id']}/decision", {"status": "taken_up"})
    assert taken.status_code == 200 and taken.json()["status"] == "taken_up"
    client.logout()
    public = client.get(f"/api/v1/procurements/{procurement.pk}/insights").json()
    assert [(item["id"], item["status"]) for item in public] == [(body["id"], "taken_up")]


def test_insight_api_refuses_other_people(client, official, procurement):
    insight = services.create_insight(official, procurement, {"statement": factories.text("Toive")})
    client.force_login(factories.UserFactory())
    assert api(client, f"/api/v1/insights/{insight.pk}/decision", {"status": "taken_up"}).status_code == 403
    assert api(client, "/api/v1/insights/999999/decision", {"status": "taken_up"}).status_code == 404


def test_survey_results_offer_turning_a_question_into_an_insight(client, official, activity):
    survey = make_survey(official, activity)
    client.force_login(official)
    html = client.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert f"/insights/new/?question={survey.questions.first().pk}" in html
