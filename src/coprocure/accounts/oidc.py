"""Optional sign-in through the authority's own OpenID Connect provider (for example a county's
Keycloak), built on mozilla-django-oidc.

What is taken from the provider, and what is not:

* The e-mail address (only when the provider says it is verified) finds the account; the given
  and family names keep it up to date. A new account is created on the first sign-in.
* The organisation and the position are NOT taken from the provider unless the deployment names
  the claims that carry them (``COPROCURE_OIDC_ORGANISATION_CLAIM``, ``COPROCURE_OIDC_POSITION_CLAIM``).
  The position "official" gives public power (accountable decisions, opening sealed bids); the
  people who administer a provider's groups are usually not the ones who decide who may exercise
  it, and a provider shared by many organisations would let anyone claim anything. By default an
  administrator sets both in CoProcure.
* Two-factor sign-in: officials and administrators still confirm a CoProcure code unless the
  provider's signed id_token asserts multi-factor authentication (an ``amr`` value in
  ``COPROCURE_OIDC_MFA_AMR`` or an ``acr`` in ``COPROCURE_OIDC_MFA_ACR``). The assertion is trusted
  because the token is signed by the configured issuer for this client, checked below.
"""

from __future__ import annotations

import logging

import jwt
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from coprocure.core.models import Organisation, Position

from . import suomifi

logger = logging.getLogger(__name__)

# The session remembers for whom the provider asserted a second factor in this sign-in.
PROVIDER_MFA_SESSION_KEY = "coprocure_provider_mfa_user"


def enabled() -> bool:
    return bool(settings.COPROCURE_OIDC_ENABLED)


def provider_asserted_mfa(request, user) -> bool:
    session = getattr(request, "session", None)
    return session is not None and session.get(PROVIDER_MFA_SESSION_KEY) == user.pk


def _asserts_mfa(payload: dict) -> bool:
    amr = payload.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(set(amr) & set(settings.COPROCURE_OIDC_MFA_AMR)) or payload.get("acr") in settings.COPROCURE_OIDC_MFA_ACR


class ProviderBackend(OIDCAuthenticationBackend):
    """Listed in AUTHENTICATION_BACKENDS always; does nothing unless sign-in by a provider is on."""

    def authenticate(self, request, **kwargs):
        if not enabled() or getattr(request, "oidc_provider", None) == suomifi.PROVIDER:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.InvalidTokenError) as error:
            # A forged, replayed, expired or foreign token: refused like a wrong password, never a 500.
            logger.warning("provider sign-in refused: %s", error)
            return None

    def verify_token(self, token, **kwargs):
        """mozilla-django-oidc checks the signature and the nonce; the issuer and the audience are
        checked here so that a token the provider issued to another client is not accepted."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != settings.COPROCURE_OIDC_ISSUER or settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id_token issuer or audience does not match")
        self._mfa = _asserts_mfa(payload)
        return payload

    def verify_claims(self, claims):
        # An unverified address could belong to someone else's account here.
        return super().verify_claims(claims) and claims.get("email_verified") is True

    def filter_users_by_claims(self, claims):
        email = claims.get("email")
        return self.UserModel.objects.filter(email__iexact=email, is_active=True) if email else self.UserModel.objects.none()

    def create_user(self, claims):
        user = self.UserModel(username=self.get_username(claims), email=claims["email"])
        user.set_unusable_password()
        return self._apply(user, claims)

    def update_user(self, user, claims):
        return self._apply(user, claims)

    def _apply(self, user, claims):
        user.first_name = str(claims.get("given_name", user.first_name))[:150]
        user.last_name = str(claims.get("family_name", user.last_name))[:150]
        if claim := settings.COPROCURE_OIDC_ORGANISATION_CLAIM:
            user.organisation = Organisation.objects.filter(business_id=claims.get(claim)).first() if claims.get(claim) else None
        if claim := settings.COPROCURE_OIDC_POSITION_CLAIM:
            position = claims.get(claim, "")
            user.position = position if position in Position.values else ""
        user.save()
        user.provider_mfa = getattr(self, "_mfa", False)
        return user


class StartView(OIDCAuthenticationRequestView):
    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        if enabled():
            super().__init__(*args, **kwargs)


class CallbackView(OIDCAuthenticationCallbackView):
    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def login_success(self):
        response = super().login_success()
        self.request.session[PROVIDER_MFA_SESSION_KEY] = self.user.pk if getattr(self.user, "provider_mfa", False) else None
        return response


def context(request):
    return {"oidc_enabled": enabled(), "oidc_provider_name": settings.COPROCURE_OIDC_PROVIDER_NAME,
            "suomifi_enabled": suomifi.enabled()}
