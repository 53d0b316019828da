"""Sign-in with Suomi.fi e-Identification through its OpenID Connect interface, built on
mozilla-django-oidc like the authority's own provider (oidc.py), with what Suomi.fi's technical
description asks of a relying party:

* the authorisation request carries ``state``, ``nonce``, PKCE and ``acr_values`` naming the
  level of assurance wanted (``http://ftn.ficora.fi/2017/loa2`` substantial, ``…/loa3`` high);
* the token endpoint is called with a signed client assertion (``private_key_jwt``), never a
  shared secret, and signing out ends the Suomi.fi session too (suomifi_client.py);
* the ID token (and the user info) comes signed with RS256 and encrypted to the client's public
  key (JWE: RSA-OAEP(-256), AES-GCM): it is decrypted with the client's private key
  (``COPROCURE_SUOMIFI["private_key_file"]``), its signature checked against the provider's
  JWKS, then its issuer, audience, nonce, expiry and level of assurance; any mismatch signs
  nobody in and stores nothing;
* the personal identity code (henkilötunnus) is never stored nor logged. The account is found by
  a keyed hash of the provider's subject identifier (``pseudonym``). Only when the person ticks
  the box at that sign-in are their home municipality and their age band (computed in memory
  from the birth date) kept; without the tick, earlier shared values are removed.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import date
from pathlib import Path

import jwt
import requests
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import salted_hmac
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from coprocure.audit import services as audit
from coprocure.domain import age_bands
from coprocure.domain.identifiers import HETU_CENTURIES
from coprocure.errors import message_for

from . import jwe, suomifi_client
from .models import SuomiFiIdentity

logger = logging.getLogger(__name__)

PROVIDER = "suomifi"
SHARE_SESSION_KEY = "coprocure_suomifi_share"

# Levels of assurance Suomi.fi asserts in ``acr``, weakest first within each scheme.
LEVELS = {
    "http://ftn.ficora.fi/2017/loa2": 2, "http://eidas.europa.eu/LoA/substantial": 2,
    "http://ftn.ficora.fi/2017/loa3": 3, "http://eidas.europa.eu/LoA/high": 3,
}
# Claims as Suomi.fi names them (population register attributes by OID).
IDENTITY_CODE_CLAIMS = ("urn:oid:1.2.246.21", "personal_identity_code", "national_identification_number")
MUNICIPALITY_CODE_CLAIM = "urn:oid:1.2.246.517.2002.2.18"
MUNICIPALITY_NAME_CLAIMS = {"fi": "urn:oid:1.2.246.517.2002.2.19", "sv": "urn:oid:1.2.246.517.2002.2.20"}

_FROM_CONFIGURATION = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint", "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint", "OIDC_OP_JWKS_ENDPOINT": "jwks_endpoint",
    "OIDC_RP_CLIENT_ID": "client_id", "OIDC_RP_SCOPES": "scopes",
}
# Not left to the settings of the authority's provider: no client secret (the token endpoint takes
# a signed assertion), tokens kept by mozilla-django-oidc never (the signed ID token is kept by the
# callback for signing out, nothing else), and only RS256 with the provider's published keys.
_FIXED = {
    "OIDC_RP_CLIENT_SECRET": None,
    "OIDC_AUTHENTICATION_CALLBACK_URL": "suomifi_callback", "OIDC_RP_SIGN_ALGO": "RS256", "OIDC_RP_IDP_SIGN_KEY": None,
    "OIDC_USE_NONCE": True, "OIDC_USE_PKCE": True, "OIDC_STORE_ID_TOKEN": False, "OIDC_STORE_ACCESS_TOKEN": False,
    "OIDC_CREATE_USER": True, "OIDC_USERNAME_ALGO": None,
}


def enabled() -> bool:
    return bool(settings.COPROCURE_SUOMIFI_ENABLED)


def configuration() -> dict:
    return settings.COPROCURE_SUOMIFI


def setting(name: str, *default):
    if name in _FIXED:
        return _FIXED[name]
    if name in _FROM_CONFIGURATION:
        return configuration()[_FROM_CONFIGURATION[name]]
    return import_from_settings(name, *default)


def private_key():
    pem = configuration().get("private_key") or Path(configuration()["private_key_file"]).read_bytes()
    return load_pem_private_key(pem.encode() if isinstance(pem, str) else pem, password=None)


def pseudonym(subject: str) -> str:
    """The same person always gets the same value; without the key nobody can compute it."""
    key = configuration().get("pseudonym_key") or salted_hmac("coprocure.accounts.suomifi", "pseudonym").hexdigest()
    return hmac.new(key.encode(), f"{configuration()['issuer']}|{subject}".encode(), hashlib.sha256).hexdigest()


def _level(acr: str | None) -> int:
    return LEVELS.get(acr or "", 0)


def _birth_date(claims: dict) -> date | None:
    """From ``birthdate`` or, in memory only, from the identity code's date part."""
    try:
        if claims.get("birthdate"):
            return date.fromisoformat(claims["birthdate"])
        code = next((str(claims[name]) for name in IDENTITY_CODE_CLAIMS if claims.get(name)), "")
        if len(code) == 11 and code[6].upper() in HETU_CENTURIES:
            return date(HETU_CENTURIES[code[6].upper()] + int(code[4:6]), int(code[2:4]), int(code[0:2]))
    except (TypeError, ValueError):
        pass
    return None


