from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.errors import ServiceError
from coprocure.participation import services
from coprocure.participation.models import Answer, ParticipationPlan, Response, SpentAnswerToken

from .. import factories
from .conftest import keys, make_survey


def good(survey):
    likert, single, multiple, number, free = keys(survey)
    return {likert: 4, single: {"choice": "other", "text": "Pyörällä"}, multiple: ["1", "3"], number: 3,
            free: "Soita minulle 040 123 4567, hetu 131052-308T"}


def test_a_full_answer_is_stored_with_personal_data_removed(survey):
    response = services.submit_response(survey, good(survey))
    assert response.answered_on == timezone.localdate()
    free = Answer.objects.get(response=response, question__kind="text")
    assert free.value == "Soita minulle [puhelinnumero poistettu], hetu [henkilötunnus poistettu]"
    assert free.redacted
    assert Answer.objects.filter(response=response).count() == 5


@pytest.mark.parametrize("change,field,code", [
    (lambda a, k: a.pop(k[0]), 0, "answer_required"),
    (lambda a, k: a.update({k[0]: "hyvä"}), 0, "answer_wrong_type"),
    (lambda a, k: a.update({k[1]: "3"}), 1, "answer_not_a_choice"),
    (lambda a, k: a.update({k[3]: 51}), 3, "answer_out_of_range"),
    (lambda a, k: a.update({k[4]: "x" * 1_000_000}), 4, "answer_too_long"),
    (lambda a, k: a.update({"q999999": 1}), None, "answer_unknown_question"),
])
def test_bad_input_is_refused_and_nothing_is_stored(survey, change, field, code):
    answers = good(survey)
    change(answers, keys(survey))
    with pytest.raises(ServiceError) as raised:
        services.submit_response(survey, answers)
    expected_field = "q999999" if field is None else keys(survey)[field]
    assert raised.value.status == 422
    assert [c for c, _m in raised.value.errors[expected_field]] == [code]
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_all_mistakes_are_reported_at_once(survey):
    likert, single, *_rest = keys(survey)
    with pytest.raises(ServiceError) as raised:
        services.submit_response(survey, {single: "9"})
    assert set(raised.value.errors) == {likert, single}


def test_closed_survey_refuses_answers(official, activity):
    closed = make_survey(official, activity, closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ServiceError) as raised:
        services.submit_response(closed, {keys(closed)[0]: 3})
    assert raised.value.status == 409
    assert list(raised.value.errors) == [None]
    assert not Response.objects.exists()


def test_a_token_works_once(survey):
    token = services.issue_token(survey)
    services.submit_response(survey, good(survey), token=token)
    with pytest.raises(ServiceError) as raised:
        services.submit_response(survey, good(survey), token=token)
    assert raised.value.status == 409 and [c for c, _m in raised.value.errors["token"]] == ["token_used"]
    assert Response.objects.count() == 1
    assert SpentAnswerToken.objects.get().survey == survey


def test_a_failed_token_check_stores_nothing_and_a_failed_answer_keeps_the_token(survey):
    token = services.issue_token(survey)
    with pytest.raises(ServiceError):
        services.submit_response(survey, {}, token=token)
    assert not SpentAnswerToken.objects.exists()  # the person can correct and send again
    with pytest.raises(ServiceError) as raised:
        services.submit_response(survey, good(survey), token="made-up")
    assert raised.value.status == 400 and [c for c, _m in raised.value.errors["token"]] == ["token_invalid"]
    assert not Response.objects.exists() and not SpentAnswerToken.objects.exists()
    services.submit_response(survey, good(survey), token=token)
    assert Response.objects.count() == 1


def test_anonymous_answers_leave_no_audit_entry(survey):
    before = AuditEntry.objects.count()
    services.submit_response(survey, good(survey))
    assert AuditEntry.objects.count() == before


def test_paper_and_phone_answers_are_entered_by_staff(survey, official):
    with pytest.raises(ServiceError) as raised:
        services.submit_response(survey, good(survey), channel="paper")
    assert [c for c, _m in raised.value.errors["channel"]] == ["channel_needs_staff"]
    outsider = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        services.submit_response(survey, good(survey), channel="phone", entered_by=outsider)
    response = services.submit_response(survey, good(survey), channel="phone", entered_by=official)
    assert response.channel == "phone"


