"""The only code that writes participation data. Staff actions check the permission, apply
the domain rules, run in one transaction and are audited. Answers to anonymous surveys are
written without any audit entry: an entry carries a time and would link the answer to a moment."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core import moderation
from coprocure.core.models import Procurement, TargetGroup, User
from coprocure.core.services import require, require_accountable
from coprocure.domain import events, privacy, recognition, surveys, translation
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError, message_for
from coprocure.core import signals

from .models import (
    ACTIVE, EXPERT_ROLES, Activity, AgeBand, Answer, AnswerBatch, AnswerToken, Contribution, Insight, InsightStatus, ParticipationPlan, PublishedAnswer, Question, QuestionKind, Registration,
    RegistrationStatus, Response, Survey, SurveyMode,
)
from . import codes, notices
from .selectors import choice_values


def _plan_snapshot(plan: ParticipationPlan) -> dict:
    return {
        "aims": plan.aims, "phases": plan.phases, "reach": plan.reach,
        "accountable_official": plan.accountable_official_id, "k_threshold": plan.k_threshold,
        "reference_shares": plan.reference_shares,
    }


@transaction.atomic
def save_plan(actor: User, procurement: Procurement, data: dict) -> ParticipationPlan:
    """Create the procurement's plan or update it; there is one plan per procurement."""
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    require(actor, "participation.manage", procurement)
    plan = ParticipationPlan.objects.filter(procurement=procurement).first()
    before = _plan_snapshot(plan) if plan else None
    plan = plan or ParticipationPlan(procurement=procurement)
    for name, value in data.items():
        setattr(plan, name, value)
    if plan.accountable_official is not None:
        require_accountable(plan.accountable_official, procurement.authority_id)
    plan.save()
    audit.record(actor, "participation.plan_save", plan, before, _plan_snapshot(plan))
    return plan


def _activity_snapshot(activity: Activity) -> dict:
    return {"kind": activity.kind, "phase": activity.phase, "title": activity.title,
            "starts_at": activity.starts_at, "setting": activity.setting, "capacity": activity.capacity,
            "registration": activity.registration, "confirmation_hours": activity.confirmation_hours}


@transaction.atomic
def create_activity(actor: User, procurement: Procurement, data: dict) -> Activity:
    require(actor, "participation.manage", procurement)
    activity = Activity.objects.create(procurement=procurement, **data)
    audit.record(actor, "participation.activity_create", activity, None, _activity_snapshot(activity))
    return activity


@transaction.atomic
def update_activity(actor: User, activity: Activity, data: dict) -> Activity:
    activity = Activity.objects.select_for_update().select_related("procurement").get(pk=activity.pk)
    require(actor, "participation.manage", activity.procurement)
    before = _activity_snapshot(activity)
    for name, value in data.items():
        setattr(activity, name, value)
    activity.save()
    audit.record(actor, "participation.activity_update", activity, before, _activity_snapshot(activity))
    # More places (or none any more) go to the waiting list at once.
    _settle(activity)
    return activity


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
    return survey


def question_rule(question: Question) -> surveys.QuestionRule:
    return surveys.QuestionRule(
        key=question.key, kind=surveys.QuestionKind(question.kind), required=question.required,
        choices=tuple(choice_values(question)), allow_other=question.allow_other,
        minimum=question.minimum, maximum=question.maximum,
    )


def _fail(problems: list[DomainError], status: int = 422) -> ServiceError:
    errors: dict[str | None, list[tuple[str, str]]] = {}
    for problem in problems:
        errors.setdefault(problem.field, []).append((problem.code, message_for(problem.code, problem.params)))
    return ServiceError(errors, status)


def _use_token(survey: Survey, token: str) -> None:
    used = AnswerToken.objects.filter(survey=survey, digest=AnswerToken.digest_of(token), used=False).update(used=True)
    if not used:
        raise _fail([DomainError("token_used", "token")], status=409)


