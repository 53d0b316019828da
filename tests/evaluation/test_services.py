"""Making an experience survey from the template and keeping the self-assessment: through
the services, the pages and the API, with permissions, bad input and the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied

from coprocure.audit.models import AuditEntry
from coprocure.core import services as core
from coprocure.domain.evaluation import EXPERIENCE_ITEMS
from coprocure.errors import ServiceError
from coprocure.evaluation import services
from coprocure.evaluation.models import ExperienceSurvey, SelfAssessment

from .. import factories


def test_the_template_makes_an_anonymous_survey_in_three_languages(official, procurement):
    experience = services.create_experience_survey(official, procurement, "preparation", "before")
    survey = experience.survey
    assert survey.mode == "anonymous" and survey.activity.procurement == procurement
    questions = list(survey.questions.order_by("ordering"))
    assert [q.kind for q in questions] == ["likert"] * len(EXPERIENCE_ITEMS)
    assert [q.text["sv"]["text"] for q in questions] == [item.text["sv"] for item in EXPERIENCE_ITEMS]
    assert experience.items == {str(q.pk): item.code for q, item in zip(questions, EXPERIENCE_ITEMS)}
    assert AuditEntry.objects.filter(action="evaluation.experience_survey_create").count() == 1


def test_one_survey_per_phase_and_round(official, procurement):
    services.create_experience_survey(official, procurement, "preparation", "during")
    with pytest.raises(ServiceError) as error:
        services.create_experience_survey(official, procurement, "preparation", "during")
    assert error.value.status == 409
    services.create_experience_survey(official, procurement, "preparation", "after")
    assert ExperienceSurvey.objects.count() == 2


def test_bad_phase_or_round_is_refused_with_its_field(official, procurement):
    for phase, round_, field in (("closed", "during", "phase"), ("preparation", "later", "round")):
        with pytest.raises(ServiceError) as error:
            services.create_experience_survey(official, procurement, phase, round_)
        assert field in error.value.errors


def test_only_the_procurements_staff_make_surveys_and_nothing_after_closing(official, procurement):
    expert = factories.UserFactory()
    core.assign_role(official, procurement, expert, "expert_by_experience")
    with pytest.raises(PermissionDenied):
        services.create_experience_survey(expert, procurement, "preparation", "before")
    procurement.phase = "closed"
    procurement.save()
    with pytest.raises(PermissionDenied):
        services.create_experience_survey(official, procurement, "contract", "after")


def test_the_self_assessment_is_kept_audited_and_notes_lose_personal_data(official, procurement):
    services.save_self_assessment(official, procurement, {
        "aim": {"rating": "yes", "note": "Soita 040 123 4567"}, "roles": {"rating": "", "note": ""},
    })
    services.save_self_assessment(official, procurement, {"aim": {"rating": "partly", "note": ""}})
    saved = SelfAssessment.objects.get(procurement=procurement)
    assert saved.answers == {"aim": {"rating": "partly", "note": ""}}
    entries = list(AuditEntry.objects.filter(action="evaluation.self_assessment_save").order_by("id"))
    assert len(entries) == 2
    assert "040" not in str(entries[0].after) and "[puhelinnumero poistettu]" in str(entries[0].after)


def test_unknown_criteria_and_ratings_are_refused(official, procurement):
    for answers in ({"nothing": {"rating": "yes"}}, {"aim": {"rating": "maybe"}}):
        with pytest.raises(ServiceError):
            services.save_self_assessment(official, procurement, answers)


def test_the_pages_make_a_survey_and_save_the_self_assessment(client, official, procurement):
    client.force_login(official)
    assert client.get(f"/procurements/{procurement.pk}/evaluation/experience-surveys/new/").status_code == 200
    response = client.post(f"/procurements/{procurement.pk}/evaluation/experience-surveys/new/",
                           {"phase": "preparation", "round": "before"})
    assert response.status_code == 302
    again = client.post(f"/en/procurements/{procurement.pk}/evaluation/experience-surveys/new/",
                        {"phase": "preparation", "round": "before"})
    assert again.status_code == 422 and "already has an experience survey" in again.content.decode()
    assert client.post(f"/procurements/{procurement.pk}/evaluation/experience-surveys/new/", {}).status_code == 422
    response = client.post(f"/procurements/{procurement.pk}/evaluation/self-assessment/",
                           {"aim": "yes", "aim_note": "Tavoite kirjattiin suunnitelmaan.", "roles": "no"})
    assert response.status_code == 302
    report = client.get(f"/en/procurements/{procurement.pk}/evaluation/").content.decode()
    assert "Tavoite kirjattiin suunnitelmaan." in report
    assert client.post(f"/procurements/{procurement.pk}/evaluation/self-assessment/", {"aim": "maybe"}).status_code == 422


def test_the_api_makes_a_survey_and_saves_the_self_assessment(client, official, procurement):
    client.force_login(official)
    url = f"/api/v1/procurements/{procurement.pk}/evaluation"
    response = client.post(f"{url}/experience-surveys", {"phase": "tendering", "round": "during"},
                           content_type="application/json")
    assert response.status_code == 201
    assert sorted(response.json()["questions"].values()) == sorted(item.code for item in EXPERIENCE_ITEMS)
    conflict = client.post(f"{url}/experience-surveys", {"phase": "tendering", "round": "during"},
                           content_type="application/json")
    assert conflict.status_code == 409
    bad = client.post(f"{url}/experience-surveys", {"phase": "x", "round": "during"}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "phase"
    saved = client.put(f"{url}/self-assessment", {"answers": {"metrics": {"rating": "partly", "note": "Kaksi mittaria."}}},
                       content_type="application/json")
    assert saved.status_code == 200 and saved.json()["answers"]["metrics"]["rating"] == "partly"
    assert client.get(url).json()["self_assessment"]["metrics"] == "partly"
    wrong = client.put(f"{url}/self-assessment", {"answers": {"nope": {"rating": "yes"}}}, content_type="application/json")
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "nope"
    bad_rating = client.put(f"{url}/self-assessment", {"answers": {"aim": {"rating": "maybe"}}},
                            content_type="application/json")
    assert bad_rating.status_code == 422
