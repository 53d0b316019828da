"""Reads for participation pages and the API, with what each page needs fetched up front."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from coprocure.core.models import Phase, Procurement, TargetGroup
from coprocure.domain import equality, privacy, surveys, tables, takepart, translation
from coprocure.domain.errors import DomainError

from . import codes, publication
from .models import (
    ACTIVE, HOLDS_PLACE, LIKERT_LABELS, OTHER_LABEL, Activity, Contribution, ActivityKind, Answer, Channel, Insight, ParticipationPlan, PublishedAnswer, Question,
    QuestionKind, Registration, RegistrationStatus, Setting, Survey, SurveyMode,
)


def plan_of(procurement: Procurement) -> ParticipationPlan | None:
    return ParticipationPlan.objects.select_related("accountable_official").filter(procurement=procurement).first()


def activities_of(procurement: Procurement) -> QuerySet[Activity]:
    return procurement.activities.prefetch_related("surveys").order_by("starts_at", "id")


def insights_of(procurement: Procurement) -> QuerySet[Insight]:
    """Insights with their sources and target groups, for "you said, we did" and the API."""
    return (
        Insight.objects.filter(procurement=procurement)
        .select_related("activity", "question")
        # What each insight became: the objectives that answer it and their quality criteria.
        .prefetch_related("target_groups", "objectives__criteria")
        .order_by("created_at", "id")
    )




def published_answers_of(procurement: Procurement) -> QuerySet[PublishedAnswer]:
    """Answers chosen for publication with their question, for "you said, we did", the API and exports."""
    return (PublishedAnswer.objects.filter(question__survey__activity__procurement=procurement)
            .select_related("question__survey").order_by("question__survey_id", "question__ordering", "question_id",
                                                           "chosen_at", "id"))


def registration_of(activity: Activity, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return activity.registrations.filter(participant=user, status__in=ACTIVE).first()


def waiting_position(registration: Registration) -> int:
    """1 for the first in line."""
    return registration.activity.registrations.filter(
        status=RegistrationStatus.WAITING, created_at__lte=registration.created_at,
    ).exclude(created_at=registration.created_at, pk__gt=registration.pk).count()


def roster(activity: Activity) -> QuerySet[Registration]:
    return (activity.registrations.filter(status__in=ACTIVE).select_related("participant")
            .order_by("status", "created_at", "id"))


def contributions_of(procurement: Procurement) -> QuerySet:
    return (Contribution.objects.filter(activity__procurement=procurement)
            .select_related("activity", "person").order_by("activity__starts_at", "activity_id", "person__last_name", "id"))


def contributions_at(activity: Activity) -> QuerySet[Contribution]:
    return activity.contributions.select_related("person")


def attended_count(activity: Activity) -> int:
    return activity.registrations.filter(attended=True).count()


def target_groups() -> dict[str, TargetGroup]:
    return {group.code: group for group in TargetGroup.objects.all()}


def is_open(survey: Survey) -> bool:
    return surveys.is_open(survey.opens_at, survey.closes_at, timezone.now())


def _lines(value, language: str) -> list[str]:
    text = translation.resolve(value, language).text
    return [line.strip() for line in text.splitlines() if line.strip()]


def choice_values(question: Question) -> list[str]:
    return [str(number) for number in range(1, len(_lines(question.choices, translation.SOURCE_LANGUAGE)) + 1)]


def choice_labels(question: Question, language: str | None = None) -> list[tuple[str, str]]:
    """(value, label) pairs in the reader's language, Finnish when a translation lacks lines."""
    source = _lines(question.choices, translation.SOURCE_LANGUAGE)
    labels = _lines(question.choices, language or get_language() or translation.SOURCE_LANGUAGE)
    if len(labels) != len(source):
        labels = source
    return [(str(number), label) for number, label in enumerate(labels, start=1)]


ALL_CHANNELS = "all"


def _shown(count: int, k: int) -> int | None:
    return count if count == 0 or privacy.reaches_k(count, k) else None


def _answer_labels(question: Question) -> list[tuple[str, str]]:
    if question.kind == QuestionKind.LIKERT:
        return [(str(n), str(label)) for n, label in LIKERT_LABELS]
    return choice_labels(question) + ([(surveys.OTHER, str(OTHER_LABEL))] if question.allow_other else [])


def _choice_counts(values: list) -> Counter:
    counts: Counter = Counter()
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            counts[str(item["choice"]) if isinstance(item, dict) else str(item)] += 1
    return counts


