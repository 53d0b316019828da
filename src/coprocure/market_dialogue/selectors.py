"""Reads of the market dialogue, and the loaders that decide who may see a stage, a registration,
a question and a session (404 alike for missing and not visible)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404

from coprocure.core import visibility
from coprocure.procedures.selectors import visible_stage

from .models import DialogueLearning, DialogueRegistration, DialogueSession, RegistrationStatus, WrittenQuestion


def dialogue_stage(user, pk: int):
    stage = visible_stage(user, pk)
    if stage.kind != "market_dialogue":
        raise Http404
    return stage


def _in_visible_stage(user, obj):
    obj.stage = dialogue_stage(user, obj.stage_id)
    return obj


def registration(user, pk: int) -> DialogueRegistration:
    found = DialogueRegistration.objects.select_related("organisation").filter(pk=pk).first()
    if found is None:
        raise Http404
    return _in_visible_stage(user, found)


def question(user, pk: int) -> WrittenQuestion:
    found = WrittenQuestion.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return _in_visible_stage(user, found)


def session(user, pk: int) -> DialogueSession:
    found = DialogueSession.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return _in_visible_stage(user, found)


def own_registration(user, stage) -> DialogueRegistration | None:
    if not user.is_authenticated or user.organisation_id is None:
        return None
    return DialogueRegistration.objects.filter(stage=stage, organisation_id=user.organisation_id).first()


def registrations(stage) -> list[DialogueRegistration]:
    """Staff's list in the order of registration, with how many questions each organisation asked
    and how many were answered. The order is named: Django leaves the model's ordering out of a
    query that groups, so the list came back in whatever order PostgreSQL grouped it."""
    return list(DialogueRegistration.objects.filter(stage=stage).select_related("organisation").annotate(
        asked=Count("questions"), answered=Count("questions", filter=Q(questions__answered_at__isnull=False)))
        .order_by("registered_at", "id"))


def seated(stage) -> list[dict]:
    """The confirmed organisations by name and kind of seat: public, so user representatives' places show."""
    return [{"organisation": r.organisation.name, "seat_kind": r.seat_kind}
            for r in DialogueRegistration.objects.filter(stage=stage, status=RegistrationStatus.CONFIRMED)
            .select_related("organisation")]


def answered_questions(stage) -> list[dict]:
    """Published answers; the asker is named only where it agreed."""
    return [{"id": q.pk, "question": q.text, "answer": q.answer, "answered_at": q.answered_at,
             "asker": q.registration.organisation.name if q.may_name_asker else None}
            for q in WrittenQuestion.objects.filter(stage=stage, answered_at__isnull=False)
            .select_related("registration__organisation")]


def waiting_questions(stage) -> list[WrittenQuestion]:
    return list(WrittenQuestion.objects.filter(stage=stage, answered_at__isnull=True)
                .select_related("registration__organisation"))


def sessions(user, stage) -> list[dict]:
    """Sessions with their agendas; minutes once published, the confidential part by the visibility policy."""
    return [{"id": s.pk, "starts_at": s.starts_at, "place": s.place, "online": s.online, "agenda": s.agenda,
             "minutes": visibility.shown(user, s, "minutes", ""),
             "confidential_minutes": visibility.shown(user, s, "confidential_minutes", ""),
             "published": s.is_published}
            for s in DialogueSession.objects.filter(stage=stage).select_related("stage__procurement")]


def learnings(stage) -> list[DialogueLearning]:
    return list(DialogueLearning.objects.filter(stage=stage).prefetch_related("objectives"))


def procurement_learnings(procurement) -> list[DialogueLearning]:
    """Every market dialogue learning of a procurement, for its "what came of it" trail."""
    return list(DialogueLearning.objects.filter(stage__procurement=procurement).prefetch_related("objectives"))
