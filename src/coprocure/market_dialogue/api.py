"""/api/v1 for a procedure's market dialogue stage: seats, registrations, written questions and
answers, sessions with minutes, and what was learned. The same services and forms as the pages."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS

from . import selectors, services
from .pdf_views import minutes_document
from .forms import (AnswerForm, DecisionForm, LearningForm, MinutesForm, QuestionForm, RegistrationForm, SeatsForm,
                    SessionForm)

router = Router(tags=["market dialogue"])
stage_by_pk = by_pk(selectors.dialogue_stage)
registration_by_pk = by_pk(selectors.registration)
question_by_pk = by_pk(selectors.question)
session_by_pk = by_pk(selectors.session)


def procurement_of(obj):
    return obj.stage.procurement if hasattr(obj, "stage") else obj.procurement


class SeatsIn(Schema):
    provider_seats: int
    user_association_seats: int


class SeatOut(Schema):
    organisation: str
    seat_kind: str


class AnswerOut(Schema):
    id: int
    question: str
    answer: str
    answered_at: datetime
    asker: str | None


class SessionOut(Schema):
    id: int
    starts_at: datetime
    place: str
    online: bool
    agenda: str
    minutes: str
    confidential_minutes: str
    published: bool


class LearningOut(Schema):
    id: int
    text: str
    documents_changed: str
    objectives: list[int]


class DialogueOut(Schema):
    stage: int
    closes_at: datetime
    provider_seats: int
    user_association_seats: int
    seated: list[SeatOut]
    answers: list[AnswerOut]
    sessions: list[SessionOut]
    learnings: list[LearningOut]


class RegistrationIn(Schema):
    contact_name: str
    contact_email: str


class RegistrationOut(Schema):
    id: int
    organisation: str
    seat_kind: str
    status: str
    contact_name: str
    contact_email: str
    asked: int = 0
    answered: int = 0


class DecisionIn(Schema):
    confirm: bool


class QuestionIn(Schema):
    text: str
    may_name_asker: bool = False


class QuestionOut(Schema):
    id: int
    text: str
    answered: bool


class AnswerIn(Schema):
    answer: str


class SessionIn(Schema):
    starts_at: datetime
    place: str = ""
    online: bool = False
    agenda: str


class MinutesIn(Schema):
    minutes: str
    confidential_minutes: str = ""


class LearningIn(Schema):
    text: str
    objectives: list[int] = []
    documents_changed: str = ""


def _registration(r) -> dict:
    return {"id": r.pk, "organisation": r.organisation.name, "seat_kind": r.seat_kind, "status": r.status,
            "contact_name": r.contact_name, "contact_email": r.contact_email,
            "asked": getattr(r, "asked", 0), "answered": getattr(r, "answered", 0)}


def _learning(learning) -> dict:
    return {"id": learning.pk, "text": learning.text, "documents_changed": learning.documents_changed,
            "objectives": [o.pk for o in learning.objectives.all()]}


def dialogue(request, stage) -> dict:
    seats = services.seats_of(stage)
    return {"stage": stage.pk, "closes_at": stage.closes_at, "provider_seats": seats.provider_seats,
            "user_association_seats": seats.user_association_seats, "seated": selectors.seated(stage),
            "answers": selectors.answered_questions(stage), "sessions": selectors.sessions(request.user, stage),
            "learnings": [_learning(x) for x in selectors.learnings(stage)]}


@router.get("/stages/{pk}/market-dialogue", response={200: DialogueOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=stage_by_pk)
def get_market_dialogue(request, pk: int):
    return dialogue(request, target(request))


@router.put("/stages/{pk}/market-dialogue/seats", response={200: DialogueOut, **ERRORS}, auth=SIGNED_IN)
@permitted("market_dialogue.manage", load=stage_by_pk, of=procurement_of)
def save_dialogue_seats(request, pk: int, payload: SeatsIn):
    services.save_seats(request.user, target(request), validated(SeatsForm, payload.dict()))
    return dialogue(request, target(request))


@router.post("/stages/{pk}/market-dialogue/registrations", response={201: RegistrationOut, **ERRORS},
             auth=SIGNED_IN)
@permitted("market_dialogue.register", load=stage_by_pk, of=procurement_of)
def register_for_dialogue(request, pk: int, payload: RegistrationIn):
    registration = services.register(request.user, target(request), validated(RegistrationForm, payload.dict()))
    return 201, _registration(registration)


@router.get("/stages/{pk}/market-dialogue/registrations", response={200: list[RegistrationOut], **ERRORS},
            auth=SIGNED_IN)
@permitted("market_dialogue.read_registrations", load=stage_by_pk, of=procurement_of)
def dialogue_registrations(request, pk: int):
    return [_registration(r) for r in selectors.registrations(target(request))]


@router.post("/dialogue-registrations/{pk}/decision", response={200: RegistrationOut, **ERRORS}, auth=SIGNED_IN)
@permitted("market_dialogue.manage", load=registration_by_pk, of=procurement_of)
def decide_dialogue_registration(request, pk: int, payload: DecisionIn):
    data = validated(DecisionForm, payload.dict())
    return _registration(services.decide_registration(request.user, target(request), data["confirm"]))


@router.post("/stages/{pk}/market-dialogue/questions", response={201: QuestionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("market_dialogue.ask", load=stage_by_pk, of=procurement_of)
def ask_in_dialogue(request, pk: int, payload: QuestionIn):
    question = services.ask(request.user, target(request), validated(QuestionForm, payload.dict()))
    return 201, {"id": question.pk, "text": question.text, "answered": False}


@router.post("/dialogue-questions/{pk}/answer", response={200: AnswerOut, **ERRORS}, auth=SIGNED_IN)
@permitted("market_dialogue.manage", load=question_by_pk, of=procurement_of)
def answer_dialogue_question(request, pk: int, payload: AnswerIn):
    question = services.answer(request.user, target(request), validated(AnswerForm, payload.dict())["answer"])
    return {"id": question.pk, "question": question.text, "answer": question.answer,
            "answered_at": question.answered_at,
            "asker": question.registration.organisation.name if question.may_name_asker else None}


@router.post("/stages/{pk}/market-dialogue/sessions", response={201: SessionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("market_dialogue.manage", load=stage_by_pk, of=procurement_of)
def add_dialogue_session(request, pk: int, payload: SessionIn):
    services.add_session(request.user, target(request), validated(SessionForm, payload.dict()))
    return 201, selectors.sessions(request.user, target(request))[-1]


@router.put("/dialogue-sessions/{pk}/minutes", response={200: SessionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("market_dialogue.manage", load=session_by_pk, of=procurement_of)
def publish_dialogue_minutes(request, pk: int, payload: MinutesIn):
    session = services.publish_minutes(request.user, target(request), validated(MinutesForm, payload.dict()))
    return next(s for s in selectors.sessions(request.user, session.stage) if s["id"] == session.pk)


@router.get("/dialogue-sessions/{pk}/minutes.pdf", response={200: None, **ERRORS}, auth=ANYONE)
@permitted(None, load=session_by_pk)
def dialogue_minutes_pdf(request, pk: int):
    """The session's published minutes as a PDF in the request's language (Accept-Language), as
    the page ``/dialogue-sessions/{id}/minutes.pdf``: 404 before they are published."""
    return minutes_document(request, target(request))


@router.post("/stages/{pk}/market-dialogue/learnings", response={201: LearningOut, **ERRORS}, auth=SIGNED_IN)
@permitted("market_dialogue.manage", load=stage_by_pk, of=procurement_of)
def add_dialogue_learning(request, pk: int, payload: LearningIn):
    learning = services.add_learning(request.user, target(request), validated(LearningForm, payload.dict()))
    return 201, _learning(learning)