def _choice_row(question: Question, values: dict[str, list], k: int, hidden_channels: frozenset) -> dict:
    """One choice question as a table of channels × answers, suppressed as one table so that
    a count hidden in a channel cannot be worked out from the "all channels" figures.

    A channel whose number of answers is hidden in the channel table shows nothing here. A row
    whose total had to be hidden shows none of its counts either: for a required question the
    total equals that channel's number of answers, which the channel table may show."""
    labels = _answer_labels(question)
    rows = [ALL_CHANNELS, *Channel.values]
    counts = {row: _choice_counts(values.get(row, [])) for row in rows}
    cells = {(row, value): counts[row].get(value, 0) for row in rows for value, _label in labels}
    lines = [[(row, value) for value, _label in labels] for row in rows]
    lines += [[(row, value) for row in rows] for value, _label in labels]
    table = tables.suppress_table(cells, lines, k)
    # A multiple-choice row does not add up to the people who answered, so its total gives nothing away.
    adds_up = question.kind != QuestionKind.MULTIPLE

    closed = {row for index, row in enumerate(rows) if (adds_up and index in table.hidden_totals) or row in hidden_channels}

    def answered(row: str) -> int | None:
        return None if row in closed else _shown(len(values.get(row, [])), k)

    def row_cells(row: str) -> list[dict]:
        return [{"value": value, "label": label,
                 "count": cells[(row, value)] if row not in closed and table.shows((row, value)) else None}
                for value, label in labels]

    channel_labels = dict(Channel.choices)
    return {
        "answered": answered(ALL_CHANNELS),
        "cells": row_cells(ALL_CHANNELS),
        "channels": [{"code": code, "label": channel_labels[code], "answered": answered(code), "cells": row_cells(code)}
                     for code in rows if code != ALL_CHANNELS],
    }


def results(survey: Survey) -> dict:
    """Counts per question, per choice and per channel, with groups under k hidden."""
    k = survey.k_threshold
    answers = Answer.objects.filter(response__survey=survey).values_list("question_id", "response__channel", "value")
    by_question: dict[int, dict[str, list]] = {}
    for question_id, channel, value in answers:
        per_channel = by_question.setdefault(question_id, {})
        per_channel.setdefault(ALL_CHANNELS, []).append(value)
        per_channel.setdefault(channel, []).append(value)
    channels = dict(survey.responses.values_list("channel").annotate(n=Count("pk")).order_by())
    channel_counts = {code: channels.get(code, 0) for code in Channel.values}
    channel_suppression = privacy.suppress(channel_counts, k)
    hidden_channels = frozenset(channel_suppression.hidden)
    total = sum(channel_counts.values())
    rows = []
    for question in survey.questions.all():
        values = by_question.get(question.pk, {})
        everyone = values.get(ALL_CHANNELS, [])
        row = {"question": question, "answered": _shown(len(everyone), k)}
        if question.kind in {QuestionKind.LIKERT, QuestionKind.SINGLE, QuestionKind.MULTIPLE}:
            row.update(_choice_row(question, values, k, hidden_channels))
        elif question.kind == QuestionKind.NUMBER and privacy.reaches_k(len(everyone), k):
            row["mean"] = sum(everyone) / len(everyone)
        elif question.kind == QuestionKind.TEXT and privacy.reaches_k(len(everyone), k):
            # In a fixed order (not the rows' order, which follows time until they are mixed).
            row["texts"] = sorted(everyone, key=str)
        rows.append(row)
    return {
        "k": k,
        "total": total if total == 0 or privacy.reaches_k(total, k) else None,
        "channels": [
            {"code": code, "label": label, "count": channel_counts[code] if channel_suppression.shows(code) else None}
            for code, label in Channel.choices
        ],
        "questions": rows,
    }


# The chart's geometry, in SVG user units.
CHART_WIDTH = 600
CHART_LABEL_WIDTH = 220
CHART_ROW_HEIGHT = 48


def _percent(value) -> float | None:
    return None if value is None else round(float(value) * 100, 1)


def _view(result: equality.Monitor, groups: dict, k: int) -> dict:
    kinds, settings = dict(ActivityKind.choices), dict(Setting.choices)
    plot = CHART_WIDTH - CHART_LABEL_WIDTH - 60
    rows = []
    for figure in result.groups:
        share, reference = _percent(figure.share), _percent(figure.reference_share)
        rows.append({
            "code": figure.group, "label": str(groups.get(figure.group, figure.group)),
            "participants": figure.participants, "share": share, "reference_share": reference,
            "ratio": None if figure.ratio is None else round(float(figure.ratio), 2), "flagged": figure.flagged,
            "suggestion": figure.suggestion and {"kind": kinds.get(figure.suggestion[0]),
                                                 "setting": settings.get(figure.suggestion[1])},
            "bar": round(plot * (share or 0) / 100), "reference_bar": round(plot * (reference or 0) / 100),
        })
    for index, row in enumerate(rows):
        row["y"] = index * CHART_ROW_HEIGHT
    return {
        "groups": rows, "total": result.total, "k": k,
        "unstated": result.unstated,
        "height": max(len(rows), 1) * CHART_ROW_HEIGHT, "width": CHART_WIDTH, "label_width": CHART_LABEL_WIDTH,
        "any_flagged": any(row["flagged"] for row in rows),
    }


