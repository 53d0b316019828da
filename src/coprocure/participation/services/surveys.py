"""Surveys: building, opening and closing them, and storing answers, one person's or a batch.

Anonymous responses are stored "unmixed" and released in shuffled batches (``mixing``); the
one-time token of a public channel is a signed value whose nonce is stored when spent
(``tokens``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import surveys
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.core import redaction

from .. import mixing, tokens
from ..models import Activity, Answer, AnswerBatch, Question, Response, Survey, SurveyMode
from ..selectors import choice_values
from ._common import check_background, fail


@transaction.atomic
def create_survey(actor: User, activity: Activity, data: dict) -> Survey:
    require(actor, "participation.manage", activity.procurement)
    survey = Survey.objects.create(activity=activity, **data)
    audit.record(actor, "participation.survey_create", survey, None,
                 {"title": survey.title, "mode": survey.mode, "opens_at": survey.opens_at, "closes_at": survey.closes_at})
    return survey


@transaction.atomic
def add_question(actor: User, survey: Survey, data: dict) -> Question:
    survey = Survey.objects.select_for_update().select_related("activity__procurement").get(pk=survey.pk)
    require(actor, "participation.manage", survey.procurement)
    if survey.responses.exists():
        # Adding a question after people have answered would make earlier answers look incomplete.
        raise ServiceError.from_domain(DomainError("survey_has_answers"), status=409)
    data.setdefault("ordering", survey.questions.count() + 1)
    question = Question.objects.create(survey=survey, **data)
    audit.record(actor, "participation.question_add", question, None,
                 {"survey": survey.pk, "kind": question.kind, "text": question.text, "required": question.required})
    return question


def _survey_times(survey: Survey) -> dict:
    return {"opens_at": survey.opens_at, "closes_at": survey.closes_at}


@transaction.atomic
def open_survey(actor: User, survey: Survey) -> Survey:
    """Open a survey for answers now, for example once its questions are ready. A survey with
    no questions cannot be opened: people would find an empty form."""
    survey = Survey.objects.select_for_update().select_related("activity__procurement").get(pk=survey.pk)
    require(actor, "participation.manage", survey.procurement)
    if not survey.questions.exists():
        raise ServiceError.from_domain(DomainError("survey_has_no_questions"), status=409)
    now = timezone.now()
    if surveys.is_open(survey.opens_at, survey.closes_at, now):
        return survey
    before = _survey_times(survey)
    survey.opens_at = now
    if survey.closes_at is not None and survey.closes_at <= now:
        survey.closes_at = None
    survey.save(update_fields=["opens_at", "closes_at"])
    audit.record(actor, "participation.survey_open", survey, before, _survey_times(survey))
    return survey


@transaction.atomic
def close_survey(actor: User, survey: Survey) -> Survey:
    """Stop taking answers now; the answers given so far stay."""
    survey = Survey.objects.select_for_update().select_related("activity__procurement").get(pk=survey.pk)
    require(actor, "participation.manage", survey.procurement)
    now = timezone.now()
    if not surveys.is_open(survey.opens_at, survey.closes_at, now):
        return survey
    before = _survey_times(survey)
    survey.closes_at = now
    survey.save(update_fields=["closes_at"])
    audit.record(actor, "participation.survey_close", survey, before, _survey_times(survey))
    if survey.mode == SurveyMode.ANONYMOUS:
        # All of its answers are mixed together now, not only in their batches.
        pk = survey.pk
        transaction.on_commit(lambda: mixing.mix_survey(pk, everything=True), robust=True)
    return survey


def question_rule(question: Question) -> surveys.QuestionRule:
    return surveys.QuestionRule(
        key=question.key, kind=surveys.QuestionKind(question.kind), required=question.required,
        choices=tuple(choice_values(question)), allow_other=question.allow_other,
        minimum=question.minimum, maximum=question.maximum,
    )


def _spend_token(survey: Survey, token: str, anonymous: bool) -> None:
    """Check and spend a public channel's one-time token inside the answer's transaction; for
    an anonymous answer, hold the survey's row for its rewrite (``mixing.store``)."""
    try:
        nonce = tokens.nonce_of(token, survey.pk)
    except DomainError as problem:
        raise fail([problem], status=tokens.STATUS[problem.code]) from None
    if not tokens.spend(survey.pk, nonce, hold_survey=anonymous):
        raise fail([DomainError("token_used", "token")], status=tokens.STATUS["token_used"])