@transaction.atomic
def submit_response(
    survey: Survey, answers: dict, channel: str = surveys.Channel.ONLINE, token: str | None = None,
    participant: User | None = None, background: dict | None = None, entered_by: User | None = None,
) -> Response:
    """Store one person's answers, all of them or none.

    ``answers`` maps a question's key (``q<id>``) to its value. Answers entered by staff from
    paper or a phone interview name the staff member in ``entered_by`` (checked for the
    permission, never stored with the answer).
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
        raise _fail([DomainError("survey_closed")], status=409)
    identified = survey.mode == SurveyMode.IDENTIFIED
    if identified and participant is None:
        raise _fail([DomainError("survey_needs_account")], status=403)
    if participant is not None and not participant.has_perm("participation.answer", procurement):
        raise PermissionDenied("participation.answer")
    background = background or {}
    problems.extend(_check_background(background))
    questions = list(survey.questions.all())
    clean, answer_problems = surveys.clean_answers([question_rule(q) for q in questions], answers)
    problems.extend(answer_problems)
    if problems:
        raise _fail(problems)
    if token:
        _use_token(survey, token)
    response = Response.objects.create(
        survey=survey, mode=survey.mode, channel=parsed_channel, answered_on=surveys.answer_day(timezone.localtime(now)),
        participant=participant if identified else None,
        target_group=background.get("target_group", ""), age_band=background.get("age_band", ""),
    )
    Answer.objects.bulk_create([
        Answer(response=response, question=q, value=clean[q.key].value, redacted=clean[q.key].redacted)
        for q in questions if q.key in clean
    ])
    if identified:
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


def _check_background(background: dict) -> list[DomainError]:
    problems = []
    group = background.get("target_group") or ""
    if group and not TargetGroup.objects.filter(code=group).exists():
        problems.append(DomainError("background_unknown", "target_group"))
    if (background.get("age_band") or "") not in {"", *AgeBand.values}:
        problems.append(DomainError("background_unknown", "age_band"))
    return problems


def issue_token(survey: Survey) -> str:
    """A fresh one-time token for one answering form."""
    return AnswerToken.issue(survey)


@transaction.atomic
def create_insight(actor: User, procurement: Procurement, data: dict) -> Insight:
    """Record an insight. Quoted excerpts are redacted on the way in, as every free text that
    may be shown publicly is."""
    require(actor, "participation.manage", procurement)
    target_groups = data.pop("target_groups", [])
    data["excerpts"] = [privacy.redact(excerpt)[0] for excerpt in data.get("excerpts", []) if excerpt.strip()]
    insight = Insight.objects.create(procurement=procurement, created_by=actor, **data)
    insight.target_groups.set(target_groups)
    audit.record(actor, "participation.insight_create", insight, None,
                 {"statement": insight.statement, "activity": insight.activity_id, "question": insight.question_id})
    signals.you_said_we_did_changed.send(Insight, procurement=procurement)
    return insight


@transaction.atomic
def decide_insight(actor: User, insight: Insight, status: str, reason: dict) -> Insight:
    """Say publicly what became of an insight; not taking one up always needs a reason."""
    insight = Insight.objects.select_for_update().get(pk=insight.pk)
    require(actor, "participation.manage", insight.procurement)
    if status not in InsightStatus.values:
        raise ServiceError.from_domain(DomainError("insight_status_unknown", "status"))
    if status == InsightStatus.NOT_TAKEN_UP and not translation.normalise(reason):
        raise ServiceError.from_domain(DomainError("insight_reason_required", "status_reason"))
    before = {"status": insight.status}
    insight.status, insight.status_reason = status, reason
    insight.save(update_fields=["status", "status_reason", "updated_at"])
    audit.record(actor, "participation.insight_decide", insight, before, {"status": status, "reason": reason})
    signals.you_said_we_did_changed.send(Insight, procurement=insight.procurement)
    return insight


@transaction.atomic
def redact_excerpt(actor: User, insight: Insight, data: dict) -> Insight:
    """Hide part of a quoted excerpt with a reason; the excerpt itself stays as it was. Excerpts
    come from answers, which carry no author, so there is nobody to tell."""
    insight = Insight.objects.select_for_update(of=("self",)).select_related("procurement").get(pk=insight.pk)
    require(actor, "participation.manage", insight.procurement)
    index = data["excerpt"]
    if not 0 <= index < len(insight.excerpts):
        raise ServiceError.from_domain(DomainError("redaction_excerpt_unknown", "excerpt"))
    redaction = {"excerpt": index, **moderation.new_redaction(insight.excerpts[index], data, actor)}
    insight.redactions = [*insight.redactions, redaction]
    insight.save(update_fields=["redactions", "updated_at"])
    audit.record(actor, "participation.excerpt_redact", insight, None,
                 {key: redaction[key] for key in ("excerpt", "start", "end", "reason")})
    return insight


@transaction.atomic
def publish_answer(actor: User, question: Question, text: str) -> PublishedAnswer:
    """Show a free-text answer, or an excerpt of one, publicly. The text must come from an
    answer to the question, and only from a question that at least k people answered, as on
    the results page. It is redacted on the way in again (staff may have typed into it)."""
    question = Question.objects.select_related("survey__activity__procurement").get(pk=question.pk)
    survey = question.survey
    require(actor, "participation.manage", survey.procurement)
    if question.kind != QuestionKind.TEXT:
        raise ServiceError.from_domain(DomainError("publish_not_free_text", "question"))
    values = [value for value in Answer.objects.filter(question=question).values_list("value", flat=True)
              if isinstance(value, str)]
    if not privacy.reaches_k(len(values), survey.k_threshold):
        raise ServiceError.from_domain(DomainError("publish_too_few_answers", "question",
                                                   {"k": survey.k_threshold}), status=409)
    text = (text or "").strip()
    if not text or not any(text in value for value in values):
        raise ServiceError.from_domain(DomainError("publish_not_an_answer", "text"))
    author = None
    if survey.mode == SurveyMode.IDENTIFIED:
        # Told about a redaction only when exactly one person's answer holds the text.
        authors = {participant for participant, value in Answer.objects.filter(question=question)
                   .values_list("response__participant", "value") if isinstance(value, str) and text in value}
        author = User.objects.filter(pk=authors.pop()).first() if len(authors) == 1 and None not in authors else None
    published = PublishedAnswer.objects.create(question=question, text=privacy.redact(text)[0], author=author,
                                               chosen_by=actor)
    audit.record(actor, "participation.answer_publish", published, None, {"question": question.pk, "text": published.text})
    return published


@transaction.atomic
def redact_published_answer(actor: User, published: PublishedAnswer, data: dict) -> PublishedAnswer:
    """Hide part of a published answer with a reason; the text itself stays as it was. The author
    of an identified answer is told; an anonymous answer has no author to tell."""
    published = (PublishedAnswer.objects.select_for_update(of=("self",))
                 .select_related("question__survey__activity__procurement", "author").get(pk=published.pk))
    procurement = published.question.survey.procurement
    require(actor, "participation.manage", procurement)
    redaction = moderation.new_redaction(published.text, data, actor)
    published.redactions = [*published.redactions, redaction]
    published.save(update_fields=["redactions"])
    audit.record(actor, "participation.published_answer_redact", published, None,
                 {key: redaction[key] for key in ("start", "end", "reason")})
    author = published.author
    if author is not None and author.email and author.is_active:
        path = reverse("participation_you_said_we_did", args=[procurement.pk]) + f"#answer-{published.pk}"
        transaction.on_commit(lambda: moderation.tell_author(author, published, redaction["reason"], path))
    return published


def _seats(activity: Activity) -> list[events.Seat]:
    return [events.Seat(r.pk, events.Status(r.status), r.offer_expires_at)
            for r in activity.registrations.filter(status__in=ACTIVE).order_by("created_at", "id")]


def _settle(activity: Activity) -> None:
    """Expire offers that ran out and offer free places to the waiting list. The caller holds
    the activity's row lock, so two cancellations cannot offer the same place twice."""
    changes = events.settle(_seats(activity), activity.capacity, timezone.now(), activity.confirmation_hours)
    for key, seat in changes.items():
        Registration.objects.filter(pk=key).update(status=seat.status.value, offer_expires_at=seat.offer_expires_at,
                                                   updated_at=timezone.now())
        audit.record(None, f"participation.registration_{seat.status.value}", Registration(pk=key, activity=activity),
                     None, {"status": seat.status.value, "offer_expires_at": seat.offer_expires_at})


