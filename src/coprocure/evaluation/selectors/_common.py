"""What the evaluation selectors' chapters share."""

from __future__ import annotations

from datetime import datetime

from django.db.models import CharField, F, Q, Value
from django.utils.translation import gettext_lazy

from coprocure.audit.models import AuditEntry
from coprocure.domain import evaluation
from coprocure.participation.models import Registration, Response

DIMENSIONS = {
    evaluation.ParticipationDimension.OWN_LIFE: gettext_lazy("Participation in one's own life"),
    evaluation.ParticipationDimension.INFLUENCE: gettext_lazy("Participation in decisions about services"),
    evaluation.ParticipationDimension.COMMON_GOOD: gettext_lazy("Participation in the common good"),
}

# Answers to the experience surveys are feedback on taking part, not taking part: counted
# with it, a hidden round's number of respondents could be worked out from the ledger.
OWN_ANSWERS = Q(survey__experience__isnull=True)

# Taking part is answering a survey (with its channel: an online answer is never outreach) or
# attending an event (at the activity's own setting): (model, path to the activity, filter, channel).
HOW_TAKEN_PART = (
    (Response, "survey__activity__", OWN_ANSWERS, F("channel")),
    (Registration, "activity__", Q(attended=True), Value(None, output_field=CharField())),
)


def as_float(value, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def as_percent(value) -> float | None:
    return None if value is None else round(float(value) * 100, 1)


def round_states(surveys, now) -> dict[int, str]:
    """Whether each experience survey's scores are published (participation's ``Survey`` id →
    ``published``, ``open`` or ``reopened``): one version per round, so a round shows its
    figures once its survey has closed, and never again once it has been opened after closing
    (the second version minus the first would tell the answers added in between). One query
    for all of them."""
    states = {s.pk: PUBLISHED if s.closes_at is not None and s.closes_at <= now else OPEN for s in surveys}
    for object_id, at, before in (AuditEntry.objects.filter(
            action="participation.survey_open", object_type="participation.survey",
            object_id__in=[str(pk) for pk in states]).values_list("object_id", "at", "before")):
        closes = (before or {}).get("closes_at")
        if closes and datetime.fromisoformat(closes) <= at:
            states[int(object_id)] = REOPENED
    return states


PUBLISHED, OPEN, REOPENED = "published", "open", "reopened"
