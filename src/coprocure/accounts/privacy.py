"""What accounts keep about a person, for ``core.gdpr`` (see and erase) and ``core.retention``."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from coprocure.core import gdpr, retention
from coprocure.core.models import User

from .models import SignupRequest, SuomiFiIdentity
from .services import signup_link_seconds


def export_person(user: User) -> dict:
    identity = SuomiFiIdentity.objects.filter(user=user).first()
    return {"suomifi": None if identity is None else {
        "linked_at": identity.created_at.isoformat(), "level_of_assurance": identity.level_of_assurance,
        "home_municipality": identity.municipality, "age_band": identity.age_band,
    }}


def erase_person(user: User) -> None:
    SuomiFiIdentity.objects.filter(user=user).delete()
    if user.email:
        SignupRequest.objects.filter(email__iexact=user.email).delete()


def unconfirmed_signups(now: datetime) -> int:
    """A sign-up whose link has run out is of no use to anyone: its address and password go."""
    return SignupRequest.objects.filter(
        created_at__lt=now - timedelta(seconds=signup_link_seconds()), confirmed_at__isnull=True).delete()[0]


def install() -> None:
    gdpr.register("account", export_person, erase_person, gdpr.Notice(
        _("Sign-in through Suomi.fi: a pseudonymous identifier (never the personal identity code), the level of assurance and, where a panel needs them, the home municipality and age band; and sign-ups waiting for their e-mail confirmation."),
        _("Signing in, and inviting residents to panels that must reflect the population."),
        _("The Suomi.fi link until you erase your account; an unconfirmed sign-up until its link expires."),
    ))
    retention.register("unconfirmed_signups", unconfirmed_signups)
