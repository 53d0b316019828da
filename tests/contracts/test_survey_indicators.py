"""User-reported indicators: a Likert question of a recurring survey gives each period's value,
computed in the database, and nothing below the privacy threshold."""

from datetime import date
from decimal import Decimal

import pytest

from coprocure.contracts import services
from coprocure.contracts.models import Measurement, SurveyRound
from coprocure.domain import privacy
from coprocure.domain.spreadsheet import Period
from coprocure.errors import ServiceError
from coprocure.participation import selectors, services as participation
from coprocure.participation.models import Response, Survey

from ..adversary import hidden_cells, solve
from ..factories import text


@pytest.fixture
def rated(official, contract):
    kra = services.add_kra(official, contract, {"name": text("Asiakaskokemus"), "description": {}, "weight": "0.5"})
    return services.add_indicator(official, kra, {
        "code": "arvio", "name": text("Asiakkaiden arvio"), "unit": "score", "direction": "higher_is_better",
        "baseline": None, "minimum": 3, "target": 4, "excellent": 5, "frequency": "monthly", "data_source": "survey",
        "reported_by": None,
    })


@pytest.fixture
def likert(official, contract):
    activity = participation.create_activity(official, contract.procurement, {
        "kind": "survey", "phase": "contract", "title": text("Kuukausikysely"), "setting": "online"})
    survey = participation.create_survey(official, activity, {"title": text("Miten sait apua?"), "mode": "anonymous"})
    question = participation.add_question(official, survey, {"kind": "likert", "required": True,
                                                             "text": text("Miten hyvin sait apua?")})
    participation.add_question(official, survey, {"kind": "text", "text": text("Mitä muuta?")})
    return question


def answer(question, scores, on: date):
    """Answers that came with invitation codes (tests/contracts/test_invitations.py issues real
    ones): only those count for the indicator."""
    for score in scores:
        response = participation.submit_response(question.survey, {question.key: score}, invited=True)
        Response.objects.filter(pk=response.pk).update(answered_on=on)


def test_the_value_is_the_mean_of_the_periods_answers_and_hidden_below_k(official, rated, likert):
    services.link_survey_question(official, rated, {"question": likert, "period_start": date(2025, 3, 10)})
    january, march = Period(date(2025, 1, 1), date(2025, 1, 31)), Period(date(2025, 3, 1), date(2025, 3, 31))
    answer(likert, [5, 5, 5, 5, 5], date(2025, 1, 20))  # another month: not counted in March
    answer(likert, [4, 2, 5, 3], date(2025, 3, 5))
    few = services.survey_measurement(rated, march)
    assert few.suppressed and few.answers == 4 == privacy.DEFAULT_K - 1
    answer(likert, [4, 4], date(2025, 3, 31))
    result = services.survey_measurement(rated, march)
    assert (result.answers, result.value) == (6, Decimal("3.6667"))
    assert services.survey_measurement(rated, january).value == 5


def test_storing_a_period_refuses_too_few_answers_and_keeps_nothing(official, rated, likert):
    services.link_survey_question(official, rated, {"question": likert, "period_start": date(2025, 3, 1)})
    answer(likert, [4, 4, 4], date(2025, 3, 5))
    with pytest.raises(ServiceError) as refused:
        services.record_survey_measurement(official, rated, {"period_start": date(2025, 3, 1)})
    assert refused.value.status == 409 and "survey_too_few_answers" in str(refused.value.errors)
    assert "3" in str(refused.value.errors) and not Measurement.objects.exists()
    answer(likert, [5, 5], date(2025, 3, 6))
    # Three 4s and two 5s: both counts are hidden on the results page, and the mean 4.4 with
    # the five answers would tell them.
    with pytest.raises(ServiceError) as revealing:
        services.record_survey_measurement(official, rated, {"period_start": date(2025, 3, 1)})
    assert revealing.value.status == 409 and "survey_mean_would_reveal" in str(revealing.value.errors)
    assert not Measurement.objects.exists()
    answer(likert, [4, 4, 5, 5, 5], date(2025, 3, 7))
    stored = services.record_survey_measurement(official, rated, {"period_start": date(2025, 3, 17)})
    assert (stored.period_start, stored.value, stored.source) == (date(2025, 3, 1), Decimal("4.5"), "survey")
    with pytest.raises(ServiceError) as twice:
        services.record_survey_measurement(official, rated, {"period_start": date(2025, 3, 1)})
    assert twice.value.status == 409


