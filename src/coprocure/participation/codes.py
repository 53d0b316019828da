"""Codes for attendance at the door, and the link that lets a person manage their sign-up.

An activity's attendance code is signed with the site's secret and says which activity it is
for and until when it works, so it cannot be forged or moved to another activity and stops
working after the activity. A registration's code is short enough to read out or type in: the
registration's number and a keyed hash of it, so guessing another person's code is hopeless."""

from __future__ import annotations

from datetime import datetime, timezone as dt_timezone

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from coprocure.domain import attendance
from coprocure.domain.errors import DomainError

from .models import Activity, Registration

ACTIVITY_SALT = "coprocure.participation.attendance-code"
REGISTRATION_SALT = "coprocure.participation.registration-code"
LINK_SALT = "coprocure.participation.registration-link"


def activity_code(activity: Activity) -> tuple[str, datetime]:
    until = attendance.valid_until(activity.starts_at, activity.ends_at, timezone.now())
    return signing.dumps({"a": activity.pk, "u": int(until.timestamp())}, salt=ACTIVITY_SALT), until


def check_in_link(activity: Activity, code: str) -> str:
    return settings.COPROCURE_PUBLIC_URL + reverse("activity_check_in", args=[activity.pk, code])


def read_activity_code(code: str, activity: Activity) -> None:
    """Raise ``attendance_code_invalid`` for a forged or foreign code, ``attendance_code_expired``
    for one that ran out."""
    try:
        content = signing.loads(code, salt=ACTIVITY_SALT)
        code_activity, until = int(content["a"]), datetime.fromtimestamp(int(content["u"]), tz=dt_timezone.utc)
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError, OSError):
        raise DomainError("attendance_code_invalid", "code") from None
    attendance.check(code_activity, until, activity.pk, timezone.now())


def _digest(pk: int) -> str:
    return salted_hmac(REGISTRATION_SALT, str(pk)).hexdigest()[:8].upper()


def registration_code(registration: Registration) -> str:
    return f"{registration.pk}-{_digest(registration.pk)}"


def read_registration_code(code: str) -> int:
    number, _dash, digest = code.strip().upper().partition("-")
    if not number.isdigit() or not constant_time_compare(digest, _digest(int(number))):
        raise DomainError("attendance_code_invalid", "code")
    return int(number)


def registration_link_token(registration: Registration) -> str:
    """The token in the link sent to the person's contact: whoever holds the message may confirm
    or cancel, as with a letter, and nobody can make one for another sign-up."""
    return signing.Signer(salt=LINK_SALT).sign(str(registration.pk))


def registration_link(registration: Registration) -> str:
    return settings.COPROCURE_PUBLIC_URL + reverse("registration_manage", args=[registration_link_token(registration)])


def read_registration_link(token: str) -> int:
    try:
        return int(signing.Signer(salt=LINK_SALT).unsign(token))
    except (signing.BadSignature, TypeError, ValueError):
        raise DomainError("registration_link_invalid") from None
