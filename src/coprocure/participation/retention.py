"""Retention rules for participation's personal data (registered with ``core.retention``)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce

from coprocure.core.models import Phase, PhaseChange
from coprocure.core.retention import cutoff, register

from .models import Contribution, Registration, Response, SurveyMode


def registration_needs(now: datetime) -> int:
    """Needs, diet and interpreter often reveal health: cleared once the activity is over, with
    the name and contact of a sign-up made without an account, which served only to reach the
    person about this activity; the registration stays for attendance and the equality figures
    (its background is a snapshot)."""
    ended = Coalesce(F("activity__ends_at"), F("activity__starts_at"), F("created_at"))
    kept = ~Q(needs="") | ~Q(dietary="") | ~Q(interpreter="") | Q(assistance=True) | ~Q(name="") | ~Q(email="") | ~Q(phone="")
    return (Registration.objects.annotate(ended=ended).filter(kept, ended__lt=cutoff(now, "registration_needs"))
            .update(needs="", dietary="", interpreter="", assistance=False, name="", email="", phone=""))


def contributions(now: datetime) -> int:
    worked = Coalesce(F("activity__ends_at"), F("activity__starts_at"), F("updated_at"))
    return Contribution.objects.annotate(worked=worked).filter(worked__lt=cutoff(now, "contributions")).delete()[0]


def identified_answers(now: datetime) -> int:
    closed_before = cutoff(now, "identified_answers")
    closed = (PhaseChange.objects.filter(target=Phase.CLOSED).values("procurement")
              .annotate(at=Max("changed_at")).filter(at__lt=closed_before).values("procurement"))
    return (Response.objects.filter(mode=SurveyMode.IDENTIFIED, participant__isnull=False,
                                    survey__activity__procurement__phase=Phase.CLOSED,
                                    survey__activity__procurement__in=closed)
            .update(participant=None))


def install() -> None:
    register("registration_needs", registration_needs)
    register("contributions", contributions)
    register("identified_answers", identified_answers)