def test_only_a_likert_question_of_this_procurement_links_to_a_survey_indicator(official, contract, rated, likert,
                                                                               indicator):
    free_text = likert.survey.questions.get(kind="text")
    for target, question, code in [(rated, free_text, "survey_question_not_likert"),
                                   (indicator, likert, "indicator_not_survey")]:
        with pytest.raises(ServiceError) as refused:
            services.link_survey_question(official, target, {"question": question, "period_start": date(2025, 1, 1)})
        assert code in str(refused.value.errors)
    assert not SurveyRound.objects.exists()


def test_the_next_round_copies_the_survey_for_the_next_period(official, rated, likert):
    first = services.link_survey_question(official, rated, {"question": likert, "period_start": date(2025, 3, 1)})
    second = services.open_next_round(official, rated)
    assert (second.period_start, second.period_end) == (date(2025, 4, 1), date(2025, 4, 30))
    assert second.survey != first.survey and second.survey.title == first.survey.title
    assert [q.kind for q in second.survey.questions.all()] == ["likert", "text"] and second.question.kind == "likert"
    assert second.survey.opens_at.date() == date(2025, 4, 1) and Survey.objects.count() == 2
    # Answers to either round count in the period they were given (the April 2025 round is
    # reopened here only because the test runs after April 2025).
    Survey.objects.filter(pk=second.survey.pk).update(opens_at=None, closes_at=None)
    answer(second.question, [2, 2, 2, 2, 2], date(2025, 4, 3))
    assert services.survey_measurement(rated, Period(date(2025, 4, 1), date(2025, 4, 30))).value == 2


def test_the_staff_page_shows_rounds_and_stores_a_result(client, official, rated, likert):
    services.link_survey_question(official, rated, {"question": likert, "period_start": date(2025, 3, 1)})
    answer(likert, [3, 4, 5, 4, 4], date(2025, 3, 2))
    assert client.get(f"/indicators/{rated.pk}/survey/").status_code == 302
    client.force_login(official)
    page = client.get(f"/indicators/{rated.pk}/survey/")
    assert page.context["rounds"][0].result.value == 4 and page.context["rounds"][0].ended
    assert client.post(f"/indicators/{rated.pk}/survey/results/", {"period_start": "2025-03-01"}).status_code == 302
    assert Measurement.objects.get(indicator=rated).value == 4
    client.post(f"/indicators/{rated.pk}/survey/next-round/")
    assert rated.survey_rounds.count() == 2


@pytest.mark.parametrize("scores", [[4, 4, 4, 5, 5], [1, 4, 4, 4, 4, 4], [3, 3, 4, 4, 4, 4, 4, 5, 5, 5], [4] * 5 + [5] * 6,
                                    [2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4]])
def test_the_round_results_and_the_stored_mean_together_pin_no_hidden_count(client, official, rated, likert, scores):
    """The attacker reads the round survey's results (the same counts the public results page
    shows) and the indicator's published value, and solves for the hidden counts."""
    services.link_survey_question(official, rated, {"question": likert, "period_start": date(2025, 3, 1)})
    answer(likert, scores, date(2025, 3, 5))
    try:
        stored = services.record_survey_measurement(official, rated, {"period_start": date(2025, 3, 1)})
    except ServiceError as refused:
        assert "survey_mean_would_reveal" in str(refused.errors)
        return
    row = next(r for r in selectors.results(likert.survey)["questions"] if r["question"].pk == likert.pk)
    published = {"answers": len(scores), "mean": round(float(stored.value), 2), "agree": None,
                 "distribution": {cell["value"]: cell["count"] for cell in row["cells"]}}
    found = solve([published])
    for value in hidden_cells(published):
        assert len(found[value]) >= 2, (scores, value, found[value])
