"""What the service shows Suomi.fi as its client, against the fake provider: the token endpoint is
called with a signed client assertion (private_key_jwt), which the provider checks with the JWKS
the service publishes and refuses when forged, captured and replayed, or expired; and signing out
ends the Suomi.fi session too (RP-initiated logout), with the state checked on return."""

import io
import time
import urllib.request
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.sessions.models import Session
from django.core.management import call_command

from coprocure.accounts.models import SuomiFiIdentity
from coprocure.accounts.suomifi_client import ASSERTION_TYPE, ID_TOKEN_SESSION_KEY
from coprocure.core.models import User

from .. import factories
from .conftest import HETU, pem, redirected_to, sign_in
from .fake_provider import CLIENT_ID

CALLBACK = "http://testserver/oidc/suomifi/callback/"


def fresh_code(provider) -> str:
    query = urlencode({"client_id": CLIENT_ID, "response_type": "code", "redirect_uri": CALLBACK, "state": "s", "nonce": "n"})
    return parse_qs(redirected_to(f"{provider.issuer}/authorize?{query}").query)["code"][0]


def token_request(provider, **client_authentication) -> int:
    form = urlencode({"grant_type": "authorization_code", "code": fresh_code(provider), "redirect_uri": CALLBACK,
                      "client_id": CLIENT_ID, **client_authentication}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{provider.issuer}/token", data=form)) as response:
            return response.status
    except HTTPError as refused:
        return refused.code


def test_the_token_endpoint_gets_a_signed_assertion_and_no_secret(client, suomifi, signing_key):
    done = sign_in(client, suomifi)
    assert done.status_code == 302 and done["Location"] != "/signin/"
    assert suomifi.refusals == [] and len(suomifi.assertions) == 1
    claims = jwt.decode(suomifi.assertions[0], signing_key.public_key(), algorithms=["RS256"],
                        audience=f"{suomifi.issuer}/token")
    assert claims["iss"] == claims["sub"] == CLIENT_ID
    assert 0 < claims["exp"] - claims["iat"] <= 60 and len(claims["jti"]) >= 32


def test_the_published_jwks_holds_only_the_public_halves_of_both_keys(client, suomifi, signing_key, client_key):
    response = client.get("/oidc/suomifi/jwks/")
    assert response["Content-Type"] == "application/json"
    keys = response.json()["keys"]
    assert [(key["use"], key.get("alg")) for key in keys] == [("sig", "RS256"), ("enc", None)]
    assert all(not {"d", "p", "q", "dp", "dq", "qi"} & set(key) for key in keys)
    assert len({key["kid"] for key in keys}) == 2
    for key, private in zip(keys, (signing_key, client_key)):
        assert jwt.algorithms.RSAAlgorithm.from_jwk(key).public_numbers() == private.public_key().public_numbers()


@pytest.mark.parametrize("why", ["signature", "audience"])
def test_an_assertion_the_provider_refuses_signs_no_one_in_and_stores_nothing(client, suomifi, settings, why):
    if why == "signature":
        # The signing key changed without the new JWKS reaching Suomi.fi: it still holds the old one.
        settings.COPROCURE_SUOMIFI = {**settings.COPROCURE_SUOMIFI,
                                      "signing_key": pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))}
    else:
        # The token endpoint under another name than the one the provider gives for itself.
        settings.COPROCURE_SUOMIFI = {**settings.COPROCURE_SUOMIFI,
                                      "token_endpoint": suomifi.issuer.replace("127.0.0.1", "localhost") + "/token"}
    refused = sign_in(client, suomifi)
    assert refused.status_code == 302 and refused["Location"] == "/signin/"
    assert suomifi.refusals == [why]
    assert "Tunnistautuminen Suomi.fi:llä ei onnistunut, eikä mitään tallennettu." in client.get("/signin/").content.decode()
    assert not User.objects.exists() and not SuomiFiIdentity.objects.exists()
    assert client.get("/my/").wsgi_request.user.is_anonymous


@pytest.mark.parametrize("forgery", ["jti_reused", "expired", "client_secret", "signature"])
def test_a_captured_or_forged_assertion_gets_no_token(client, suomifi, signing_key, forgery):
    """An eavesdropper with a fresh authorisation code and the assertion of an earlier sign-in."""
    sign_in(client, suomifi)
    captured = suomifi.assertions[-1]
    kid = client.get("/oidc/suomifi/jwks/").json()["keys"][0]["kid"]
    now = int(time.time())
    claims = {"iss": CLIENT_ID, "sub": CLIENT_ID, "aud": f"{suomifi.issuer}/token", "jti": f"new-{forgery}"}
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    authentication = {
        "jti_reused": {"client_assertion": captured},
        "expired": {"client_assertion": jwt.encode({**claims, "iat": now - 120, "exp": now - 60}, signing_key,
                                                   algorithm="RS256", headers={"kid": kid})},
        "client_secret": {"client_secret": "test-secret"},
        "signature": {"client_assertion": jwt.encode({**claims, "iat": now, "exp": now + 60}, stranger,
                                                     algorithm="RS256", headers={"kid": kid})},
    }[forgery]
    assert token_request(suomifi, client_assertion_type=ASSERTION_TYPE, **authentication) == 401
    assert suomifi.refusals == [forgery]


