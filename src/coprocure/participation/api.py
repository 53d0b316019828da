"""/api/v1 endpoints for participation: the public reads a procurement's plan and activities,
reads a survey's questions and sends answers without an account."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status

from coprocure.api.auth import ANYONE, PUBLIC_WRITE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.schemas import ERRORS, ErrorOut, TranslatedIn, TranslatedOut
from coprocure.audit import services as audit
from coprocure.core import visibility
from coprocure.web.ratelimit import rate_limited
from coprocure.core.selectors import visible_procurement
from coprocure.domain import equality, translation

from . import codes, selectors, services
from .views import payroll_download, published_answers_download, results_download
from coprocure.core.moderation import RedactionForm

from .forms import AttendanceForm, CheckInForm, PublishAnswerForm, QuestionForm, SurveyForm, ContributionForm, ExcerptRedactionForm, InsightDecisionForm, InsightForm, RegistrationForm
from .models import ACCESSIBILITY, Activity, Insight, PublishedAnswer, Question, Registration, RegistrationStatus, Survey, SurveyMode

router = Router()




class ActivityOut(Schema):
    id: int
    kind: str
    phase: str
    title: TranslatedOut
    plain_summary: TranslatedOut
    starts_at: datetime | None
    ends_at: datetime | None
    place: str
    setting: str
    is_outreach: bool
    accessibility: list[str]
    languages: list[str]
    capacity: int | None
    registration: bool
    confirmation_hours: int
    surveys: list[int]

    @staticmethod
    def resolve_accessibility(obj):
        return [name for name in ACCESSIBILITY if getattr(obj, name)]

    @staticmethod
    def resolve_surveys(obj):
        return [survey.pk for survey in obj.surveys.all()]


class PlanOut(Schema):
    aims: list[str]
    phases: list[str]
    participant_roles: TranslatedOut
    methods: TranslatedOut
    plain_summary: TranslatedOut
    reach: dict[str, int]
    reference_shares: dict[str, str]
    accountable_official: int | None


class EqualityGroupOut(Schema):
    code: str
    participants: int | None
    share: float | None
    reference_share: float | None
    ratio: float | None
    flagged: bool
    suggested_kind: str | None
    suggested_setting: str | None


class EqualityOut(Schema):
    total: int | None
    unstated: int | None
    k: int
    groups: list[EqualityGroupOut]


class EqualityPhaseOut(EqualityOut):
    phase: str


class EqualityMonitorOut(Schema):
    overall: EqualityOut
    phases: list[EqualityPhaseOut]


class ParticipationOut(Schema):
    plan: PlanOut | None
    activities: list[ActivityOut]


class ChoiceOut(Schema):
    value: str
    label: str


class QuestionOut(Schema):
    key: str
    kind: str
    text: TranslatedOut
    required: bool
    choices: list[ChoiceOut]
    allow_other: bool
    minimum: int | None
    maximum: int | None


class SurveyOut(Schema):
    id: int
    procurement: int
    title: TranslatedOut
    intro: TranslatedOut
    mode: str
    opens_at: datetime | None
    closes_at: datetime | None
    is_open: bool
    questions: list[QuestionOut]


class ResponseIn(Schema):
    answers: dict[str, Any]
    token: str | None = None
    target_group: str = ""
    age_band: str = ""


class ResponseOut(Schema):
    received: bool
    answered_on: str


@router.get("/procurements/{pk}/participation", response={200: ParticipationOut, **ERRORS}, auth=ANYONE,
            tags=["participation"])
def get_participation(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    plan = selectors.plan_of(procurement)
    return {
        "plan": None if plan is None else {
            "aims": plan.aims, "phases": plan.phases, "reach": plan.reach, "reference_shares": plan.reference_shares,
            "participant_roles": translation.normalise(plan.participant_roles),
            "methods": translation.normalise(plan.methods),
            "plain_summary": translation.normalise(plan.plain_summary),
            "accountable_official": plan.accountable_official_id,
        },
        "activities": list(selectors.activities_of(procurement)),
    }


@router.get("/surveys/{pk}", response={200: SurveyOut, **ERRORS}, auth=ANYONE, tags=["participation"])
def get_survey(request, pk: int):
    survey = selectors.visible_survey(request.user, pk)
    language = get_language() or translation.SOURCE_LANGUAGE
    return {
        "id": survey.pk, "procurement": survey.activity.procurement_id,
        "title": translation.normalise(survey.title), "intro": translation.normalise(survey.intro),
        "mode": survey.mode, "opens_at": survey.opens_at, "closes_at": survey.closes_at,
        "is_open": selectors.is_open(survey),
        "questions": [
            {"key": q.key, "kind": q.kind, "text": translation.normalise(q.text), "required": q.required,
             "choices": [{"value": v, "label": label} for v, label in selectors.choice_labels(q, language)],
             "allow_other": q.allow_other, "minimum": q.minimum, "maximum": q.maximum}
            for q in survey.questions.all()
        ],
    }


def _managed_survey(request, pk: int) -> Survey:
    survey = selectors.visible_survey(request.user, pk)
    if not request.user.has_perm("participation.manage", survey.procurement):
        raise PermissionDenied
    return survey


@router.post("/surveys/{pk}/open", response={200: SurveyOut, **ERRORS}, auth=SIGNED_IN, tags=["participation"])
def open_survey(request, pk: int):
    """Open the survey for answers now (409 ``survey_has_no_questions`` without questions)."""
    services.open_survey(request.user, _managed_survey(request, pk))
    return get_survey(request, pk)


@router.post("/surveys/{pk}/close", response={200: SurveyOut, **ERRORS}, auth=SIGNED_IN, tags=["participation"])
def close_survey(request, pk: int):
    """Stop taking answers now; answers given so far stay."""
    services.close_survey(request.user, _managed_survey(request, pk))
    return get_survey(request, pk)


@router.post("/surveys/{pk}/responses", response={201: ResponseOut, **ERRORS, 429: ErrorOut}, auth=PUBLIC_WRITE, tags=["participation"])
@decorate_view(rate_limited("survey_answer"))
def submit_response(request, pk: int, payload: ResponseIn):
    """Answers map question keys (``q12``) to values: Likert 1–5, a choice value, a list of
    choice values, a number, a text, or ``{"choice": "other", "text": "..."}``."""
    survey = selectors.visible_survey(request.user, pk)
    signed_in = request.user.is_authenticated and survey.mode == SurveyMode.IDENTIFIED
    response = services.submit_response(
        survey, payload.answers, token=payload.token, participant=request.user if signed_in else None,
        background={"target_group": payload.target_group, "age_band": payload.age_band},
    )
    return Status(201, {"received": True, "answered_on": response.answered_on.isoformat()})


class InsightOut(Schema):
    id: int
    statement: TranslatedOut
    plain_summary: TranslatedOut
    activity: int | None
    question: int | None
    excerpts: list[str]
    themes: list[str]
    target_groups: list[str]
    status: str
    status_reason: TranslatedOut

    @staticmethod
    def resolve_activity(obj):
        return obj.activity_id

    @staticmethod
    def resolve_question(obj):
        return obj.question_id

    @staticmethod
    def resolve_target_groups(obj):
        return [group.code for group in obj.target_groups.all()]

    @staticmethod
    def resolve_excerpts(obj):
        return obj.public_excerpts


class ExcerptRedactionIn(Schema):
    excerpt: int | None = None
    start: int | None = None
    end: int | None = None
    passage: str = ""
    reason: str = ""


class InsightIn(Schema):
    statement: TranslatedIn
    plain_summary: TranslatedIn | None = None
    activity: int | None = None
    question: int | None = None
    excerpts: list[str] = []
    themes: list[str] = []
    target_groups: list[str] = []


class InsightDecisionIn(Schema):
    status: str
    status_reason: TranslatedIn | None = None


@router.get("/procurements/{pk}/insights", response={200: list[InsightOut], **ERRORS}, auth=ANYONE,
            tags=["participation"])
def list_insights(request, pk: int):
    """"You said, we did": every insight of the procurement and what became of it."""
    procurement = visible_procurement(request.user, pk)
    return list(selectors.insights_of(procurement))


@router.post("/procurements/{pk}/insights", response={201: InsightOut, **ERRORS}, auth=SIGNED_IN,
             tags=["participation"])
def create_insight(request, pk: int, payload: InsightIn):
    """``excerpts`` are redacted on arrival; ``activity`` is taken from ``question`` when only
    the question is given."""
    procurement = visible_procurement(request.user, pk)
    if not request.user.has_perm("participation.manage", procurement):
        raise PermissionDenied
    body = payload.dict()
    body["excerpts"] = "\n".join(body["excerpts"])
    body["themes"] = ", ".join(body["themes"])
    data = validated(InsightForm, body, procurement=procurement)
    insight = services.create_insight(request.user, procurement, data)
    return Status(201, selectors.insights_of(procurement).get(pk=insight.pk))


@router.post("/insights/{pk}/decision", response={200: InsightOut, **ERRORS}, auth=SIGNED_IN, tags=["participation"])
def decide_insight(request, pk: int, payload: InsightDecisionIn):
    """Status ``open``, ``taken_up`` or ``not_taken_up``; the last needs a public ``status_reason``."""
    insight = Insight.objects.select_related("procurement").filter(pk=pk).first()
    if insight is None or not request.user.has_perm("participation.view", insight.procurement):
        raise Http404
    if not request.user.has_perm("participation.manage", insight.procurement):
        raise PermissionDenied
    data = validated(InsightDecisionForm, payload.dict())
    services.decide_insight(request.user, insight, data["status"], data["status_reason"])
    return selectors.insights_of(insight.procurement).get(pk=pk)


@router.post("/insights/{pk}/redactions", response={201: InsightOut, **ERRORS}, auth=SIGNED_IN, tags=["participation"])
def redact_excerpt(request, pk: int, payload: ExcerptRedactionIn):
    """Hide part of quoted excerpt number ``excerpt`` (from 0): ``start``/``end`` or ``passage``,
    and a ``reason``; a range outside the excerpt is 422 ``redaction_out_of_range``."""
    insight = Insight.objects.select_related("procurement").filter(pk=pk).first()
    if insight is None or not request.user.has_perm("participation.view", insight.procurement):
        raise Http404
    if not request.user.has_perm("participation.manage", insight.procurement):
        raise PermissionDenied
    data = validated(ExcerptRedactionForm, payload.dict(), excerpts=insight.excerpts)
    services.redact_excerpt(request.user, insight, data)
    return Status(201, selectors.insights_of(insight.procurement).get(pk=insight.pk))


def _equality_out(view: dict) -> dict:
    return {
        "total": view["total"], "unstated": view["unstated"], "k": view["k"],
        "groups": [
            {"code": row["code"], "participants": row["participants"], "share": row["share"],
             "reference_share": row["reference_share"], "ratio": row["ratio"], "flagged": row["flagged"],
             "suggested_kind": equality.suggested_outreach(row["code"])[0] if row["flagged"] else None,
             "suggested_setting": equality.suggested_outreach(row["code"])[1] if row["flagged"] else None}
            for row in view["groups"]
        ],
    }


@router.get("/procurements/{pk}/participation/equality", response={200: EqualityMonitorOut, **ERRORS}, auth=SIGNED_IN,
            tags=["participation"])
def get_equality(request, pk: int):
    """Each target group's share among participants (percent) against the plan's reference
    share, the representation ratio and whether it is under 0.8; per phase and overall. Counts
    under the plan's k are null, and so is everything derived from them."""
    procurement = visible_procurement(request.user, pk)
    if not request.user.has_perm("participation.view_results", procurement):
        raise PermissionDenied
    monitor = selectors.equality_monitor(procurement, selectors.plan_of(procurement))
    return {
        "overall": _equality_out(monitor["overall"]),
        "phases": [{"phase": phase["code"], **_equality_out(phase)} for phase in monitor["phases"]],
    }