def _locked_activity(pk: int) -> Activity:
    return Activity.objects.select_for_update().select_related("procurement").get(pk=pk)


@transaction.atomic
def register(actor: User, activity: Activity, data: dict) -> Registration:
    """Sign ``actor`` up: a place if one is free, otherwise the waiting list."""
    activity = _locked_activity(activity.pk)
    if not actor.has_perm("participation.answer", activity.procurement):
        raise PermissionDenied("participation.answer")
    if not activity.registration:
        raise ServiceError.from_domain(DomainError("registration_not_open"), status=409)
    if activity.starts_at is not None and activity.starts_at <= timezone.now():
        raise ServiceError.from_domain(DomainError("registration_not_open"), status=409)
    if activity.registrations.filter(participant=actor, status__in=ACTIVE).exists():
        raise ServiceError.from_domain(DomainError("registration_exists"), status=409)
    problems = _check_background(data)
    if problems:
        raise _fail(problems)
    _settle(activity)
    status = events.status_for_newcomer(activity.capacity, _seats(activity))
    data = {**data, "needs": privacy.redact(data.get("needs", ""))[0]}
    registration = Registration.objects.create(activity=activity, participant=actor, status=status.value, **data)
    audit.record(actor, "participation.registration_create", registration, None, {"status": status.value})
    notices.after_registration(registration)
    return registration


