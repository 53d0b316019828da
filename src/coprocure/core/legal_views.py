"""The pages the law expects of a public service: the accessibility statement with its
feedback channel (Act 306/2019) and the privacy notice (GDPR articles 13 and 14)."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from coprocure.web.forms import posted, save_form
from coprocure.web.ratelimit import rate_limited

from . import accessibility, gdpr, selectors
from .forms import AccessibilityFeedbackForm


@require_http_methods(["GET", "POST"])
# Shares the limit of the public's other written contributions (proposals): a form anyone may send.
@rate_limited("proposal")
def accessibility_statement(request):
    """The statement and its feedback form: a sent form goes to the thank-you page."""
    form = AccessibilityFeedbackForm(posted(request))
    feedback = request.method == "POST" and save_form(form, accessibility.submit_feedback)
    if feedback:
        return redirect("accessibility_feedback_sent")
    return render(request, "core/accessibility_statement.html", {**selectors.accessibility_statement(), "form": form},
                  status=422 if form.errors else 200)


def accessibility_feedback_sent(request):
    return render(request, "core/accessibility_feedback_sent.html", {"answer_days": accessibility.ANSWER_DAYS})


def privacy_notice(request):
    return render(request, "core/privacy_notice.html", {
        "register": [notice for _name, notice in gdpr.register_notices() if notice is not None],
        "procurements": selectors.controllers(),
    })