@router.get("/procurements/{pk}/equality", response={200: EqualityMonitorOut, **ERRORS}, auth=ANYONE,
            tags=["participation"])
def get_public_equality(request, pk: int):
    """The same equality monitor for everyone who may see the procurement: it holds only counts
    suppressed below the plan's k and what is derived from shown counts."""
    procurement = visible_procurement(request.user, pk)
    monitor = selectors.equality_monitor(procurement, selectors.plan_of(procurement))
    return {
        "overall": _equality_out(monitor["overall"]),
        "phases": [{"phase": phase["code"], **_equality_out(phase)} for phase in monitor["phases"]],
    }


@router.get("/surveys/{pk}/results.csv", response={200: None, **ERRORS}, auth=SIGNED_IN, tags=["participation"])
def results_csv(request, pk: int):
    """The suppressed results per question, for all channels and per channel (the procurement's staff)."""
    return results_download(_results_survey(request, pk), "csv")


@router.get("/surveys/{pk}/results.xlsx", response={200: None, **ERRORS}, auth=SIGNED_IN, tags=["participation"])
def results_xlsx(request, pk: int):
    """The same figures as ``results.csv`` as an Excel workbook."""
    return results_download(_results_survey(request, pk), "xlsx")


def _results_survey(request, pk: int) -> Survey:
    survey = selectors.visible_survey(request.user, pk)
    if not request.user.has_perm("participation.view_results", survey.procurement):
        raise PermissionDenied
    return survey