def _own(actor: User, registration: Registration) -> Registration:
    registration = Registration.objects.select_related("activity").get(pk=registration.pk)
    if registration.participant_id != actor.pk:
        raise PermissionDenied
    return registration


@transaction.atomic
def cancel_registration(actor: User, registration: Registration) -> Registration:
    """Give up a place or leave the waiting list; a freed place goes to the next person."""
    activity = _locked_activity(registration.activity_id)
    registration = _own(actor, registration)
    if registration.status not in ACTIVE:
        raise ServiceError.from_domain(DomainError("registration_not_active"), status=409)
    before = {"status": registration.status}
    registration.status, registration.offer_expires_at = RegistrationStatus.CANCELLED, None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    audit.record(actor, "participation.registration_cancel", registration, before, {"status": registration.status})
    _settle(activity)
    return registration


@transaction.atomic
def _confirm(actor: User, registration: Registration) -> tuple[Registration, DomainError | None]:
    activity = _locked_activity(registration.activity_id)
    registration = _own(actor, registration)
    seat = events.Seat(registration.pk, events.Status(registration.status), registration.offer_expires_at)
    try:
        events.check_confirmable(seat, timezone.now())
    except DomainError as error:
        if error.code == "registration_offer_expired":
            _settle(activity)
        return registration, error
    before = {"status": registration.status}
    registration.status, registration.offer_expires_at = RegistrationStatus.CONFIRMED, None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    audit.record(actor, "participation.registration_confirm", registration, before, {"status": registration.status})
    return registration, None


def confirm_registration(actor: User, registration: Registration) -> Registration:
    """Take an offered place before the offer runs out. A late confirmation is refused, and the
    place has already gone to the next person: that change is committed, the refusal is not an
    error that undoes it."""
    registration, problem = _confirm(actor, registration)
    if problem is not None:
        raise ServiceError.from_domain(problem, status=409)
    return registration


@transaction.atomic
def settle_activity(activity: Activity) -> None:
    """Pass on offers that ran out; run by views and the ``settle-waiting-lists`` command."""
    _settle(_locked_activity(activity.pk))


