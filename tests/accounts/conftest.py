"""Suomi.fi e-Identification against the local fake provider (fake_provider.py), configured as a
deployment would be from Suomi.fi's discovery document, with the client's keys registered the way
Suomi.fi reads them: from the JWKS the service publishes."""

import json
import urllib.request
from urllib.parse import urlparse

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from coprocure.domain.identifiers import hetu_check_char

from .fake_provider import CLIENT_ID, FakeProvider

LOA2 = "http://ftn.ficora.fi/2017/loa2"
LOA3 = "http://ftn.ficora.fi/2017/loa3"
HETU = "150360-" + "123" + hetu_check_char("150360", "123")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def client_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(key) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


@pytest.fixture
def signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def suomifi(settings, db, client, client_key, signing_key):
    with FakeProvider() as fake:
        with urllib.request.urlopen(f"{fake.issuer}/.well-known/openid-configuration") as response:
            discovery = json.load(response)
        fake.encrypt_to = client_key.public_key()
        settings.COPROCURE_SUOMIFI_ENABLED = True
        settings.COPROCURE_SUOMIFI = {
            "issuer": discovery["issuer"], "client_id": CLIENT_ID,
            "authorization_endpoint": discovery["authorization_endpoint"], "token_endpoint": discovery["token_endpoint"],
            "userinfo_endpoint": discovery["userinfo_endpoint"], "jwks_endpoint": discovery["jwks_uri"],
            "end_session_endpoint": discovery["end_session_endpoint"],
            "scopes": "openid profile", "acr_values": LOA2, "private_key_file": "", "private_key": pem(client_key),
            "signing_key": pem(signing_key), "require_encryption": True, "pseudonym_key": "test-pseudonym-key",
        }
        # What the service's metadata registers at Suomi.fi: its published keys and its return address.
        fake.client_jwks = client.get("/oidc/suomifi/jwks/").json()
        fake.post_logout_redirect_uris = {"http://testserver/oidc/suomifi/signed-out/"}
        fake.person = {"sub": "suomifi-subject-7d1e", "urn:oid:1.2.246.21": HETU,
                       "urn:oid:1.2.246.517.2002.2.18": "837", "urn:oid:1.2.246.517.2002.2.19": "Tampere",
                       "urn:oid:1.2.246.517.2002.2.20": "Tammerfors",
                       "given_name": "Maija", "family_name": "Meikäläinen"}
        yield fake


def redirected_to(url: str):
    """Where the provider sends the browser from ``url`` (the browser's next address), parsed."""
    try:
        urllib.request.build_opener(NoRedirect).open(url)
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302, redirect.read()
        return urlparse(redirect.headers["Location"])
    raise AssertionError(f"{url} did not redirect")


def sign_in(client, provider, share=True):
    start = client.get("/oidc/suomifi/start/" + ("?share=1" if share else ""))
    assert start.status_code == 302 and start["Location"].startswith(provider.issuer + "/authorize?")
    back = redirected_to(start["Location"])
    assert back.path == "/oidc/suomifi/callback/"
    return client.get(f"{back.path}?{back.query}")