class RegistrationIn(Schema):
    dietary: str = ""
    assistance: bool = False
    interpreter: str = ""
    needs: str = ""
    target_group: str = ""
    age_band: str = ""


class RegistrationOut(Schema):
    id: int
    activity: int
    status: str
    offer_expires_at: datetime | None
    waiting_position: int | None
    attended: bool | None
    door_code: str

    @staticmethod
    def resolve_door_code(obj):
        return codes.registration_code(obj)

    @staticmethod
    def resolve_activity(obj):
        return obj.activity_id

    @staticmethod
    def resolve_waiting_position(obj):
        return selectors.waiting_position(obj) if obj.status == RegistrationStatus.WAITING else None


class RosterEntryOut(Schema):
    id: int
    name: str
    status: str
    offer_expires_at: datetime | None
    dietary: str
    assistance: bool
    interpreter: str
    needs: str
    attended: bool | None

    @staticmethod
    def resolve_name(obj):
        return str(obj.participant)

    @staticmethod
    def resolve_dietary(obj, context):
        return visibility.shown(context["request"].user, obj, "dietary", hidden="")

    @staticmethod
    def resolve_interpreter(obj, context):
        return visibility.shown(context["request"].user, obj, "interpreter", hidden="")

    @staticmethod
    def resolve_needs(obj, context):
        return visibility.shown(context["request"].user, obj, "needs", hidden="")


