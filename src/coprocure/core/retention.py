"""Retention: personal data is kept only as long as the register in docs/privacy.md says.

``enforce`` deletes or anonymises whatever has passed its period (``settings.COPROCURE_RETENTION_DAYS``).
It is idempotent (a second run finds nothing), writes one audit entry with the counts when it
changed anything, and is meant to run daily from cron: ``coprocure enforce-retention``.
Accounts themselves are not removed by age: a decision must keep naming its accountable
official, so accounts go only by erasure (``erase-person``).

Each app registers the rules for its own personal data (``register``, called from its
``AppConfig.ready``), as it registers its export and erasure with ``core.gdpr``: core knows
no app above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.outbox import services as outbox


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[datetime], int]  # (now) -> rows deleted or anonymised


RULES: list[Rule] = []


def register(name: str, apply: Callable[[datetime], int]) -> None:
    RULES.append(Rule(name, apply))


def cutoff(now: datetime, kind: str) -> datetime:
    """The moment before which data of ``kind`` has passed its retention period."""
    return now - timedelta(days=settings.COPROCURE_RETENTION_DAYS[kind])


def _failed_sign_ins(now: datetime) -> int:
    before = cutoff(now, "failed_sign_ins")
    return (AccessAttempt.objects.filter(attempt_time__lt=before).delete()[0]
            + AccessFailureLog.objects.filter(attempt_time__lt=before).delete()[0])


def _sessions(now: datetime) -> int:
    return Session.objects.filter(expire_date__lt=cutoff(now, "sessions")).delete()[0]


register("failed_sign_ins", _failed_sign_ins)
register("sessions", _sessions)
register("sent_messages", outbox.forget_sent)


@transaction.atomic
def enforce(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    done = {rule.name: rule.apply(now) for rule in RULES}
    if any(done.values()):
        audit.record(None, "retention.enforce", RetentionRun(), None, {"at": now.isoformat(), **done})
    return done


class RetentionRun:
    """The audit entry's object: the retention run itself, not a stored row."""

    pk = "retention"
