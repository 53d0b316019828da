"""User-reported indicators: rounds of a short recurring survey whose period mean is the value."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Avg, Count, DecimalField
from django.db.models.functions import Cast
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import disclosure, reporting, spreadsheet
from coprocure.domain.errors import DomainError
from coprocure.participation import services as participation
from coprocure.participation.models import Answer, Question, QuestionKind, Survey

from ..models import DataSource, Indicator, Measurement, SurveyRound
from ._common import refuse
from .invitations import check_figure


# Answers are stored as JSON; a Likert answer is a whole number from 1 to 5.
LIKERT_NUMBER = DecimalField(max_digits=9, decimal_places=4)
QUESTION_FIELDS = ("kind", "text", "help", "required", "choices", "allow_other", "minimum", "maximum", "ordering")


def _survey_indicator(actor: User, indicator: Indicator) -> Indicator:
    indicator = Indicator.objects.select_for_update().select_related("kra__contract__procurement").get(pk=indicator.pk)
    require(actor, "contracts.manage", indicator.kra.contract.procurement)
    if indicator.data_source != DataSource.SURVEY:
        raise refuse(DomainError("indicator_not_survey", "question"), status=409)
    return indicator


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def link_survey_question(actor: User, indicator: Indicator, data: dict) -> SurveyRound:
    """Make a Likert question of one of the procurement's surveys the first round of a
    user-reported indicator, for the period that ``period_start`` falls in."""
    indicator = _survey_indicator(actor, indicator)
    question: Question = data["question"]
    if question.kind != QuestionKind.LIKERT:
        raise refuse(DomainError("survey_question_not_likert", "question"))
    if question.survey.activity.procurement_id != indicator.kra.contract.procurement_id:
        raise refuse(DomainError("survey_other_procurement", "question"))
    if indicator.survey_rounds.exists():
        raise refuse(DomainError("survey_round_exists", "question"), status=409)
    period = spreadsheet.period_of(data["period_start"], indicator.frequency)
    survey_round = SurveyRound.objects.create(indicator=indicator, survey=question.survey, question=question,
                                              period_start=period.start, period_end=period.end)
    Survey.objects.filter(pk=question.survey_id).update(by_invitation=True)
    audit.record(actor, "contracts.survey_link", indicator, None,
                 {"question": question.pk, "period_start": period.start})
    return survey_round


@transaction.atomic
def open_next_round(actor: User, indicator: Indicator) -> SurveyRound:
    """Copy the latest round's survey, with all its questions, for the next period: the same
    short survey again, open from the first to the last day of that period."""
    indicator = _survey_indicator(actor, indicator)
    contract = indicator.kra.contract
    last = indicator.survey_rounds.select_related("survey__activity").order_by("-period_start").first()
    if last is None:
        raise refuse(DomainError("survey_round_none", "question"), status=409)
    period = spreadsheet.period_of(last.period_end + timedelta(days=1), indicator.frequency)
    if period.start > contract.ends_on:
        raise refuse(DomainError("survey_round_after_contract"), status=409)
    previous = last.survey
    copy = participation.create_survey(actor, previous.activity, {
        "title": previous.title, "intro": previous.intro, "mode": previous.mode, "k_threshold": previous.k_threshold,
        "opens_at": _day_start(period.start), "closes_at": _day_start(period.end + timedelta(days=1)),
    })
    question = None
    for original in previous.questions.all():
        added = participation.add_question(actor, copy, {name: getattr(original, name) for name in QUESTION_FIELDS})
        if original.pk == last.question_id:
            question = added
    survey_round = SurveyRound.objects.create(indicator=indicator, survey=copy, question=question,
                                              period_start=period.start, period_end=period.end)
    Survey.objects.filter(pk=copy.pk).update(by_invitation=True)
    audit.record(actor, "contracts.survey_round_open", indicator, None,
                 {"survey": copy.pk, "question": question.pk, "period_start": period.start})
    return survey_round


def survey_measurement(indicator: Indicator, period: spreadsheet.Period) -> reporting.SurveyValue:
    """The period's value from the answers to the indicator's round questions dated in the
    period that came with an invitation code (never the open link's), averaged in the database;
    no value below the privacy threshold."""
    result = Answer.objects.filter(
        question__indicator_rounds__indicator=indicator, response__invited=True,
        response__answered_on__gte=period.start, response__answered_on__lte=period.end,
    ).aggregate(answers=Count("pk"), mean=Avg(Cast("value", LIKERT_NUMBER)))
    return reporting.survey_value(result["answers"], result["mean"])


def _period_counts(indicator: Indicator, period: spreadsheet.Period) -> dict[int, int]:
    """Answers per point of the scale, as the round survey's results page counts them."""
    rows = (Answer.objects.filter(question__indicator_rounds__indicator=indicator,
                                  response__answered_on__gte=period.start, response__answered_on__lte=period.end)
            .values("value").annotate(n=Count("pk")).order_by())
    counts = dict.fromkeys(range(1, 6), 0)
    for row in rows:
        counts[int(row["value"])] += row["n"]
    return counts


@transaction.atomic
def record_survey_measurement(actor: User, indicator: Indicator, data: dict) -> Measurement:
    """Store the period's survey value as the indicator's measurement, or refuse with the
    number of answers when there are too few to show."""
    indicator = _survey_indicator(actor, indicator)
    contract = indicator.kra.contract
    period = spreadsheet.period_of(data["period_start"], indicator.frequency)
    if period.end >= timezone.localdate():
        raise refuse(DomainError("survey_period_not_ended", "period_start"), status=409)
    if period.end < contract.starts_on or period.start > contract.ends_on:
        raise refuse(DomainError("upload_period_outside_contract", "period_start"))
    if indicator.measurements.filter(period_start=period.start).exists():
        raise refuse(DomainError("upload_duplicate_period", "period_start"), status=409)
    check_figure(indicator, period.start)
    value = survey_measurement(indicator, period)
    if value.suppressed:
        raise refuse(DomainError("survey_too_few_answers", "period_start",
                                  {"answers": value.answers, "k": value.k}), status=409)
    # The round survey's results page shows the same answers' counts, suppressed under k: the
    # mean is one more equation about them and must not pin a hidden count down.
    if not disclosure.mean_publishable(_period_counts(indicator, period), value.k):
        raise refuse(DomainError("survey_mean_would_reveal", "period_start"), status=409)
    measurement = Measurement.objects.create(indicator=indicator, period_start=period.start, period_end=period.end,
                                             value=value.value, source="survey", reported_by=actor)
    audit.record(actor, "contracts.survey_measure", indicator, None,
                 {"period_start": period.start, "value": measurement.value, "answers": value.answers})
    return measurement