@transaction.atomic
def submit_response(
    survey: Survey, answers: dict, channel: str = surveys.Channel.ONLINE, token: str | None = None,
    participant: User | None = None, background: dict | None = None, entered_by: User | None = None,
    invited: bool = False,
) -> Response:
    """Store one person's answers, all of them or none.

    ``answers`` maps a question's key (``q<id>``) to its value. The public channels (the
    answering page and the API) always pass the client's ``token``, a string, empty when the
    client sent none: an anonymous survey's answer needs a valid unused one (``tokens``), an
    identified survey's is checked when given. ``None`` is for the callers that are no public
    channel: staff entering answers from paper or a phone interview name themselves in
    ``entered_by`` (checked for the permission, never stored with the answer), and the demo and
    tests store answers directly. ``invited``: the answer came with an outcome round's
    invitation code (``contracts``), which the caller has checked and spent.

    An anonymous answer is stored with the survey's waiting responses written again around it
    (``mixing.store``): no order of arrival, even before its batch is mixed.
    """
    survey = _answering(survey)
    procurement = survey.procurement
    if entered_by is not None:
        require(entered_by, "participation.enter_answers", procurement)
    problems = []
    try:
        parsed_channel = surveys.Channel(channel)
    except ValueError:
        parsed_channel = None
        problems.append(DomainError("channel_unknown", "channel"))
    if parsed_channel not in (None, surveys.Channel.ONLINE) and entered_by is None:
        # Paper and interview answers are entered by staff; a public client answers online.
        problems.append(DomainError("channel_needs_staff", "channel"))
    now = timezone.now()
    if not surveys.is_open(survey.opens_at, survey.closes_at, now):
        raise fail([DomainError("survey_closed")], status=409)
    if token is not None and survey.by_invitation:
        raise fail([DomainError("survey_by_invitation")], status=403)
    identified = survey.mode == SurveyMode.IDENTIFIED
    if identified and participant is None:
        raise fail([DomainError("survey_needs_account")], status=403)
    if participant is not None and not participant.has_perm("participation.answer", procurement):
        raise PermissionDenied("participation.answer")
    background = background or {}
    problems.extend(check_background(background))
    questions = list(survey.questions.all())
    clean, answer_problems = surveys.clean_answers([question_rule(q) for q in questions], answers, redaction.markers())
    problems.extend(answer_problems)
    if problems:
        raise fail(problems)
    anonymous = not identified
    if token is not None and (anonymous or token):
        _spend_token(survey, token, anonymous)
    elif anonymous:
        mixing.hold(survey.pk)
    response = Response(
        survey=survey, mode=survey.mode, channel=parsed_channel, answered_on=surveys.answer_day(timezone.localtime(now)),
        participant=participant if identified else None, invited=invited,
        target_group=background.get("target_group", ""), age_band=background.get("age_band", ""),
    )
    answer_rows = [Answer(response=response, question=q, value=clean[q.key].value, redacted=clean[q.key].redacted)
                   for q in questions if q.key in clean]
    if anonymous:
        return mixing.store(response, answer_rows)
    response.save(force_insert=True)
    Answer.objects.bulk_create(answer_rows)
    audit.record(participant, "participation.response_submit", survey, None, {"channel": parsed_channel.value})
    return response


def _answering(survey: Survey) -> Survey:
    """The survey with its procurement and questions. The answering page and the API have just
    read it that way to check who may see it, and pass it on: reading it again here would take
    no lock, so it would guard nothing and only cost two more round trips per answer."""
    if ("questions" in getattr(survey, "_prefetched_objects_cache", {})
            and Survey.activity.is_cached(survey) and Activity.procurement.is_cached(survey.activity)):
        return survey
    return Survey.objects.select_related("activity__procurement").prefetch_related("questions").get(pk=survey.pk)


def issue_token(survey: Survey) -> str:
    """A fresh one-time token for one answering form: signed, nothing is written."""
    return tokens.issue(survey.pk)


@transaction.atomic
def enter_batch(actor: User, survey: Survey, channel: str, place: str, entries: list[dict]) -> AnswerBatch:
    """Store answers collected on paper or by interview, all of them or none. Each entry is
    ``{"answers": {...}, "target_group": "", "age_band": ""}``; a problem in entry 3 is
    reported on fields named ``3.<field>``."""
    survey = Survey.objects.select_related("activity__procurement").get(pk=survey.pk)
    require(actor, "participation.enter_answers", survey.procurement)
    if channel == surveys.Channel.ONLINE or channel not in {c.value for c in surveys.Channel}:
        raise ServiceError.from_domain(DomainError("batch_channel", "channel"))
    if survey.mode != SurveyMode.ANONYMOUS:
        # Identified answers belong to signed-in participants; a batch cannot say whose they are.
        raise ServiceError.from_domain(DomainError("batch_needs_anonymous"), status=409)
    if not surveys.is_open(survey.opens_at, survey.closes_at, timezone.now()):
        raise fail([DomainError("survey_closed")], status=409)
    if not entries:
        raise ServiceError.from_domain(DomainError("batch_empty"))
    errors: dict[str | None, list[tuple[str, str]]] = {}
    for number, entry in enumerate(entries, start=1):
        try:
            with transaction.atomic():
                submit_response(survey, entry.get("answers") or {}, channel=channel, entered_by=actor,
                                background={"target_group": entry.get("target_group") or "",
                                            "age_band": entry.get("age_band") or ""})
        except ServiceError as error:
            for field, problems in error.errors.items():
                errors.setdefault(f"{number}.{field}" if field else str(number), []).extend(problems)
    if errors:
        raise ServiceError(errors)
    batch = AnswerBatch.objects.create(survey=survey, channel=channel, place=place, answer_count=len(entries),
                                       entered_by=actor)
    audit.record(actor, "participation.batch_enter", batch, None,
                 {"survey": survey.pk, "channel": channel, "answer_count": len(entries)})
    return batch
