"""What the evaluation selectors' chapters share."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy

from coprocure.audit.models import AuditEntry
from coprocure.domain import evaluation
from coprocure.domain import ledger as ledger_rule
from coprocure.participation import publication

DIMENSIONS = {
    evaluation.ParticipationDimension.OWN_LIFE: gettext_lazy("Participation in one's own life"),
    evaluation.ParticipationDimension.INFLUENCE: gettext_lazy("Participation in decisions about services"),
    evaluation.ParticipationDimension.COMMON_GOOD: gettext_lazy("Participation in the common good"),
}


def outreach_of(places: dict, phases: dict, k: int):
    """The outreach share, shown only when both its parts are (with the number of
    participations as its whole, a share of a hidden part would narrow that part down)."""
    parts = ledger_rule.split(places, phases, k)
    outreach, institutional = parts.get(publication.OUTREACH, 0), parts.get(publication.INSTITUTIONAL, 0)
    if outreach is None or institutional is None:
        return None
    return evaluation.outreach_share(outreach, institutional, k)


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