class SuomiFiBackend(OIDCAuthenticationBackend):
    """Listed in AUTHENTICATION_BACKENDS; answers only the Suomi.fi callback."""

    get_settings = staticmethod(setting)

    def __init__(self, *args, **kwargs):
        if enabled():
            super().__init__(*args, **kwargs)
        else:
            from django.contrib.auth import get_user_model

            self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not enabled() or getattr(request, "oidc_provider", None) != PROVIDER:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwe.JWEError, jwt.InvalidTokenError, requests.RequestException) as error:
            # Only our own description of what failed: never the token or its claims.
            logger.warning("Suomi.fi sign-in refused: %s", error if isinstance(error, SuspiciousOperation) else type(error).__name__)
            return None

    def get_token(self, payload):
        return super().get_token(suomifi_client.authenticated(payload))

    @staticmethod
    def _signed(token: str) -> str:
        if jwe.is_encrypted(token):
            return jwe.decrypt(token, private_key())
        if configuration()["require_encryption"]:
            raise SuspiciousOperation("the token was not encrypted")
        return token

    def _checked(self, signed: str) -> dict:
        """The signature (RS256, the provider's JWKS) and the expiry."""
        return self.get_payload_data(signed, self.retrieve_matching_jwk(signed))

    def _open(self, token: str) -> dict:
        return self._checked(self._signed(token))

    def verify_token(self, token, **kwargs):
        signed = self._signed(token)
        payload = self._checked(signed)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != configuration()["issuer"]:
            raise SuspiciousOperation("ID token issuer does not match")
        if configuration()["client_id"] not in audiences or (len(audiences) > 1 and payload.get("azp") != configuration()["client_id"]):
            raise SuspiciousOperation("ID token audience does not match")
        if payload.get("nonce") != kwargs.get("nonce") or not kwargs.get("nonce"):
            raise SuspiciousOperation("ID token nonce does not match")
        wanted = min(_level(value) for value in configuration()["acr_values"].split())
        if _level(payload.get("acr")) < max(wanted, 1):
            raise SuspiciousOperation("level of assurance lower than requested")
        if not payload.get("sub"):
            raise SuspiciousOperation("ID token without a subject")
        # Kept for signing out only if it holds no identity code, which is never stored (not even in a session).
        self._signed_id_token = None if any(payload.get(name) for name in IDENTITY_CODE_CLAIMS) else signed
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        response = requests.get(self.OIDC_OP_USER_ENDPOINT, headers={"Authorization": f"Bearer {access_token}"},
                                verify=self.get_settings("OIDC_VERIFY_SSL", True), timeout=self.get_settings("OIDC_TIMEOUT", None))
        response.raise_for_status()
        if response.headers.get("content-type", "").lower().startswith("application/json"):
            if configuration()["require_encryption"]:
                raise SuspiciousOperation("the user info was not encrypted")
            claims = response.json()
        else:
            claims = self._open(response.text.strip())
        if claims.get("sub") != payload["sub"]:
            raise SuspiciousOperation("user info is about someone else")
        return {**claims, "acr": payload["acr"]}

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def describe_user_by_claims(self, claims):
        return "a Suomi.fi identity"

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(suomifi_identity__pseudonym=pseudonym(claims["sub"]), is_active=True)

    @transaction.atomic
    def create_user(self, claims):
        key = pseudonym(claims["sub"])
        user = self.UserModel(username=f"suomifi-{key[:20]}", preferred_language=(self.request.LANGUAGE_CODE or "fi")[:2])
        user.set_unusable_password()
        user.save()
        identity = SuomiFiIdentity(user=user, pseudonym=key)
        self._apply(identity, claims)
        audit.record(user, "account.suomifi_create", user, None, {"level_of_assurance": identity.level_of_assurance,
                                                                   "shared": identity.shared_at is not None})
        user.suomifi_id_token = self._signed_id_token
        return user

    @transaction.atomic
    def update_user(self, user, claims):
        identity = SuomiFiIdentity.objects.select_for_update().get(user=user)
        self._apply(identity, claims)
        audit.record(user, "account.suomifi_sign_in", user, None, {"level_of_assurance": identity.level_of_assurance,
                                                                    "shared": identity.shared_at is not None})
        user.suomifi_id_token = self._signed_id_token
        return user

    def _apply(self, identity: SuomiFiIdentity, claims: dict) -> None:
        identity.level_of_assurance = claims["acr"]
        if self.request.session.get(SHARE_SESSION_KEY):
            birth = _birth_date(claims)
            language = "sv" if (self.request.LANGUAGE_CODE or "").startswith("sv") else "fi"
            identity.municipality_code = str(claims.get(MUNICIPALITY_CODE_CLAIM, ""))[:3]
            identity.municipality = str(claims.get(MUNICIPALITY_NAME_CLAIMS[language])
                                        or claims.get(MUNICIPALITY_NAME_CLAIMS["fi"]) or "")[:100]
            identity.age_band = age_bands.band_for(birth, timezone.localdate()) if birth else ""
            identity.shared_at = timezone.now()
        else:
            identity.municipality_code = identity.municipality = identity.age_band = ""
            identity.shared_at = None
        identity.save()


class StartView(OIDCAuthenticationRequestView):
    """``?share=1``: the person agreed, on our page, to share their home municipality and age band."""

    get_settings = staticmethod(setting)

    def __init__(self, *args, **kwargs):
        if enabled():
            super().__init__(*args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        request.session[SHARE_SESSION_KEY] = request.GET.get("share") == "1"
        return super().dispatch(request, *args, **kwargs)

    def get_extra_params(self, request):
        return {"acr_values": configuration()["acr_values"], "ui_locales": (request.LANGUAGE_CODE or "fi")[:2]}


class CallbackView(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(setting)

    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        request.oidc_provider = PROVIDER
        return super().dispatch(request, *args, **kwargs)

    def login_success(self):
        response = super().login_success()
        if self.user.suomifi_id_token:
            self.request.session[suomifi_client.ID_TOKEN_SESSION_KEY] = self.user.suomifi_id_token
        return response

    def login_failure(self):
        messages.error(self.request, message_for("suomifi_refused"))
        return super().login_failure()

