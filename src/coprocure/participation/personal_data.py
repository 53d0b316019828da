"""What participation keeps about a signed-in person, for ``core.gdpr``: their sign-ups with
their needs, their identified survey answers and their paid work as an expert. "My data" shows
and downloads these, "My participation" lists the first two, and erasure clears them.

Anonymous answers are not here and cannot be: nothing stored links them to anyone."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coprocure.core import gdpr
from coprocure.core.models import User

from .models import ACTIVE, Contribution, PublishedAnswer, Registration, Response
from .needs import NEEDS_FIELDS


def _activity(activity) -> dict:
    return {"activity_title": activity.title, "procurement": activity.procurement.reference,
            "procurement_id": activity.procurement_id}


def sign_ups(user: User) -> list[dict]:
    rows = Registration.objects.filter(participant=user).select_related("activity__procurement").order_by(
        "-created_at", "-id")
    return [{**gdpr.record(row, leave_out=("participant",)), **_activity(row.activity),
             "activity_starts_at": row.activity.starts_at.isoformat() if row.activity.starts_at else None,
             "activity_place": row.activity.place, "status_label": str(row.get_status_display()),
             "needs_page": reverse("my_sign_up_needs", args=[row.pk]) if row.status in ACTIVE else None}
            for row in rows]


def erase_sign_ups(user: User) -> None:
    """The needs go; the sign-up stays on the (now anonymous) account, as attendance and the
    equality figures count it through its background snapshot."""
    blank = {name: Registration._meta.get_field(name).get_default() for name in NEEDS_FIELDS}
    Registration.objects.filter(participant=user).update(**blank)


def survey_answers(user: User) -> list[dict]:
    rows = (Response.objects.filter(participant=user).select_related("survey__activity__procurement")
            .prefetch_related("answers__question").order_by("-answered_on"))
    return [{**gdpr.record(row, leave_out=("participant",)), **_activity(row.survey.activity),
             "survey_title": row.survey.title,
             "answers": [{**gdpr.record(answer, leave_out=("response",)), "question_text": answer.question.text}
                         for answer in row.answers.all()]}
            for row in rows]


def erase_survey_answers(user: User) -> None:
    """Identified answers stay as answers but no longer name anyone."""
    Response.objects.filter(participant=user).update(participant=None)


def published_answers(user: User) -> list[dict]:
    rows = PublishedAnswer.objects.filter(author=user).select_related("question")
    return [{**gdpr.record(row, leave_out=("author",)), "question_text": row.question.text} for row in rows]


def erase_published_answers(user: User) -> None:
    """The published words stay public, as an anonymous person's would; they no longer name anyone."""
    PublishedAnswer.objects.filter(author=user).update(author=None)


def contributions(user: User) -> list[dict]:
    rows = Contribution.objects.filter(person=user).select_related("activity__procurement")
    return [{**gdpr.record(row, leave_out=("person",)), **_activity(row.activity)} for row in rows]


def keep_contributions(user: User) -> None:
    """Fees paid are accounting records that must be kept; they point to the anonymised account."""


def install() -> None:
    gdpr.register("sign_ups", sign_ups, erase_sign_ups, gdpr.Notice(
        _("Your sign-ups for events: the status, and the needs you gave (diet, interpreter, assistance, anything else)."),
        _("Arranging the event so that you can take part, and counting who took part."),
        _("Needs until the event is over; the sign-up with the procurement's records."),
    ))
    gdpr.describe("guest_sign_ups", gdpr.Notice(
        _("Sign-ups for events without an account: the name or pseudonym, the e-mail address or mobile number, and the needs given."),
        _("Telling you what you got, offering you a freed place, and arranging the event so that you can take part."),
        _("The name, contact and needs until a month after the event; the sign-up, without them, with the procurement's records."),
    ))
    gdpr.register("survey_answers", survey_answers, erase_survey_answers, gdpr.Notice(
        _("Your answers to surveys for invited participants, which are answered signed in."),
        _("Hearing the panel or group you were invited to, person by person."),
        _("With the procurement; erasing your account removes your name from them."),
    ))
    gdpr.register("published_answers", published_answers, erase_published_answers, gdpr.Notice(
        _("Answers of yours, given signed in, that staff chose to show publicly."),
        _("Showing what participants said, and telling you if part of it is hidden."),
        _("With the procurement; erasing your account removes your name from them."),
    ))
    gdpr.register("contributions", contributions, keep_contributions, gdpr.Notice(
        _("Your work as an expert by experience or peer: hours, fees and travel costs per activity."),
        _("Paying your fees and travel costs."),
        _("Seven years after the activity, as accounting law requires."),
    ))
