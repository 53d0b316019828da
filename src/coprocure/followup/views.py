"""Thin views: leaving a follow-up address after answering, and the one-link unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from coprocure.web.ratelimit import rate_limited
from coprocure.errors import ServiceError
from coprocure.participation import selectors as participation
from coprocure.participation.unlinkable import unlinkable
from coprocure.web.forms import posted, save_form

from . import services
from .forms import FollowUpForm


@require_http_methods(["GET", "POST"])
@unlinkable
@rate_limited("follow_up")
def follow_up(request, pk: int):
    """The thank-you page's form posts here: the survey (in the address) and the contact only.
    Unlinkable like the answer before it: its time is not tied to anyone's session or token."""
    survey = participation.answering_survey(request, pk)
    form = FollowUpForm(posted(request))
    if request.method == "POST" and save_form(
        form, lambda data: services.follow(survey, data["email"], data["phone"], get_language() or "fi"),
    ):
        messages.success(request, _("Thank you. We will e-mail you when we have news about what people said."))
        return redirect("survey_thanks", pk=survey.pk)
    return render(request, "followup/follow_up.html", {"survey": survey, "form": form},
                  status=422 if form.errors else 200)


# A mail program's one-click unsubscribe (RFC 8058) posts without a CSRF token; the signed
# token in the address is what authorises the request.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """The link in every update. Opening it asks for one click, so that a mail scanner that
    opens links does not unsubscribe anyone; using it again says so plainly."""
    if request.method == "GET":
        return render(request, "followup/unsubscribe.html", {"token": token})
    try:
        stopped = services.unsubscribe(token)
    except ServiceError:
        return render(request, "followup/unsubscribe_invalid.html", status=400)
    return render(request, "followup/unsubscribed.html", {"already": not stopped})
