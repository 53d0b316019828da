"""The market dialogue stage's page: its notice, seats, who takes part, the published answers,
sessions with agendas and minutes, and what was learned, for everyone once the procedure is
published; an organisation's registration and questions; the authority's workspace."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coprocure.web.forms import post_form, require

from . import selectors, services
from .forms import (AnswerForm, DecisionForm, LearningForm, MinutesForm, QuestionForm, RegistrationForm, SeatsForm,
                    SessionForm)


def _context(request, stage, forms: dict) -> dict:
    user, procurement = request.user, stage.procurement
    staff = user.has_perm("market_dialogue.manage", procurement)
    seats = services.seats_of(stage)
    context = {"stage": stage, "procurement": procurement, "staff": staff, "seats": seats,
               "seated": selectors.seated(stage), "answers": selectors.answered_questions(stage),
               "sessions": selectors.sessions(user, stage), "learnings": selectors.learnings(stage), **forms}
    if user.has_perm("market_dialogue.register", procurement):
        context["own"] = selectors.own_registration(user, stage)
        context.setdefault("registration_form", RegistrationForm())
        context.setdefault("question_form", QuestionForm())
    if user.has_perm("market_dialogue.read_registrations", procurement):
        context["registrations"] = selectors.registrations(stage)
        context["waiting"] = selectors.waiting_questions(stage)
    if staff:
        context.setdefault("seats_form", SeatsForm(instance=seats))
        context.setdefault("session_form", SessionForm())
        context.setdefault("learning_form", _learning_form(stage))
    return context


def _learning_form(stage, data=None) -> LearningForm:
    form = LearningForm(data)
    form.fields["objectives"].queryset = stage.procurement.objectives.all()
    return form


def dialogue(request, pk: int):
    stage = selectors.dialogue_stage(request.user, pk)
    return render(request, "market_dialogue/dialogue.html", _context(request, stage, {}))


def _post(request, stage, name, form, save, success):
    """The stage's page again with the form's errors, at the status the service refused with."""
    return post_form(request, form, save, success=success, next_url=reverse("market_dialogue", args=[stage.pk]),
                     page=lambda status: render(request, "market_dialogue/dialogue.html",
                                                _context(request, stage, {name: form}), status=status))


@login_required
@require_POST
def save_seats(request, pk: int):
    stage = selectors.dialogue_stage(request.user, pk)
    require(request, "market_dialogue.manage", stage.procurement)
    return _post(request, stage, "seats_form", SeatsForm(request.POST),
                 lambda data: services.save_seats(request.user, stage, data), _("Saved."))


@login_required
@require_POST
def register(request, pk: int):
    stage = selectors.dialogue_stage(request.user, pk)
    require(request, "market_dialogue.register", stage.procurement)
    return _post(request, stage, "registration_form", RegistrationForm(request.POST),
                 lambda data: services.register(request.user, stage, data),
                 _("Your organisation is registered. The authority confirms the registration."))


@login_required
@require_POST
def decide(request, pk: int):
    registration = selectors.registration(request.user, pk)
    require(request, "market_dialogue.manage", registration.stage.procurement)
    return _post(request, registration.stage, "decision_form", DecisionForm(request.POST),
                 lambda data: services.decide_registration(request.user, registration, data["confirm"]),
                 _("Saved."))


@login_required
@require_POST
def ask(request, pk: int):
    stage = selectors.dialogue_stage(request.user, pk)
    require(request, "market_dialogue.ask", stage.procurement)
    return _post(request, stage, "question_form", QuestionForm(request.POST),
                 lambda data: services.ask(request.user, stage, data),
                 _("Your question was sent. The answer is sent to every registered organisation."))


@login_required
@require_POST
def answer(request, pk: int):
    question = selectors.question(request.user, pk)
    require(request, "market_dialogue.manage", question.stage.procurement)
    return _post(request, question.stage, "answer_form", AnswerForm(request.POST),
                 lambda data: services.answer(request.user, question, data["answer"]),
                 _("The answer was published and sent to every registered organisation."))


@login_required
@require_POST
def add_session(request, pk: int):
    stage = selectors.dialogue_stage(request.user, pk)
    require(request, "market_dialogue.manage", stage.procurement)
    return _post(request, stage, "session_form", SessionForm(request.POST),
                 lambda data: services.add_session(request.user, stage, data), _("Saved."))


@login_required
@require_POST
def publish_minutes(request, pk: int):
    session = selectors.session(request.user, pk)
    require(request, "market_dialogue.manage", session.stage.procurement)
    return _post(request, session.stage, "minutes_form", MinutesForm(request.POST),
                 lambda data: services.publish_minutes(request.user, session, data), _("The minutes were published."))


@login_required
@require_POST
def add_learning(request, pk: int):
    stage = selectors.dialogue_stage(request.user, pk)
    require(request, "market_dialogue.manage", stage.procurement)
    return _post(request, stage, "learning_form", _learning_form(stage, request.POST),
                 lambda data: services.add_learning(request.user, stage, data), _("Published."))
