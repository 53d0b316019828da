"""The JSON shapes of participation's /api/v1 endpoints."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import Schema

from coprocure.api.schemas import TranslatedIn, TranslatedOut
from coprocure.core import visibility

from . import codes, selectors
from .models import ACCESSIBILITY, RegistrationStatus


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


class AnswerTokenOut(Schema):
    token: str
    expires_in: int


class ResponseIn(Schema):
    answers: dict[str, Any]
    # Required for an anonymous survey: from GET /surveys/{id}/token, used once.
    token: str | None = None
    target_group: str = ""
    age_band: str = ""


class ResponseOut(Schema):
    received: bool
    answered_on: str


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


class ExcerptRedactionIn(Schema):
    excerpt: int | None = None
    start: int | None = None
    end: int | None = None
    passage: str = ""
    reason: str = ""


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


class RegistrationIn(Schema):
    name: str = ""  # asked only of an account without a name (made by e-mail or Suomi.fi)
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


class GuestRegistrationIn(RegistrationIn):
    email: str = ""
    phone: str = ""


class GuestRegistrationOut(RegistrationOut):
    """``link_token`` is what the link sent to the contact carries: with it the sign-up is seen,
    confirmed or cancelled at ``/registrations/link/{token}``."""

    link_token: str

    @staticmethod
    def resolve_link_token(obj):
        return codes.registration_link_token(obj)


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
        return obj.display_name

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


class NeedsPatch(Schema):
    """The needs of one's own sign-up; a field left out keeps its value."""

    dietary: str | None = None
    assistance: bool | None = None
    interpreter: str | None = None
    needs: str | None = None


class SignUpNeedsOut(Schema):
    id: int
    activity: int
    status: str
    dietary: str
    assistance: bool
    interpreter: str
    needs: str

    @staticmethod
    def resolve_activity(obj):
        return obj.activity_id

    @staticmethod
    def resolve_dietary(obj, context):
        return visibility.shown(context["request"].user, obj, "dietary", hidden="")

    @staticmethod
    def resolve_interpreter(obj, context):
        return visibility.shown(context["request"].user, obj, "interpreter", hidden="")

    @staticmethod
    def resolve_needs(obj, context):
        return visibility.shown(context["request"].user, obj, "needs", hidden="")
