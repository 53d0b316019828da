"""What the evaluation selectors' chapters share."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy

from coprocure.domain import evaluation

DIMENSIONS = {
    evaluation.ParticipationDimension.OWN_LIFE: gettext_lazy("Participation in one's own life"),
    evaluation.ParticipationDimension.INFLUENCE: gettext_lazy("Participation in decisions about services"),
    evaluation.ParticipationDimension.COMMON_GOOD: gettext_lazy("Participation in the common good"),
}

# Answers to the experience surveys are feedback on taking part, not taking part: counted
# with it, a hidden round's number of respondents could be worked out from the ledger.
OWN_ANSWERS = Q(survey__experience__isnull=True)


def as_float(value, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def as_percent(value) -> float | None:
    return None if value is None else round(float(value) * 100, 1)