def test_signing_out_ends_the_suomifi_session_too(client, suomifi):
    sign_in(client, suomifi)
    assert list(suomifi.sessions.values()) == ["suomifi-subject-7d1e"]
    out = client.post("/signout/")
    assert out.status_code == 302 and out["Location"].startswith(f"{suomifi.issuer}/logout?")
    query = parse_qs(urlparse(out["Location"]).query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/oidc/suomifi/signed-out/"]
    assert query["id_token_hint"][0].count(".") == 2 and query["state"][0] and query["ui_locales"] == ["fi"]
    assert client.get("/my/").wsgi_request.user.is_anonymous
    back = redirected_to(out["Location"])
    assert suomifi.sessions == {} and suomifi.refusals == []
    done = client.get(f"{back.path}?{back.query}")
    assert done.status_code == 302 and done["Location"] == "/"
    assert "Olet kirjautunut ulos palvelusta ja Suomi.fi:stä." in client.get("/").content.decode()
    # The ID token went with the signed-in session: no session keeps it.
    assert not [s for s in Session.objects.all() if ID_TOKEN_SESSION_KEY in s.get_decoded()]


def test_signing_out_in_swedish_comes_back_in_swedish(client, suomifi):
    sign_in(client, suomifi)
    out = client.post("/sv/signout/")
    assert parse_qs(urlparse(out["Location"]).query)["ui_locales"] == ["sv"]
    back = redirected_to(out["Location"])
    done = client.get(f"{back.path}?{back.query}")
    assert done["Location"] == "/sv/"
    assert "Du har loggat ut från tjänsten och från Suomi.fi." in client.get("/sv/").content.decode()


def test_the_id_token_is_kept_in_the_signed_in_session_only(client, suomifi):
    sign_in(client, suomifi)
    kept = client.session[ID_TOKEN_SESSION_KEY]
    assert jwt.decode(kept, options={"verify_signature": False})["sub"] == "suomifi-subject-7d1e"
    out = io.StringIO()
    call_command("dumpdata", exclude=["sessions"], stdout=out)
    assert kept not in out.getvalue() and kept.split(".")[1] not in out.getvalue()


def test_an_id_token_carrying_the_identity_code_is_not_kept_and_sign_out_stays_here(client, suomifi):
    suomifi.token_extra = {"urn:oid:1.2.246.21": HETU}
    sign_in(client, suomifi)
    assert not client.get("/my/").wsgi_request.user.is_anonymous
    assert ID_TOKEN_SESSION_KEY not in client.session
    out = client.post("/signout/")
    assert out.status_code == 302 and out["Location"] == "/"
    assert len(suomifi.sessions) == 1


def test_a_forged_or_replayed_return_from_suomifi_is_refused(client, suomifi):
    sign_in(client, suomifi)
    out = client.post("/signout/")
    back = redirected_to(out["Location"])
    forged = client.get("/oidc/suomifi/signed-out/?state=forged")
    assert forged.status_code == 400
    assert "Uloskirjautumista Suomi.fi:stä ei voitu varmistaa" in forged.content.decode()
    # One try per sign-out: after a forged return the real one is no longer accepted either.
    assert client.get(f"{back.path}?{back.query}").status_code == 400
    assert client.get("/oidc/suomifi/signed-out/").status_code == 400


def test_a_provider_refuses_an_unregistered_return_address(client, suomifi):
    sign_in(client, suomifi)
    out = client.post("/signout/")
    query = parse_qs(urlparse(out["Location"]).query)
    elsewhere = urlencode({**{k: v[0] for k, v in query.items()}, "post_logout_redirect_uri": "https://evil.example/"})
    with pytest.raises(HTTPError) as refused:
        urllib.request.urlopen(f"{suomifi.issuer}/logout?{elsewhere}")
    assert refused.value.code == 400 and len(suomifi.sessions) == 1


def test_a_password_sign_out_does_not_go_to_suomifi(client, suomifi):
    client.force_login(factories.UserFactory())
    out = client.post("/signout/")
    assert out.status_code == 302 and out["Location"] == "/"
    assert client.get("/oidc/suomifi/signed-out/?state=x").status_code == 400
