"""Reads of what is open for taking part right now, for the pages of a survey that is not."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from .models import Survey, SurveyMode


def open_now() -> Q:
    """A survey open at this moment: opened (or with no opening time) and not yet closed."""
    now = timezone.now()
    return (Q(opens_at__isnull=True) | Q(opens_at__lte=now)) & (Q(closes_at__isnull=True) | Q(closes_at__gt=now))


def other_open_surveys(survey: Survey) -> list[Survey]:
    """The procurement's other anonymous surveys open now that anyone may answer, offered on a
    survey that is closed or not yet open so that a person is never left without a way to take
    part. A contract's outcome rounds take invitation codes only and are not offered."""
    others = (Survey.objects.filter(open_now(), activity__procurement=survey.activity.procurement_id,
                                    mode=SurveyMode.ANONYMOUS, by_invitation=False)
              .exclude(pk=survey.pk).order_by("closes_at", "pk"))
    return list(others)