def test_identified_survey_links_the_participant_and_needs_an_account(official, activity):
    panel = make_survey(official, activity, mode="identified")
    with pytest.raises(ServiceError) as raised:
        services.submit_response(panel, good(panel))
    assert raised.value.status == 403
    member = factories.UserFactory()
    response = services.submit_response(panel, good(panel), participant=member, background={"age_band": "65_74"})
    assert (response.participant, response.age_band) == (member, "65_74")


def test_background_snapshot_is_checked(survey):
    with pytest.raises(ServiceError) as raised:
        services.submit_response(survey, good(survey), background={"target_group": "aliens", "age_band": "200"})
    assert set(raised.value.errors) == {"target_group", "age_band"}


def test_staff_plan_is_audited_and_accountability_follows_the_core_rule(official, staff, procurement):
    with pytest.raises(ServiceError) as raised:
        services.save_plan(official, procurement, {
            "aims": ["better_services"], "participant_roles": factories.text("Asiakkaat"),
            "methods": factories.text("Kysely"), "phases": ["preparation"], "accountable_official": staff,
        })
    assert [c for c, _m in raised.value.errors["accountable_official"]] == ["accountable_not_official"]
    plan = services.save_plan(official, procurement, {
        "aims": ["better_services"], "participant_roles": factories.text("Asiakkaat"),
        "methods": factories.text("Kysely"), "phases": ["preparation"], "accountable_official": official,
    })
    assert ParticipationPlan.objects.get().accountable_official == official
    assert AuditEntry.objects.filter(action="participation.plan_save", object_id=str(plan.pk)).exists()


def test_only_the_procurements_staff_manage_participation(procurement):
    stranger = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    with pytest.raises(PermissionDenied):
        services.create_activity(stranger, procurement, {"kind": "seminar", "phase": "preparation",
                                                         "title": factories.text("Seminaari")})


def test_questions_cannot_be_added_after_answers(survey, official):
    services.submit_response(survey, good(survey))
    with pytest.raises(ServiceError) as raised:
        services.add_question(official, survey, {"kind": "text", "text": factories.text("Uusi")})
    assert raised.value.status == 409


def test_staff_open_a_ready_survey_now_and_close_it_and_both_are_audited(client, official, activity):
    later = timezone.now() + timedelta(days=30)
    survey = make_survey(official, activity, opens_at=later, closes_at=None)
    likert = keys(survey)[0]
    with pytest.raises(ServiceError) as closed:
        services.submit_response(survey, {likert: 3})
    assert closed.value.status == 409
    services.open_survey(official, survey)
    services.submit_response(survey, {likert: 3})
    services.close_survey(official, survey)
    with pytest.raises(ServiceError):
        services.submit_response(survey, {likert: 4})
    assert Response.objects.count() == 1
    actions = list(AuditEntry.objects.filter(action__in=["participation.survey_open", "participation.survey_close"])
                   .values_list("action", flat=True).order_by("id"))
    assert actions == ["participation.survey_open", "participation.survey_close"]
    client.force_login(official)
    reopened = client.post(f"/api/v1/surveys/{survey.pk}/open", content_type="application/json")
    assert reopened.status_code == 200 and reopened.json()["is_open"] and reopened.json()["closes_at"] is None


def test_an_empty_survey_cannot_be_opened_and_others_cannot_open_or_close(client, official, activity):
    empty = services.create_survey(official, activity, {"title": factories.text("Tyhjä"), "mode": "anonymous",
                                                         "opens_at": timezone.now() + timedelta(days=1)})
    with pytest.raises(ServiceError) as refused:
        services.open_survey(official, empty)
    assert refused.value.status == 409 and "survey_has_no_questions" in str(refused.value.errors)
    outsider = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        services.close_survey(outsider, make_survey(official, activity))
    client.force_login(official)
    page = client.post(f"/surveys/{empty.pk}/open/", follow=True).content.decode()
    assert "Lisää ainakin yksi kysymys ennen kuin avaat kyselyn." in page