class AttendanceIn(Schema):
    attended: list[int]


class CheckInIn(Schema):
    code: str


class AttendanceCodeOut(Schema):
    code: str
    url: str
    valid_until: datetime


def _activity(request, pk: int) -> Activity:
    activity = Activity.objects.select_related("procurement").filter(pk=pk).first()
    if activity is None or not request.user.has_perm("participation.view", activity.procurement):
        raise Http404
    return activity


def _own_registration(request, pk: int) -> Registration:
    registration = Registration.objects.select_related("activity").filter(pk=pk, participant=request.user).first()
    if registration is None:
        raise Http404
    return registration


@router.post("/activities/{pk}/registrations", response={201: RegistrationOut, **ERRORS}, auth=SIGNED_IN,
             tags=["participation"])
def register(request, pk: int, payload: RegistrationIn):
    """Sign up: ``confirmed`` when a place is free, otherwise ``waiting``."""
    activity = _activity(request, pk)
    data = validated(RegistrationForm, payload.dict())
    return Status(201, services.register(request.user, activity, data))


@router.post("/registrations/{pk}/cancel", response={200: RegistrationOut, **ERRORS}, auth=SIGNED_IN,
             tags=["participation"])
def cancel_registration(request, pk: int):
    """Cancel one's own sign-up; a freed place is offered to the first person waiting."""
    return services.cancel_registration(request.user, _own_registration(request, pk))


