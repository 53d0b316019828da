"""Writes for sign-in: enrolling an authenticator, only with a code given out of band."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit

from .models import EnrolmentCode

ENROLMENT_CODE_DAYS = 7
# Crockford-style alphabet: no 0/O or 1/I/L to misread when the code is read out or written down.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def _digest(code: str) -> str:
    normalised = code.strip().upper().replace("-", "").replace(" ", "")
    return hmac.new(settings.SECRET_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def issue_enrolment_code(actor, user) -> str:
    """A new code for ``user`` (earlier unused ones stop working), returned once to be handed
    over out of band. Issuing one also removes the user's authenticators: it is how a lost
    phone is replaced."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
    TOTPDevice.objects.filter(user=user).delete()
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    EnrolmentCode.objects.create(user=user, digest=_digest(raw),
                                 expires_at=timezone.now() + timedelta(days=ENROLMENT_CODE_DAYS))
    audit.record(actor, "account.enrolment_code_issue", user, None, {"expires_in_days": ENROLMENT_CODE_DAYS})
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def redeem_enrolment_code(user, code: str) -> bool:
    """Spend a valid, unexpired code of this user's; False for anything else (nothing changes)."""
    found = (EnrolmentCode.objects.select_for_update()
             .filter(user=user, digest=_digest(code), used_at__isnull=True, expires_at__gt=timezone.now()).first())
    if found is None:
        return False
    found.used_at = timezone.now()
    found.save(update_fields=["used_at"])
    return True


@transaction.atomic
def confirm_device(user, device) -> None:
    """The first correct code proves the authenticator works; from now on it is required."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(user, "account.second_factor_set_up", user, None, {"device": device.pk})
