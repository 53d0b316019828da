"""E-mail to the organiser when someone says what they need to take part.

The message says who signed up and which kinds of need they named, and links to the roster;
the words themselves stay in CoProcure, because they can be health information and e-mail is
copied, forwarded and kept in places the service does not control."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Registration


def organiser(activity):
    """The official accountable for participation, or else for the procurement."""
    plan = getattr(activity.procurement, "participation_plan", None)
    person = (plan.accountable_official if plan is not None else None) or activity.procurement.accountable_official
    return person if person is not None and person.is_active and person.email else None


def needs_named(registration: Registration) -> list[str]:
    kinds = []
    if registration.dietary:
        kinds.append("dietary")
    if registration.assistance:
        kinds.append("assistance")
    if registration.interpreter:
        kinds.append("interpreter")
    if registration.needs:
        kinds.append("other")
    return kinds


def after_registration(registration: Registration) -> None:
    """Called inside ``register``; sends once the sign-up is committed, so a rolled-back one tells nobody."""
    if needs_named(registration):
        transaction.on_commit(lambda: tell_organiser(registration))


def tell_organiser(registration: Registration) -> int:
    activity = registration.activity
    person = organiser(activity)
    if person is None:
        return 0
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        context = {"activity": activity, "registration": registration, "needs": needs_named(registration),
                   "roster_url": settings.COPROCURE_PUBLIC_URL + reverse("activity_roster", args=[activity.pk])}
        subject = render_to_string("participation/email/needs_subject.txt", context).strip()
        body = render_to_string("participation/email/needs.txt", context)
    return EmailMessage(subject, body, to=[person.email]).send()
