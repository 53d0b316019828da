"""The market dialogue's one service layer: seats, registrations and their confirmation, written
questions and answers sent to all, sessions with minutes, and what was learned. Every change is
atomic and in the audit trail; e-mail goes through the outbox after the commit."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coprocure.audit import services as audit
from coprocure.domain import market_dialogue as rules
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError, fail
from coprocure.outbox import services as outbox
from coprocure.procedures.models import Stage, StageKind, StageState

from .models import (DialogueLearning, DialogueRegistration, DialogueSeats, DialogueSession, RegistrationStatus,
                     WrittenQuestion)


def _dialogue(stage: Stage) -> Stage:
    if stage.kind != StageKind.MARKET_DIALOGUE:
        raise fail("dialogue_not_market_dialogue", status=409)
    return stage


def _before_deadline(stage: Stage) -> None:
    if stage.state == StageState.CLOSED or stage.closes_at <= timezone.now():
        raise fail("dialogue_registration_closed", status=409)


def seats_of(stage: Stage) -> DialogueSeats:
    return DialogueSeats.objects.filter(stage=stage).first() or DialogueSeats(stage=stage)


def save_seats(actor, stage: Stage, data: dict) -> DialogueSeats:
    _dialogue(stage)
    with transaction.atomic():
        seats = DialogueSeats.objects.select_for_update().filter(stage=stage).first() or DialogueSeats(stage=stage)
        before = {"provider_seats": seats.provider_seats, "user_association_seats": seats.user_association_seats}
        seats.provider_seats, seats.user_association_seats = data["provider_seats"], data["user_association_seats"]
        seats.save()
        audit.record(actor, "market_dialogue.seats", stage, before,
                     {"provider_seats": seats.provider_seats, "user_association_seats": seats.user_association_seats})
    return seats


def register(actor, stage: Stage, data: dict) -> DialogueRegistration:
    """The actor's organisation registers with a contact; staff confirm it into a seat."""
    _dialogue(stage)
    organisation = actor.organisation
    with transaction.atomic():
        stage = Stage.objects.select_for_update().get(pk=stage.pk)
        _before_deadline(stage)
        try:
            with transaction.atomic():
                registration = DialogueRegistration.objects.create(
                    stage=stage, organisation=organisation, seat_kind=rules.seat_kind(organisation.kind),
                    contact_name=data["contact_name"], contact_email=data["contact_email"])
        except IntegrityError:
            raise fail("dialogue_already_registered", status=409) from None
        audit.record(actor, "market_dialogue.registered", registration, None,
                     {"organisation": organisation.pk, "seat_kind": registration.seat_kind})
    return registration


def decide_registration(actor, registration: DialogueRegistration, confirm: bool) -> DialogueRegistration:
    """Confirm into a free seat of the organisation's own kind, or refuse; a user or patient
    association is never refused while an associations' seat is free."""
    with transaction.atomic():
        stage = Stage.objects.select_for_update().get(pk=registration.stage_id)
        registration = DialogueRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.PENDING:
            raise fail("dialogue_already_decided", status=409)
        kind = rules.SeatKind(registration.seat_kind)
        taken = DialogueRegistration.objects.filter(stage=stage, seat_kind=kind,
                                                    status=RegistrationStatus.CONFIRMED).count()
        seats = seats_of(stage).seats(kind)
        try:
            (rules.check_confirmation if confirm else rules.check_refusal)(kind, taken, seats)
        except DomainError as error:
            raise ServiceError.from_domain(error, status=409) from None
        registration.status = RegistrationStatus.CONFIRMED if confirm else RegistrationStatus.REFUSED
        registration.decided_by = actor
        registration.save(update_fields=["status", "decided_by"])
        audit.record(actor, "market_dialogue.registration_decided", registration,
                     {"status": RegistrationStatus.PENDING}, {"status": registration.status})
    return registration


def ask(actor, stage: Stage, data: dict) -> WrittenQuestion:
    """Only an organisation whose registration was confirmed asks, before the deadline."""
    _dialogue(stage)
    with transaction.atomic():
        registration = DialogueRegistration.objects.filter(
            stage=stage, organisation_id=actor.organisation_id, status=RegistrationStatus.CONFIRMED).first()
        if registration is None:
            raise fail("dialogue_not_registered", status=403)
        _before_deadline(stage)
        question = WrittenQuestion.objects.create(stage=stage, registration=registration, text=data["text"],
                                                  may_name_asker=data.get("may_name_asker", False))
        audit.record(actor, "market_dialogue.asked", question, None, {"registration": registration.pk})
    return question


def answer(actor, question: WrittenQuestion, text: str) -> WrittenQuestion:
    """The answer is published on the stage page and e-mailed to every organisation registered
    (not refused), the asker named only if it agreed."""
    with transaction.atomic():
        question = WrittenQuestion.objects.select_for_update().select_related("stage__procurement").get(pk=question.pk)
        if question.answered_at is not None:
            raise fail("dialogue_already_answered", status=409)
        question.answer, question.answered_at, question.answered_by = text, timezone.now(), actor
        question.save(update_fields=["answer", "answered_at", "answered_by"])
        recipients = (DialogueRegistration.objects.filter(stage=question.stage_id)
                      .exclude(status=RegistrationStatus.REFUSED).values_list("contact_email", flat=True))
        subject = _("Market dialogue: a question answered")
        body = "\n\n".join([str(question.stage.procurement), _("Question:"), question.text, _("Answer:"), text])
        sent = outbox.send_many(f"market_dialogue.answer:{question.pk}",
                                [(email, {"subject": subject, "body": body, "headers": {}}) for email in recipients])
        audit.record(actor, "market_dialogue.answered", question, None, {"sent_to": sent})
    return question


def add_session(actor, stage: Stage, data: dict) -> DialogueSession:
    _dialogue(stage)
    with transaction.atomic():
        session = DialogueSession.objects.create(stage=stage, **data)
        audit.record(actor, "market_dialogue.session", session, None,
                     {"starts_at": session.starts_at.isoformat(), "online": session.online})
    return session


def publish_minutes(actor, session: DialogueSession, data: dict) -> DialogueSession:
    """The authority writes and publishes the minutes; the confidential part stays its own."""
    if not data["minutes"].strip():
        raise fail("dialogue_minutes_empty", "minutes")
    with transaction.atomic():
        session = DialogueSession.objects.select_for_update().get(pk=session.pk)
        before = {"published": session.minutes_published_at is not None}
        session.minutes, session.confidential_minutes = data["minutes"], data.get("confidential_minutes", "")
        session.minutes_published_at = timezone.now()
        session.save(update_fields=["minutes", "confidential_minutes", "minutes_published_at"])
        audit.record(actor, "market_dialogue.minutes_published", session, before, {"published": True})
    return session


def add_learning(actor, stage: Stage, data: dict) -> DialogueLearning:
    """What was learned, linked to the objectives of this same procurement it changed."""
    _dialogue(stage)
    objectives = list(data.get("objectives") or [])
    if any(objective.procurement_id != stage.procurement_id for objective in objectives):
        raise fail("dialogue_objective_elsewhere", "objectives")
    with transaction.atomic():
        learning = DialogueLearning.objects.create(stage=stage, text=data["text"],
                                                   documents_changed=data.get("documents_changed", ""))
        learning.objectives.set(objectives)
        audit.record(actor, "market_dialogue.learning", learning, None,
                     {"objectives": [o.pk for o in objectives], "documents_changed": learning.documents_changed})
    return learning
