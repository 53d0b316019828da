"""Messages about sign-ups, all sent through the outbox (recorded in the sign-up's own
transaction, so a rolled-back sign-up tells nobody; delivered by the worker).

The person hears exactly what they got — a place, a waiting-list position, a freed place with
the time to confirm it — with a link to confirm or cancel, by e-mail and, when they gave a
phone number, by SMS.

The organiser hears who signed up and which kinds of need they named, with a link to the
roster; the words themselves stay in CoProcure, because they can be health information and
e-mail is copied, forwarded and kept in places the service does not control."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from coprocure.core.fields import localised
from coprocure.outbox import services as outbox

from . import codes, selectors
from .models import Registration, RegistrationStatus


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
    """Called inside ``register``: the person hears what they got, the organiser what is needed."""
    tell_person(registration)
    if needs_named(registration):
        tell_organiser(registration)


def tell_organiser(registration: Registration) -> None:
    activity = registration.activity
    person = organiser(activity)
    if person is None:
        return
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        context = {"activity": activity, "registration": registration, "needs": needs_named(registration),
                   "roster_url": settings.COPROCURE_PUBLIC_URL + reverse("activity_roster", args=[activity.pk])}
        subject = render_to_string("participation/email/needs_subject.txt", context).strip()
        body = render_to_string("participation/email/needs.txt", context)
    outbox.send(to=person.email, subject=subject, body=body, cause=f"registration-needs:{registration.pk}")


def _contact(registration: Registration) -> tuple[str, str, str]:
    if registration.participant_id:
        person = registration.participant
        return person.email if person.is_active else "", "", person.preferred_language
    return registration.email, registration.phone, registration.language


def _subject(registration: Registration, title: str, position: int | None) -> str:
    if registration.status == RegistrationStatus.OFFERED:
        return _("A place freed up for you: %(activity)s") % {"activity": title}
    if registration.status == RegistrationStatus.WAITING:
        return _("You are number %(position)s on the waiting list: %(activity)s") % {"activity": title,
                                                                                   "position": position}
    if registration.status == RegistrationStatus.CONFIRMED:
        return _("You have a place: %(activity)s") % {"activity": title}
    return _("Your sign-up was cancelled: %(activity)s") % {"activity": title}


def tell_person(registration: Registration) -> None:
    """Tell the person their sign-up's state as it is now. Each state is told once per
    recipient (the outbox keeps one message per cause and address)."""
    email, phone, language = _contact(registration)
    if not (email or phone):
        return
    position = selectors.waiting_position(registration) if registration.status == RegistrationStatus.WAITING else None
    stamp = registration.offer_expires_at.isoformat() if registration.offer_expires_at else ""
    cause = f"registration:{registration.pk}:{registration.status}:{stamp}"
    with translation.override(language or settings.LANGUAGE_CODE):
        title = localised(registration.activity.title)
        context = {"registration": registration, "activity": registration.activity, "title": title,
                   "position": position, "link": codes.registration_link(registration)}
        if email:
            outbox.send(to=email, subject=_subject(registration, title, position), cause=cause,
                        body=render_to_string("participation/email/registration.txt", context))
        if phone:
            outbox.send_sms(to=phone, cause=cause,
                            body=render_to_string("participation/email/registration_sms.txt", context).strip())
