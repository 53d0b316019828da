"""/api/v1 for accounts: signing up with a confirmed e-mail address, asking for a new password,
deleting one's own account. The same services and forms as the pages."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.schemas import ERRORS, ErrorOut
from coprocure.core.models import User
from coprocure.web.ratelimit import rate_limited

from . import services
from .forms import DeleteAccountForm, SignupForm

router = Router(tags=["accounts"])


class SignupIn(Schema):
    email: str
    password: str


class TokenIn(Schema):
    token: str


class EmailIn(Schema):
    email: str


class DeletionIn(Schema):
    password: str = ""


class AcceptedOut(Schema):
    sent: bool


class AccountOut(Schema):
    id: int
    username: str
    email: str


@router.post("/accounts/signup", response={202: AcceptedOut, **ERRORS, 429: ErrorOut}, auth=ANYONE)
@decorate_view(rate_limited("account"))
def account_signup(request, payload: SignupIn):
    """Send a confirmation link to ``email``; the account is made when the link is used. The
    answer is 202 whether or not the address has an account (its owner is told by e-mail)."""
    data = validated(SignupForm, payload.dict())
    services.request_signup(data["email"], data["password"], (get_language() or "fi")[:2])
    return Status(202, {"sent": True})


@router.post("/accounts/signup/confirm", response={201: AccountOut, **ERRORS, 410: ErrorOut}, auth=ANYONE)
def account_signup_confirm(request, payload: TokenIn):
    """The token from the confirmation link: 201 with the new account; 400 ``signup_link_invalid``,
    409 ``signup_link_used`` (also when the address has an account by now), 410 ``signup_link_expired``."""
    return Status(201, services.confirm_signup(payload.token))


@router.post("/accounts/password-reset", response={202: AcceptedOut, **ERRORS, 429: ErrorOut}, auth=ANYONE)
@decorate_view(rate_limited("account"))
def account_password_reset(request, payload: EmailIn):
    """E-mail a one-time link to set a new password, if an account has this address; 202 either way."""
    for user in User.objects.filter(email__iexact=payload.email.strip(), is_active=True):
        if user.has_usable_password():
            services.send_password_reset(user, user.email, default_token_generator.make_token(user))
    return Status(202, {"sent": True})


@router.post("/accounts/{pk}/deletion", response={204: None, **ERRORS, 429: ErrorOut}, auth=SIGNED_IN)
@decorate_view(rate_limited("account"))
def account_deletion(request, pk: int, payload: DeletionIn):
    """Delete one's own account (with its password; an account without one, signed in with
    Suomi.fi, within 15 minutes of signing in). Anyone else's: 403 ``account_not_yours``."""
    data = validated(DeleteAccountForm, {**payload.dict(), "understood": True})
    account = request.user if pk == request.user.pk else User(pk=pk)
    services.delete_own_account(request.user, account, data["password"])
    return Status(204, None)
