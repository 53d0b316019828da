"""The accessibility statement's feedback channel (Act 306/2019): the only writer of feedback,
and the rule that forgets it.

Feedback needs no account. It is stored with the day it arrived and the day the law's 14 days
for an answer run out; its e-mail address is kept only to answer, and the whole record goes two
years after the answer (``forget_answered``, run daily by ``coprocure enforce-retention``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit

from .models import AccessibilityFeedback

ANSWER_DAYS = 14
KEPT_AFTER_ANSWER_DAYS = 730


@transaction.atomic
def submit_feedback(data: dict) -> AccessibilityFeedback:
    today = timezone.localdate()
    feedback = AccessibilityFeedback.objects.create(
        message=data["message"], page=data.get("page", ""), contact=data.get("contact", ""),
        answer_by=today + timedelta(days=ANSWER_DAYS),
    )
    # The entry records that feedback arrived and its deadline, never its words or its address.
    audit.record(None, "accessibility.feedback", feedback, None, {"answer_by": feedback.answer_by.isoformat()})
    return feedback


def forget_answered(now: datetime) -> int:
    before = timezone.localdate(now) - timedelta(days=KEPT_AFTER_ANSWER_DAYS)
    return AccessibilityFeedback.objects.filter(answered_on__lt=before).delete()[0]
