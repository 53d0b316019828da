"""Free-text answers chosen for publication, moderated by redaction, on every output."""

import io
import json

import pytest
from openpyxl import load_workbook

from coprocure.audit.models import AuditEntry
from coprocure.errors import ServiceError
from coprocure.participation import services
from coprocure.participation.models import PublishedAnswer

from .. import factories
from .conftest import keys, make_survey

NEIGHBOUR = "Naapurini Pekka juo joka päivä, kotihoito ei käy tarpeeksi usein"


def answered(official, activity, texts, **survey_options):
    survey = make_survey(official, activity, **survey_options)
    likert, *_rest, text = keys(survey)
    for value in texts:
        services.submit_response(survey, {likert: 3, text: value})
    return survey, survey.questions.get(kind="text")


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_staff_publish_an_excerpt_a_moderator_hides_part_and_every_output_shows_the_redaction(
        client, official, procurement, activity):
    survey, question = answered(official, activity, [NEIGHBOUR, "Hyvä", "Ok", "Lisää iltakäyntejä", "Kiitos"])
    client.force_login(official)
    page = client.get(f"/questions/{question.pk}/publish/")
    assert page.status_code == 200 and NEIGHBOUR in page.content.decode()
    assert client.post(f"/questions/{question.pk}/publish/", {"text": NEIGHBOUR}).status_code == 302
    published = PublishedAnswer.objects.get()
    moderated = client.post(f"/published-answers/{published.pk}/redactions/",
                            {"passage": "Naapurini Pekka juo joka päivä", "reason": "health_information"})
    assert moderated.status_code == 302
    published.refresh_from_db()
    assert published.text == NEIGHBOUR  # kept as it was
    shown = "[poistettu moderoinnissa: terveystieto], kotihoito ei käy tarpeeksi usein"
    client.logout()
    outputs = {
        "page": client.get(f"/procurements/{procurement.pk}/you-said-we-did/").content.decode(),
        "api": "\n".join(row["text"] for row in client.get(f"/api/v1/procurements/{procurement.pk}/published-answers").json()),
        "csv": client.get(f"/procurements/{procurement.pk}/answers.csv").content.decode("utf-8-sig"),
        "api_csv": client.get(f"/api/v1/procurements/{procurement.pk}/published-answers.csv").content.decode("utf-8-sig"),
    }
    workbook = load_workbook(io.BytesIO(client.get(f"/procurements/{procurement.pk}/answers.xlsx").content))
    outputs["xlsx"] = "\n".join(str(cell.value) for row in workbook.active.iter_rows() for cell in row)
    for name, body in outputs.items():
        assert shown in body, name
        assert "Pekka" not in body, name
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"participation.answer_publish", "participation.published_answer_redact"} <= actions


def test_only_real_answers_of_a_question_answered_by_k_people_can_be_published(client, official, activity):
    few_survey, few = answered(official, activity, ["Yksi", "Kaksi"])
    with pytest.raises(ServiceError) as too_few:
        services.publish_answer(official, few, "Yksi")
    assert too_few.value.status == 409
    survey, question = answered(official, activity, ["Aa", "Bb", "Cc", "Dd", "Soitelkaa useammin"])
    client.force_login(official)
    invented = post(client, f"/api/v1/questions/{question.pk}/published-answers", {"text": "Keksitty lainaus"})
    assert invented.status_code == 422 and invented.json()["errors"][0]["code"] == "publish_not_an_answer"
    likert = survey.questions.get(kind="likert")
    assert post(client, f"/api/v1/questions/{likert.pk}/published-answers", {"text": "3"}).status_code == 422
    excerpt = post(client, f"/api/v1/questions/{question.pk}/published-answers", {"text": "useammin"})
    assert excerpt.status_code == 201 and excerpt.json()["text"] == "useammin"
    outside = post(client, f"/api/v1/published-answers/{excerpt.json()['id']}/redactions",
                   {"start": 3, "end": 99, "reason": "off_topic"})
    assert outside.status_code == 422 and outside.json()["errors"][0]["code"] == "redaction_out_of_range"
    client.force_login(factories.UserFactory())
    assert post(client, f"/api/v1/questions/{question.pk}/published-answers", {"text": "useammin"}).status_code == 403
    assert PublishedAnswer.objects.count() == 1


def test_the_author_of_an_identified_answer_is_told_and_an_anonymous_one_cannot_be(
        official, procurement, activity, mailoutbox, django_capture_on_commit_callbacks):
    people = [factories.UserFactory(email=f"p{n}@example.fi") for n in range(5)]
    survey = make_survey(official, activity, mode="identified")
    likert, *_rest, text = keys(survey)
    for number, person in enumerate(people):
        services.submit_response(survey, {likert: 4, text: f"Vastaus numero {number} ja lääkitykseni"}, participant=person)
    question = survey.questions.get(kind="text")
    published = services.publish_answer(official, question, "Vastaus numero 2 ja lääkitykseni")
    assert published.author == people[2]
    with django_capture_on_commit_callbacks(execute=True):
        services.redact_published_answer(official, published, {"start": 20, "end": 32, "reason": "health_information"})
    assert [message.to for message in mailoutbox] == [["p2@example.fi"]]
    _anonymous_survey, anonymous_question = answered(official, activity, ["Aa", "Bb", "Cc", "Dd", "Ee ja muuta"])
    anonymous = services.publish_answer(official, anonymous_question, "Ee ja muuta")
    assert anonymous.author is None
    with django_capture_on_commit_callbacks(execute=True):
        services.redact_published_answer(official, anonymous, {"start": 3, "end": 11, "reason": "off_topic"})
    assert len(mailoutbox) == 1
