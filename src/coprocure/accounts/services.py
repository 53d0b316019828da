"""Writes for accounts: enrolling an authenticator (only with a code given out of band), signing
up with a confirmed e-mail address, deleting one's own account. Messages go through the outbox,
in the same transaction as the change they tell about."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from coprocure.audit import services as audit
from coprocure.core import gdpr
from coprocure.core.models import User
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.outbox import services as outbox

from .models import EnrolmentCode, SignupRequest

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


SIGNUP_SALT = "coprocure.accounts.signup"


def signup_link_seconds() -> int:
    return settings.COPROCURE_SIGNUP_LINK_HOURS * 3600


def _account_with(email: str) -> User | None:
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).order_by("-is_active", "pk").first()


def _mail(to: str, language: str, template: str, context: dict, cause: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/email/{template}.txt", context)
    outbox.send(to=to, subject=subject, body=body, cause=cause)


def password_reset_link(user: User, token: str | None = None) -> str:
    return settings.COPROCURE_PUBLIC_URL + reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token or default_token_generator.make_token(user)})


@transaction.atomic
def send_password_reset(user: User, email: str, token: str) -> None:
    """The link to set a new password (Django's token: it expires after PASSWORD_RESET_TIMEOUT and
    stops working once the password changes, so it works once)."""
    _mail(email, user.preferred_language or settings.LANGUAGE_CODE, "password_reset",
          {"reset_url": password_reset_link(user, token), "user": user}, cause=f"password-reset:{user.pk}:{token}")
    audit.record(None, "account.password_reset_request", user, None, {})


@transaction.atomic
def request_signup(email: str, password: str, language: str) -> None:
    """Send a confirmation link to ``email``. The answer is the same whether or not the address
    already has an account, so the form tells nobody who uses CoProcure: the owner of an existing
    account gets a message saying so, with a link to set a new password, instead."""
    email = email.strip().lower()
    existing = _account_with(email)
    if existing is not None:
        if existing.is_active and existing.email:
            # One such message an hour at most: the outbox keeps one per cause and address.
            hour = int(timezone.now().timestamp()) // 3600
            _mail(existing.email, existing.preferred_language or language, "account_exists",
                  {"reset_url": password_reset_link(existing), "signin_url": settings.COPROCURE_PUBLIC_URL + reverse("login")},
                  cause=f"account-exists:{existing.pk}:{hour}")
        return
    SignupRequest.objects.filter(email=email, confirmed_at__isnull=True).delete()
    request = SignupRequest.objects.create(email=email, password=make_password(password), language=language)
    token = signing.dumps(request.pk, salt=SIGNUP_SALT)
    _mail(email, language, "signup", {
        "confirm_url": settings.COPROCURE_PUBLIC_URL + reverse("signup_confirm", args=[token]),
        "hours": settings.COPROCURE_SIGNUP_LINK_HOURS,
    }, cause=f"signup:{request.pk}")
    audit.record(None, "account.signup_request", request, None, {"language": language})


def _refuse(code: str, status: int) -> ServiceError:
    return ServiceError.from_domain(DomainError(code), status=status)


def read_signup_token(token: str) -> int:
    """The sign-up a confirmation link names; refused when forged (400) or expired (410)."""
    try:
        return int(signing.loads(token, salt=SIGNUP_SALT, max_age=signup_link_seconds()))
    except signing.SignatureExpired:
        raise _refuse("signup_link_expired", 410) from None
    except (signing.BadSignature, TypeError, ValueError):
        raise _refuse("signup_link_invalid", 400) from None


@transaction.atomic
def confirm_signup(token: str) -> User:
    """Make the account of a confirmed sign-up. A link works once; a second account for the
    same address is never made (409 ``signup_link_used``)."""
    request = SignupRequest.objects.select_for_update().filter(pk=read_signup_token(token)).first()
    if request is None:
        raise _refuse("signup_link_expired", 410)
    if request.confirmed_at is not None or _account_with(request.email) is not None:
        raise _refuse("signup_link_used", 409)
    user = User(username=request.email, email=request.email, password=request.password,
                preferred_language=request.language)
    user.save()
    # The spent request stays only to tell a reused link from an expired one, holding nothing personal.
    request.confirmed_at, request.password, request.email = timezone.now(), "", ""
    request.save(update_fields=["confirmed_at", "password", "email"])
    audit.record(user, "account.signup_confirm", user, None, {"signup_request": request.pk})
    return user


REAUTHENTICATE_MINUTES = 15


@transaction.atomic
def delete_own_account(actor: User, account: User, password: str = "") -> None:
    """Erase one's own account through every app's registered eraser (core.gdpr). Only the
    person themselves, after proving it again: their password, or, for an account without one
    (Suomi.fi), a sign-in within the last minutes. Accounts that carry public power are closed
    by the administrator instead, so their decisions stay traceable."""
    if not actor.is_authenticated or actor.pk != account.pk:
        raise _refuse("account_not_yours", 403)
    if account.is_staff or account.is_superuser or account.position:
        raise _refuse("account_is_official", 409)
    if account.has_usable_password():
        if not check_password(password, account.password):
            raise ServiceError.from_domain(DomainError("account_password_wrong", "password"), status=422)
    elif account.last_login is None or timezone.now() - account.last_login > timedelta(minutes=REAUTHENTICATE_MINUTES):
        raise _refuse("account_reauthenticate", 409)
    audit.record(actor, "account.delete_own", account, None, {"sections": [section.name for section in gdpr.SECTIONS]})
    gdpr.erase_person(actor, account)

