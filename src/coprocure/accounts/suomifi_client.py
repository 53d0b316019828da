"""What the service itself shows Suomi.fi e-Identification as its OpenID Connect client.

* **Client authentication at the token endpoint** (``private_key_jwt``, OpenID Connect Core 9):
  no shared secret; each token request carries a client assertion, a JWT signed with RS256 by the
  service's signing key (``COPROCURE_SUOMIFI_SIGNING_KEY(_FILE)``, keys.py) whose issuer and
  subject are the client id, whose audience is the token endpoint, with a fresh ``jti`` and a
  lifetime of a minute, so a captured assertion is refused when replayed and soon worthless.
* **The service's keys as a JWKS** at ``/oidc/suomifi/jwks/``: the signing key's public half
  (``use: sig``), with which Suomi.fi checks the assertions, and the decryption key's (``use:
  enc``), to which it encrypts the ID token and the user info. Suomi.fi reads it from the
  address registered in the service's metadata; only public halves are ever in it.
* **Signing out of Suomi.fi too** (OpenID Connect RP-Initiated Logout 1.0): after a Suomi.fi
  sign-in the signed ID token is kept in the server-side session, and only there, for the
  ``id_token_hint``; signing out ends the session here, then sends the browser to Suomi.fi's
  ``end_session_endpoint`` with a one-time ``state`` that the return address checks.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import suomifi

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_SECONDS = 60
# The signed ID token of this session's Suomi.fi sign-in, for the id_token_hint at sign-out.
ID_TOKEN_SESSION_KEY = "coprocure_suomifi_id_token"
SIGN_OUT_SESSION_KEY = "coprocure_suomifi_sign_out"


def signing_key():
    return load_pem_private_key(suomifi.configuration()["signing_key"].encode(), password=None)


def _jwk(public_key, use: str) -> dict:
    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(public_key, as_dict=True)
    # RFC 7638 thumbprint as the key id: it changes exactly when the key does.
    canonical = json.dumps({name: jwk[name] for name in ("e", "kty", "n")}, separators=(",", ":"), sort_keys=True)
    kid = base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
    return {"kty": "RSA", "use": use, "kid": kid, "n": jwk["n"], "e": jwk["e"],
            **({"alg": "RS256"} if use == "sig" else {})}


def jwks() -> dict:
    return {"keys": [_jwk(signing_key().public_key(), "sig"), _jwk(suomifi.private_key().public_key(), "enc")]}


def client_assertion() -> str:
    client_id = suomifi.configuration()["client_id"]
    now = int(time.time())
    key = signing_key()
    claims = {"iss": client_id, "sub": client_id, "aud": suomifi.configuration()["token_endpoint"],
              "jti": secrets.token_urlsafe(32), "iat": now, "exp": now + ASSERTION_SECONDS}
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": _jwk(key.public_key(), "sig")["kid"]})


def authenticated(payload: dict) -> dict:
    """The token request's form with the client assertion in place of any secret."""
    form = {name: value for name, value in payload.items() if name != "client_secret"}
    return {**form, "client_assertion_type": ASSERTION_TYPE, "client_assertion": client_assertion()}


def jwks_view(request):
    if not suomifi.enabled():
        raise Http404
    response = JsonResponse(jwks())
    response["Cache-Control"] = "public, max-age=3600"
    return response


def end_session_url(request, id_token: str) -> str | None:
    """Where to send the browser to end the Suomi.fi session too; remembers the ``state`` in the
    (new, signed-out) session. None when the deployment has no end-session endpoint."""
    endpoint = suomifi.configuration().get("end_session_endpoint")
    if not suomifi.enabled() or not endpoint or not id_token:
        return None
    state = secrets.token_urlsafe(32)
    language = (get_language() or "fi")[:2]
    request.session[SIGN_OUT_SESSION_KEY] = {"state": state, "language": language}
    return endpoint + "?" + urlencode({
        "id_token_hint": id_token, "post_logout_redirect_uri": request.build_absolute_uri(reverse("suomifi_signed_out")),
        "state": state, "ui_locales": language,
    })


class SignOutView(auth_views.LogoutView):
    """Signing out (POST). After a Suomi.fi sign-in the browser goes on to Suomi.fi to end that
    session too; the ID token leaves the server with the signed-in session."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(ID_TOKEN_SESSION_KEY)
        response = super().post(request, *args, **kwargs)
        url = end_session_url(request, id_token)
        return redirect(url) if url else response


def signed_out_view(request):
    """Suomi.fi's return after ending its session: the ``state`` must be the one this browser was
    given when it signed out (a forged or replayed return is answered 400)."""
    if not suomifi.enabled():
        raise Http404
    expected = request.session.pop(SIGN_OUT_SESSION_KEY, None)
    returned = request.GET.get("state", "")
    if not expected or not secrets.compare_digest(returned, expected["state"]):
        return render(request, "accounts/suomifi_signed_out.html", status=400)
    with translation.override(expected["language"]):
        messages.success(request, _("You have signed out of the service and of Suomi.fi."))
        return redirect(reverse("home"))