@router.post("/registrations/{pk}/confirm", response={200: RegistrationOut, **ERRORS}, auth=SIGNED_IN,
             tags=["participation"])
def confirm_registration(request, pk: int):
    """Confirm an offered place before ``offer_expires_at``; later is 409 ``registration_offer_expired``."""
    return services.confirm_registration(request.user, _own_registration(request, pk))


@router.get("/activities/{pk}/roster", response={200: list[RosterEntryOut], **ERRORS}, auth=SIGNED_IN,
            tags=["participation"])
def roster(request, pk: int):
    """Everyone signed up, with their needs (the procurement's staff)."""
    activity = _activity(request, pk)
    if not request.user.has_perm("participation.manage", activity.procurement):
        raise PermissionDenied
    services.settle_activity(activity)
    registrations = list(selectors.roster(activity))
    audit.record_personal_data_read(request.user, "activity_roster", activity, [r.participant_id for r in registrations])
    return registrations


@router.post("/activities/{pk}/attendance", response={200: list[RosterEntryOut], **ERRORS}, auth=SIGNED_IN,
             tags=["participation"])
def mark_attendance(request, pk: int, payload: AttendanceIn):
    """The ids of the confirmed registrations whose person came; the others are marked absent."""
    activity = _activity(request, pk)
    if not request.user.has_perm("participation.manage", activity.procurement):
        raise PermissionDenied
    confirmed = [r for r in selectors.roster(activity) if r.status == RegistrationStatus.CONFIRMED]
    data = validated(AttendanceForm, payload.dict(), registrations=confirmed)
    services.mark_attendance(request.user, activity, set(data["attended"]))
    return list(selectors.roster(activity))


class BatchEntryIn(Schema):
    answers: dict[str, Any]
    target_group: str = ""
    age_band: str = ""


class BatchIn(Schema):
    channel: str
    place: str = ""
    entries: list[BatchEntryIn]


class BatchOut(Schema):
    id: int
    channel: str
    place: str
    answer_count: int
    entered_at: datetime


@router.post("/surveys/{pk}/batches", response={201: BatchOut, **ERRORS}, auth=SIGNED_IN, tags=["participation"])
def enter_batch(request, pk: int, payload: BatchIn):
    """Answers collected on paper (``paper``), by phone (``phone``) or with help on site
    (``assisted``), all stored or none; an error in the third entry names fields ``3.<key>``.
    The procurement's staff, peers and experts by experience."""
    survey = selectors.visible_survey(request.user, pk)
    if not request.user.has_perm("participation.enter_answers", survey.procurement):
        raise PermissionDenied
    place = payload.place.strip()[:200]
    batch = services.enter_batch(request.user, survey, payload.channel, place, [e.dict() for e in payload.entries])
    return Status(201, batch)


class ContributionIn(Schema):
    person: str
    hours: Decimal
    fee: Decimal
    travel_cost: Decimal = Decimal(0)
    work: str = ""


class ContributionOut(Schema):
    id: int
    activity: int
    person: str
    hours: Decimal
    fee: Decimal
    travel_cost: Decimal
    work: str

    @staticmethod
    def resolve_activity(obj):
        return obj.activity_id

    @staticmethod
    def resolve_person(obj):
        return obj.person.username


@router.post("/activities/{pk}/contributions", response={200: ContributionOut, **ERRORS}, auth=SIGNED_IN,
             tags=["participation"])
