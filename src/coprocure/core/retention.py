"""Retention: personal data is kept only as long as the register in docs/privacy.md says.

``enforce`` deletes or anonymises whatever has passed its period (``settings.COPROCURE_RETENTION_DAYS``).
It is idempotent (a second run finds nothing), writes one audit entry with the counts when it
changed anything, and is meant to run daily from cron: ``coprocure enforce-retention``.
Accounts themselves are not removed by age: a decision must keep naming its accountable
official, so accounts go only by erasure (``erase-person``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from coprocure.audit import services as audit

from .models import Phase, PhaseChange


def _cutoff(now: datetime, kind: str) -> datetime:
    return now - timedelta(days=settings.COPROCURE_RETENTION_DAYS[kind])


@transaction.atomic
def enforce(now: datetime | None = None) -> dict[str, int]:
    from coprocure.followup import services as followup
    from coprocure.participation.models import Contribution, Registration, Response, SurveyMode

    now = now or timezone.now()
    done: dict[str, int] = {}

    cutoff = _cutoff(now, "failed_sign_ins")
    done["failed_sign_ins"] = (AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
                               + AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0])
    done["sessions"] = Session.objects.filter(expire_date__lt=_cutoff(now, "sessions")).delete()[0]

    # Needs, diet and interpreter often reveal health: cleared once the activity is over; the
    # registration stays for attendance and the equality figures (its background is a snapshot).
    ended = Coalesce(F("activity__ends_at"), F("activity__starts_at"), F("created_at"))
    needs = ~Q(needs="") | ~Q(dietary="") | ~Q(interpreter="") | Q(assistance=True)
    done["registration_needs"] = (
        Registration.objects.annotate(ended=ended).filter(needs, ended__lt=_cutoff(now, "registration_needs"))
        .update(needs="", dietary="", interpreter="", assistance=False)
    )

    worked = Coalesce(F("activity__ends_at"), F("activity__starts_at"), F("updated_at"))
    done["contributions"] = (Contribution.objects.annotate(worked=worked)
                             .filter(worked__lt=_cutoff(now, "contributions")).delete()[0])

    closed_before = _cutoff(now, "identified_answers")
    closed = (PhaseChange.objects.filter(target=Phase.CLOSED).values("procurement")
              .annotate(at=Max("changed_at")).filter(at__lt=closed_before).values("procurement"))
    done["identified_answers"] = (
        Response.objects.filter(mode=SurveyMode.IDENTIFIED, participant__isnull=False,
                                survey__activity__procurement__phase=Phase.CLOSED,
                                survey__activity__procurement__in=closed)
        .update(participant=None)
    )

    done["follow_up_contacts"] = followup.forget_closed()

    if any(done.values()):
        audit.record(None, "retention.enforce", RetentionRun(), None, {"at": now.isoformat(), **done})
    return done


class RetentionRun:
    """The audit entry's object: the retention run itself, not a stored row."""

    pk = "retention"