def equality_monitor(plan: ParticipationPlan | None, figures: publication.Figures) -> dict:
    """The equality monitor per phase and over the whole procurement, from ``figures``: the
    publication's on public pages, the live ones (``published_at`` None) only for staff."""
    k = plan.k_threshold if plan else privacy.DEFAULT_K
    reference = plan.reference_percentages() if plan else {}
    groups = target_groups()
    overall, phases = equality.by_phase(figures.counts, figures.unstated, reference, k)
    labels = dict(Phase.choices)
    return {
        "overall": _view(overall, groups, k),
        "phases": [{"code": code, "label": labels[code], **_view(phases[code], groups, k)}
                   for code in labels if code in phases],
        "has_reference": bool(reference),
        "live": figures.published_at is None, "published_at": figures.published_at,
    }


def printable_questions(survey: Survey, language: str) -> list[dict]:
    """The questions with their choices in ``language``, for the paper form."""
    rows = []
    for question in survey.questions.all():
        choices = [label for _value, label in choice_labels(question, language)]
        rows.append({"question": question, "text": translation.resolve(question.text, language).text,
                     "help": translation.resolve(question.help, language).text, "choices": choices})
    return rows


def _visible(queryset: QuerySet, user, pk: int, procurement_of):
    """The object, or 404 alike for a missing one and one this person may not see, so that a
    private procurement's participation is not revealed."""
    found = queryset.filter(pk=pk).first()
    if found is None or not user.has_perm("participation.view", procurement_of(found)):
        raise Http404
    return found


def _survey_page_data() -> QuerySet:
    return (Survey.objects.select_related("activity__procurement__authority")
            .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("ordering", "id"))))


def visible_survey(user, pk: int) -> Survey:
    """The survey's page data: its procurement and its questions in order."""
    return _visible(_survey_page_data(), user, pk, lambda survey: survey.procurement)


def survey_to_answer(pk: int) -> Survey | None:
    """The survey with its page data, not yet checked for anyone."""
    return _survey_page_data().filter(pk=pk).first()


def answers_without_caller(survey: Survey) -> bool:
    """Whether answering this survey asks nothing of the caller: an anonymous survey of a
    public procurement, which anyone may see, is answered without looking at a session or a
    token, so nothing about the sender is even read."""
    return survey.mode == SurveyMode.ANONYMOUS and survey.procurement.is_public


def answering_survey(request, pk: int, found: Survey | None = None) -> Survey:
    """The survey for the answering page and API, 404 alike for a missing one and one the
    caller may not see. ``found`` is the survey already loaded by ``survey_to_answer``."""
    survey = found if found is not None else survey_to_answer(pk)
    if survey is None:
        raise Http404
    viewer = AnonymousUser() if answers_without_caller(survey) else request.user
    if not viewer.has_perm("participation.view", survey.procurement):
        raise Http404
    return survey


def visible_activity(user, pk: int) -> Activity:
    return _visible(Activity.objects.select_related("procurement"), user, pk, lambda activity: activity.procurement)


def visible_insight(user, pk: int) -> Insight:
    return _visible(Insight.objects.select_related("procurement__authority", "activity", "question"), user, pk,
                    lambda insight: insight.procurement)


def visible_question(user, pk: int) -> Question:
    return _visible(Question.objects.select_related("survey__activity__procurement"), user, pk,
                    lambda question: question.survey.procurement)


def visible_published_answer(user, pk: int) -> PublishedAnswer:
    return _visible(PublishedAnswer.objects.select_related("question__survey__activity__procurement"), user, pk,
                    lambda published: published.question.survey.procurement)


def registration_by_link(token: str) -> Registration:
    """The sign-up that a link sent to its contact names; a forged or altered link is 404."""
    try:
        pk = codes.read_registration_link(token)
    except DomainError:
        raise Http404 from None
    return get_object_or_404(Registration.objects.select_related("activity__procurement", "participant"), pk=pk)


def places_left(activity: Activity) -> int | None:
    """Free places now (None: no limit). An offered place is taken while it waits for its answer."""
    if activity.capacity is None:
        return None
    return takepart.places_left(activity.capacity, activity.registrations.filter(status__in=HOLDS_PLACE).count())


def own_registration(user, pk: int) -> Registration:
    """One's own sign-up; anyone else's is 404, as if it did not exist."""
    registration = Registration.objects.select_related("activity__procurement").filter(pk=pk, participant=user).first()
    if registration is None:
        raise Http404
    return registration
