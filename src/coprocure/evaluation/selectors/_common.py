"""What the evaluation selectors' chapters share."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db.models import CharField, F, Q, Value
from django.utils.translation import gettext_lazy

from coprocure.audit.models import AuditEntry
from coprocure.domain import evaluation
from coprocure.domain import ledger as ledger_rule
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


OUTREACH, INSTITUTIONAL = "outreach", "institutional"


def taking_part_counts(rows) -> tuple[dict, dict, dict, dict]:
    """Participations per phase and target group, those who did not say per phase, and the
    (phase, method) and (phase, outreach or not) cells, from ``HOW_TAKEN_PART`` rows of
    (phase, kind, setting, group, channel, n)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    unstated, methods, places = defaultdict(int), defaultdict(int), defaultdict(int)
    for phase, kind, setting, group, how, n in rows:
        if group:
            counts[phase][group] += n
        else:
            unstated[phase] += n
        methods[(phase, kind)] += n
        places[(phase, OUTREACH if evaluation.is_outreach(setting, how) else INSTITUTIONAL)] += n
    return {phase: dict(row) for phase, row in counts.items()}, dict(unstated), dict(methods), dict(places)


def outreach_of(places: dict, phases: dict, k: int):
    """The outreach share, shown only when both its parts are (with the number of
    participations as its whole, a share of a hidden part would narrow that part down)."""
    parts = ledger_rule.split(places, phases, k)
    if parts.get(OUTREACH, 0) is None or parts.get(INSTITUTIONAL, 0) is None:
        return None
    return evaluation.outreach_share(parts.get(OUTREACH, 0), parts.get(INSTITUTIONAL, 0), k)


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