@transaction.atomic
def mark_attendance(actor: User, activity: Activity, attended: set[int]) -> Activity:
    """Record who came, from the organiser's roster: everyone holding a place is marked."""
    activity = _locked_activity(activity.pk)
    require(actor, "participation.manage", activity.procurement)
    holders = activity.registrations.filter(status=RegistrationStatus.CONFIRMED)
    unknown = attended - set(holders.values_list("pk", flat=True))
    if unknown:
        raise ServiceError.from_domain(DomainError("registration_unknown", "attended"))
    holders.filter(pk__in=attended).update(attended=True, updated_at=timezone.now())
    holders.exclude(pk__in=attended).update(attended=False, updated_at=timezone.now())
    audit.record(actor, "participation.attendance_mark", activity, None, {"attended": sorted(attended)})
    return activity


def _code_error(error: DomainError) -> ServiceError:
    return ServiceError.from_domain(error, status=410 if error.code == "attendance_code_expired" else 400)


def _check_in(actor: User, registration: Registration, via: str) -> Registration:
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ServiceError.from_domain(DomainError("attendance_not_registered", "code"), status=409)
    before = {"attended": registration.attended}
    if not registration.attended:
        registration.attended = True
        registration.save(update_fields=["attended", "updated_at"])
    audit.record(actor, "participation.attendance_check_in", registration, before, {"attended": True, "via": via})
    return registration


@transaction.atomic
def check_in_with_activity_code(actor: User, activity: Activity, code: str) -> Registration:
    """A participant scanned the activity's code at the door: mark their own place attended."""
    try:
        codes.read_activity_code(code, activity)
    except DomainError as error:
        raise _code_error(error) from None
    activity = _locked_activity(activity.pk)
    registration = activity.registrations.filter(participant=actor, status__in=ACTIVE).first()
    if registration is None:
        raise ServiceError.from_domain(DomainError("attendance_not_registered", "code"), status=409)
    return _check_in(actor, registration, "activity_code")


@transaction.atomic
def check_in_with_registration_code(actor: User, activity: Activity, code: str) -> Registration:
    """Staff at the door scanned or typed a participant's own code."""
    activity = _locked_activity(activity.pk)
    require(actor, "participation.manage", activity.procurement)
    try:
        pk = codes.read_registration_code(code)
    except DomainError as error:
        raise _code_error(error) from None
    registration = activity.registrations.select_related("participant").filter(pk=pk).first()
    if registration is None:
        raise ServiceError.from_domain(DomainError("attendance_code_invalid", "code"), status=400)
    return _check_in(actor, registration, "registration_code")


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
        raise _fail([DomainError("survey_closed")], status=409)
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


@transaction.atomic
def record_contribution(actor: User, activity: Activity, data: dict) -> Contribution:
    """Record or correct what an expert by experience or peer did at an activity and is paid."""
    activity = _locked_activity(activity.pk)
    require(actor, "participation.manage", activity.procurement)
    person = data["person"]
    if not activity.procurement.roles.filter(user=person, role__in=EXPERT_ROLES).exists():
        raise ServiceError.from_domain(DomainError("recognition_not_expert", "person"))
    try:
        recognition.check(data["hours"], data["fee"], data["travel_cost"])
    except DomainError as error:
        raise ServiceError.from_domain(error) from None
    existing = Contribution.objects.filter(activity=activity, person=person).first()
    before = None if existing is None else {"hours": existing.hours, "fee": existing.fee, "travel_cost": existing.travel_cost}
    contribution, _created = Contribution.objects.update_or_create(
        activity=activity, person=person,
        defaults={"hours": data["hours"], "fee": data["fee"], "travel_cost": data["travel_cost"],
                  "work": data.get("work", ""), "recorded_by": actor},
    )
    audit.record(actor, "participation.contribution_record", contribution, before,
                 {"person": person.pk, "hours": contribution.hours, "fee": contribution.fee,
                  "travel_cost": contribution.travel_cost})
    contribution.refresh_from_db()
    return contribution
