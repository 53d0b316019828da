"""The accessibility statement's feedback channel (Act 306/2019): the only writer of feedback,
and the rule that forgets it; and the reader of the automated checks' summary.

Feedback needs no account. It is stored with the day it arrived and the day the law's 14 days
for an answer run out, and it is sent through the outbox to the contact the latest assessment
names (the site administrators when no assessment names one yet); its e-mail address is kept
only to answer, and the whole record goes two years after the answer (``forget_answered``, run
daily by ``coprocure enforce-retention``).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coprocure.audit import services as audit
from coprocure.domain import conformance
from coprocure.outbox import services as outbox

from .models import AccessibilityAssessment, AccessibilityFeedback, User

ANSWER_DAYS = 14
KEPT_AFTER_ANSWER_DAYS = 730
# Where a person turns when the answer does not satisfy them (the statement page gives its contacts).
SUPERVISORY_AUTHORITY = "https://www.saavutettavuusvaatimukset.fi/"
# Written by the automated checks when `make test` runs them (tests/web/accessibility_summary.py) and
# committed with the code it describes, so the statement speaks of the version that is running.
SUMMARY_FILE = Path(__file__).with_name("accessibility_checks.json")


@transaction.atomic
def submit_feedback(data: dict) -> AccessibilityFeedback:
    today = timezone.localdate()
    feedback = AccessibilityFeedback.objects.create(
        message=data["message"], page=data.get("page", ""), contact=data.get("contact", ""),
        answer_by=today + timedelta(days=ANSWER_DAYS),
    )
    # The entry records that feedback arrived and its deadline, never its words or its address.
    audit.record(None, "accessibility.feedback", feedback, None, {"answer_by": feedback.answer_by.isoformat()})
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Accessibility feedback: answer by %(day)s") % {"day": feedback.answer_by.strftime("%d.%m.%Y")}
        body = render_to_string("core/email/accessibility_feedback.txt", {"feedback": feedback})
    for to in recipients():
        outbox.send(to=to, subject=subject, body=body, cause=f"accessibility-feedback:{feedback.pk}")
    return feedback


def recipients() -> list[str]:
    assessment = AccessibilityAssessment.objects.first()
    if assessment is not None:
        return [assessment.contact_email]
    return list(User.objects.filter(is_superuser=True, is_active=True).exclude(email="")
                .order_by("pk").values_list("email", flat=True))


def forget_answered(now: datetime) -> int:
    before = timezone.localdate(now) - timedelta(days=KEPT_AFTER_ANSWER_DAYS)
    return AccessibilityFeedback.objects.filter(answered_on__lt=before).delete()[0]


def automated_checks() -> list[dict]:
    """Each automated check of the summary, in the order the statement explains them: its tool,
    the pages it looked at (axe: in each language), the violations it found (axe: in all of them)
    and the day (the earliest of axe's languages).
    A check missing from the summary is left out, and the status rule counts it as not run."""
    try:
        recorded = json.loads(SUMMARY_FILE.read_text())["checks"]
    except (FileNotFoundError, ValueError, KeyError):
        recorded = {}
    checks = []
    for name in conformance.CHECKS:
        entry = recorded.get(name)
        if not entry:
            continue
        parts = list(entry["languages"].values()) if "languages" in entry else [entry]
        checks.append({
            "name": name, "tool": parts[0]["tool"],
            "pages": max(len(part["pages"]) for part in parts),
            "violations": sum(part["violations"] for part in parts),
            "checked_on": date.fromisoformat(min(part["checked_on"] for part in parts)),
            "languages": sorted(entry.get("languages", {})),
        })
    return checks


def derived_status(checks: list[dict], open_issues: int, assessment: AccessibilityAssessment | None) -> conformance.Status:
    return conformance.status([conformance.Check(c["name"], c["pages"], c["violations"]) for c in checks], open_issues,
                              assessment.conformance if assessment else None)
