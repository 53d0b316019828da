"""Outcome surveys that cannot be stuffed (issue 17 item 3): only invitation codes feed a
user-reported indicator; the contract's providers can neither answer nor issue codes; bursts
and jumps are flagged and a flagged figure waits for the accountable official."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.contracts import services
from coprocure.contracts.models import FigureFlag, InvitationCode, Measurement
from coprocure.domain.spreadsheet import period_of
from coprocure.errors import ServiceError
from coprocure.participation import services as participation
from coprocure.participation.models import Response

from .. import factories
from ..factories import text


@pytest.fixture
def rated(official, contract):
    kra = services.add_kra(official, contract, {"name": text("Asiakaskokemus"), "description": {}, "weight": "0.5"})
    indicator = services.add_indicator(official, kra, {
        "code": "arvio", "name": text("Asiakkaiden arvio"), "unit": "score", "direction": "higher_is_better",
        "baseline": None, "minimum": 3, "target": 4, "excellent": 5, "frequency": "monthly", "data_source": "survey",
        "reported_by": None})
    activity = participation.create_activity(official, contract.procurement, {
        "kind": "survey", "phase": "contract", "title": text("Kuukausikysely"), "setting": "online"})
    survey = participation.create_survey(official, activity, {"title": text("Miten sait apua?"), "mode": "anonymous"})
    question = participation.add_question(official, survey, {"kind": "likert", "required": True,
                                                             "text": text("Miten hyvin sait apua?")})
    services.link_survey_question(official, indicator, {"question": question, "period_start": timezone.localdate()})
    return indicator


def codes(refused):
    return {code for items in refused.value.errors.values() for code, _message in items}


def this_month(indicator):
    return services.survey_measurement(indicator, period_of(timezone.localdate(), "monthly"))


def test_a_provider_answering_its_own_contracts_survey_20_times_moves_nothing(client, official, rated, provider):
    representative = factories.UserFactory(organisation=provider, position="representative")
    _batch, given = services.issue_codes(official, rated, {"count": 6, "channel": "paper"})
    for code, score in zip(given, (4, 4, 4, 4, 4)):
        services.answer_with_code(code, score)
    before = this_month(rated)
    assert before.value == Decimal(4)
    survey_round = rated.survey_rounds.get()
    token = ApiToken.issue(representative, "t")[1]
    client.force_login(representative)
    survey = survey_round.survey
    for attempt in range(20):
        # The open link: refused, no token and no answer (answers there would count nowhere).
        assert client.get(f"/api/v1/surveys/{survey.pk}/token").json()["errors"][0]["code"] == "survey_by_invitation"
        token = participation.issue_token(survey)
        sent = client.post(f"/api/v1/surveys/{survey.pk}/responses", {"answers": {survey_round.question.key: 5},
                           "token": token}, content_type="application/json")
        assert sent.status_code == 403 and sent.json()["errors"][0]["code"] == "survey_by_invitation"
        # The spare code, tried by the provider's own people: refused, nothing stored.
        response = client.post("/api/v1/outcome-answers", {"code": given[5], "value": 5},
                               content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 403
    assert this_month(rated).value == before.value and this_month(rated).answers == 5
    # The survey's own page says how it is answered and takes nothing either.
    page = client.get(f"/en/surveys/{survey.pk}/")
    assert "answered with the invitation code" in page.content.decode() and 'name="token"' not in page.content.decode()
    assert client.post(f"/en/surveys/{survey.pk}/", {survey_round.question.key: "5"}).status_code == 403
    assert survey.responses.count() == 5
    assert not InvitationCode.objects.get(digest=InvitationCode.digest_of(given[5])).spent
    with pytest.raises((ServiceError, PermissionDenied)):
        services.issue_codes(representative, rated, {"count": 5, "channel": "sms"})


def test_a_code_gives_one_answer_and_a_forged_one_none(client, official, rated):
    _batch, (code,) = services.issue_codes(official, rated, {"count": 1, "channel": "email"})
    answers = Response.objects.count()
    response = client.post("/api/v1/outcome-answers", {"code": "AAAAA-BBBBB", "value": 4},
                           content_type="application/json")
    assert response.status_code == 422 and response.json()["errors"][0]["code"] == "invitation_code_invalid"
    assert client.post("/outcome-answer/", {"code": code.lower(), "value": "4"}).status_code == 302
    again = client.post("/api/v1/outcome-answers", {"code": code, "value": 5}, content_type="application/json")
    assert again.status_code == 409 and again.json()["errors"][0]["code"] == "invitation_code_used"
    assert Response.objects.count() == answers + 1
    assert AuditEntry.objects.filter(action="contracts.invitations_issue").count() == 1


def test_a_burst_from_one_batch_is_flagged_and_the_figure_waits_for_the_official(official, staff, procurement, rated):
    _batch, given = services.issue_codes(official, rated, {"count": 12, "channel": "paper"})
    for code in given:
        services.answer_with_code(code, 5)
    flag = FigureFlag.objects.get(indicator=rated, kind="burst")
    period = period_of(timezone.localdate(), "monthly")
    with pytest.raises(ServiceError) as refused:
        services.check_figure(rated, period.start)
    assert codes(refused) == {"survey_figure_flagged"}
    from coprocure.core import services as core_services
    core_services.assign_role(official, procurement, staff, "staff")
    with pytest.raises(ServiceError):
        services.clear_flag(staff, flag, {"reason": "Tarkistettu."})
    with pytest.raises(ServiceError) as refused:
        services.clear_flag(official, flag, {"reason": " "})
    assert codes(refused) == {"flag_reason_required"}
    services.clear_flag(official, flag, {"reason": "Jaettiin ryhmätilaisuudessa, tarkistettu."})
    services.check_figure(rated, period.start)
    assert AuditEntry.objects.filter(action="contracts.figure_flag_clear").count() == 1


def test_a_sudden_jump_from_the_previous_period_is_flagged(official, rated):
    previous = period_of(timezone.localdate().replace(day=1) - timedelta(days=1), "monthly")
    Measurement.objects.create(indicator=rated, period_start=previous.start, period_end=previous.end,
                               value=Decimal("3.0"), source="survey")
    _batch, given = services.issue_codes(official, rated, {"count": 30, "channel": "paper"})
    for code in given[:5]:
        services.answer_with_code(code, 5)
    assert FigureFlag.objects.get(indicator=rated).kind == "jump"