def record_contribution(request, pk: int, payload: ContributionIn):
    """Hours, fee and travel costs of an expert by experience or peer (``person`` is their
    username) at an activity; sending again for the same person corrects the figures."""
    activity = _activity(request, pk)
    if not request.user.has_perm("participation.manage", activity.procurement):
        raise PermissionDenied
    data = validated(ContributionForm, payload.dict(), procurement=activity.procurement)
    return services.record_contribution(request.user, activity, data)


def _staff_procurement(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    if not request.user.has_perm("participation.view_results", procurement):
        raise PermissionDenied
    return procurement


@router.get("/procurements/{pk}/contributions", response={200: list[ContributionOut], **ERRORS}, auth=SIGNED_IN,
            tags=["participation"])
def list_contributions(request, pk: int):
    procurement = _staff_procurement(request, pk)
    contributions = list(selectors.contributions_of(procurement))
    audit.record_personal_data_read(request.user, "contributions", procurement, [c.person_id for c in contributions])
    return contributions


@router.get("/procurements/{pk}/participation/payroll.csv", response={200: None, **ERRORS}, auth=SIGNED_IN,
            tags=["participation"])
def payroll_csv(request, pk: int):
    """The same rows as ``contributions`` with totals, as CSV for payroll (the procurement's staff)."""
    return payroll_download(_staff_procurement(request, pk), request.user)


@router.get("/activities/{pk}/attendance-code", response={200: AttendanceCodeOut, **ERRORS}, auth=SIGNED_IN,
            tags=["participation"])
def attendance_code(request, pk: int):
    """The activity's signed attendance code and the link its QR code opens; it works until
    two hours after the activity ends (the procurement's staff)."""
    activity = _activity(request, pk)
    if not request.user.has_perm("participation.manage", activity.procurement):
        raise PermissionDenied
    code, until = codes.activity_code(activity)
    return {"code": code, "url": codes.check_in_link(activity, code), "valid_until": until}


@router.post("/activities/{pk}/check-in", response={200: RegistrationOut, **ERRORS}, auth=SIGNED_IN,
             tags=["participation"])
def check_in(request, pk: int, payload: CheckInIn):
    """A participant with a confirmed place marks themselves present with the activity's code:
    400 ``attendance_code_invalid`` (forged or another activity's), 410 ``attendance_code_expired``,
    409 ``attendance_not_registered``."""
    activity = _activity(request, pk)
    data = validated(CheckInForm, payload.dict())
    return services.check_in_with_activity_code(request.user, activity, data["code"])


@router.post("/activities/{pk}/check-in/registration", response={200: RosterEntryOut, **ERRORS}, auth=SIGNED_IN,
             tags=["participation"])
def check_in_registration(request, pk: int, payload: CheckInIn):
    """Staff at the door mark a person present with the person's own code (``12-8F3A91C2``)."""
    activity = _activity(request, pk)
    if not request.user.has_perm("participation.manage", activity.procurement):
        raise PermissionDenied
    data = validated(CheckInForm, payload.dict())
    return services.check_in_with_registration_code(request.user, activity, data["code"])


class PublishedAnswerOut(Schema):
    id: int
    survey: int
    question: int
    text: str

    @staticmethod
    def resolve_survey(obj):
        return obj.question.survey_id

    @staticmethod
    def resolve_question(obj):
        return obj.question_id

    @staticmethod
    def resolve_text(obj):
        # Never the stored text: only what moderation leaves public.
        return obj.public_text


class PublishAnswerIn(Schema):
    text: str


class RedactionIn(Schema):
    start: int | None = None
    end: int | None = None
    passage: str = ""
    reason: str = ""


@router.get("/procurements/{pk}/published-answers", response={200: list[PublishedAnswerOut], **ERRORS}, auth=ANYONE,
            tags=["participation"])
def published_answers(request, pk: int):
    """Free-text answers chosen for publication, as the public sees them (moderated parts replaced)."""
    return list(selectors.published_answers_of(visible_procurement(request.user, pk)))


@router.get("/procurements/{pk}/published-answers.csv", response={200: None, **ERRORS}, auth=ANYONE, tags=["participation"])
def published_answers_as_csv(request, pk: int):
    return published_answers_download(visible_procurement(request.user, pk), "csv")


@router.get("/procurements/{pk}/published-answers.xlsx", response={200: None, **ERRORS}, auth=ANYONE,
            tags=["participation"])
def published_answers_as_xlsx(request, pk: int):
    return published_answers_download(visible_procurement(request.user, pk), "xlsx")


def _managed_question(request, pk: int) -> Question:
    question = Question.objects.select_related("survey__activity__procurement").filter(pk=pk).first()
    if question is None or not request.user.has_perm("participation.view", question.survey.procurement):
        raise Http404
    if not request.user.has_perm("participation.manage", question.survey.procurement):
        raise PermissionDenied
    return question


@router.post("/questions/{pk}/published-answers", response={201: PublishedAnswerOut, **ERRORS}, auth=SIGNED_IN,
             tags=["participation"])
def publish_answer(request, pk: int, payload: PublishAnswerIn):
    """Publish a free-text answer or an excerpt of one: 422 ``publish_not_an_answer`` when the
    text is not in any answer, 409 ``publish_too_few_answers`` under k (the procurement's staff)."""
    question = _managed_question(request, pk)
    data = validated(PublishAnswerForm, payload.dict())
    return Status(201, services.publish_answer(request.user, question, data["text"]))


@router.post("/published-answers/{pk}/redactions", response={201: PublishedAnswerOut, **ERRORS}, auth=SIGNED_IN,
             tags=["participation"])
def redact_published_answer(request, pk: int, payload: RedactionIn):
    """Hide part of a published answer: ``start``/``end`` or ``passage``, and a ``reason``."""
    published = PublishedAnswer.objects.select_related("question__survey__activity__procurement").filter(pk=pk).first()
    if published is None or not request.user.has_perm("participation.view", published.question.survey.procurement):
        raise Http404
    if not request.user.has_perm("participation.manage", published.question.survey.procurement):
        raise PermissionDenied
    data = validated(RedactionForm, payload.dict(), text=published.text)
    return Status(201, services.redact_published_answer(request.user, published, data))


class SurveyIn(Schema):
    title: TranslatedIn
    intro: TranslatedIn | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    mode: str = "anonymous"
    k_threshold: int = 5


class QuestionIn(Schema):
    kind: str
    text: TranslatedIn
    help: TranslatedIn | None = None
    required: bool = False
    choices: TranslatedIn | None = None
    allow_other: bool = False
    minimum: int | None = None
    maximum: int | None = None


@router.post("/activities/{pk}/surveys", response={201: SurveyOut, **ERRORS}, auth=SIGNED_IN, tags=["participation"])
def create_survey(request, pk: int, payload: SurveyIn):
    """A new survey on the activity; ``mode`` is ``anonymous`` or ``identified``. Without
    ``opens_at`` it is open at once: give a future ``opens_at`` and ``POST /surveys/{id}/open``
    when the questions are ready (the procurement's staff)."""
    activity = _activity(request, pk)
    if not request.user.has_perm("participation.manage", activity.procurement):
        raise PermissionDenied
    survey = services.create_survey(request.user, activity, validated(SurveyForm, payload.dict()))
    return Status(201, get_survey(request, survey.pk))


@router.post("/surveys/{pk}/questions", response={201: SurveyOut, **ERRORS}, auth=SIGNED_IN, tags=["participation"])
def add_question(request, pk: int, payload: QuestionIn):
    """Add a question: ``kind`` ``likert``, ``single``, ``multiple`` (``choices``: one per line,
    the same lines in each language; ``allow_other``), ``number`` (``minimum``, ``maximum``) or
    ``text``; 409 ``survey_has_answers`` once people have answered (the procurement's staff)."""
    survey = _managed_survey(request, pk)
    services.add_question(request.user, survey, validated(QuestionForm, payload.dict()))
    return Status(201, get_survey(request, pk))
