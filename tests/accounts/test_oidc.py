"""Sign-in through an OpenID Connect provider, end to end against a fake provider on loopback:
the redirect to the provider, its authorisation, the callback, the token and userinfo requests
and the RS256 signature check all really happen."""

import json
import urllib.request
from urllib.parse import urlparse

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django_otp.plugins.otp_totp.models import TOTPDevice

from coprocure.core.models import User

from .. import factories
from .fake_provider import CLIENT_ID, CLIENT_SECRET, FakeProvider


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def provider(settings, db):
    with FakeProvider() as fake:
        with urllib.request.urlopen(f"{fake.issuer}/.well-known/openid-configuration") as response:
            discovery = json.load(response)
        # Configured the way a deployment is: from the provider's discovery document.
        settings.COPROCURE_OIDC_ENABLED = True
        settings.COPROCURE_OIDC_ISSUER = discovery["issuer"]
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
        settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
        settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
        settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
        fake.person = {"sub": "k-1001", "email": "Liisa.Laine@hyvinvointialue.fi", "email_verified": True,
                       "given_name": "Liisa", "family_name": "Laine"}
        yield fake


def sign_in(client, provider, next_path="/procurements/"):
    """The browser's way: our start page, the provider's page, back to our callback."""
    start = client.get(f"/oidc/start/?next={next_path}")
    assert start.status_code == 302 and start["Location"].startswith(provider.issuer + "/authorize?")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(start["Location"])
    except urllib.error.HTTPError as redirect:
        back = urlparse(redirect.headers["Location"])
    assert back.path == "/oidc/callback/"
    return client.get(f"{back.path}?{back.query}")


def test_a_person_signs_in_with_the_provider_and_gets_an_account(client, provider):
    done = sign_in(client, provider)
    assert done.status_code == 302 and done["Location"] == "/procurements/"
    person = User.objects.get(email="Liisa.Laine@hyvinvointialue.fi")
    assert (person.first_name, person.last_name) == ("Liisa", "Laine")
    assert not person.has_usable_password()
    assert client.get("/my/").wsgi_request.user == person


def test_an_existing_account_is_found_by_its_verified_address_and_its_name_updated(client, provider):
    existing = factories.UserFactory(email="liisa.laine@hyvinvointialue.fi", first_name="L.", last_name="L.")
    sign_in(client, provider)
    existing.refresh_from_db()
    assert (existing.first_name, existing.last_name) == ("Liisa", "Laine")
    assert User.objects.filter(email__iexact="liisa.laine@hyvinvointialue.fi").count() == 1


def test_organisation_and_position_claims_are_ignored_unless_configured(client, provider, authority):
    provider.person.update({"org": authority.business_id or "x", "coprocure_position": "official"})
    sign_in(client, provider)
    person = User.objects.get(email="Liisa.Laine@hyvinvointialue.fi")
    assert person.organisation is None and person.position == ""


def test_configured_claims_set_the_organisation_and_position(client, provider, settings):
    authority = factories.AuthorityFactory(business_id="0201256-6")
    settings.COPROCURE_OIDC_ORGANISATION_CLAIM = "org"
    settings.COPROCURE_OIDC_POSITION_CLAIM = "coprocure_position"
    provider.person.update({"org": "0201256-6", "coprocure_position": "staff"})
    sign_in(client, provider)
    person = User.objects.get(email="Liisa.Laine@hyvinvointialue.fi")
    assert person.organisation == authority and person.position == "staff"


def test_an_official_still_confirms_a_code_when_the_provider_asserts_no_second_factor(client, provider, settings, official):
    settings.COPROCURE_REQUIRE_2FA = True
    official.email = "liisa.laine@hyvinvointialue.fi"
    official.save()
    TOTPDevice.objects.create(user=official, name="authenticator", confirmed=True)
    provider.token_extra = {"amr": ["pwd"]}
    sign_in(client, provider)
    blocked = client.get("/procurements/new/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/signin/confirm/")


def test_an_official_whose_provider_asserts_a_second_factor_goes_straight_in(client, provider, settings, official):
    settings.COPROCURE_REQUIRE_2FA = True
    official.email = "liisa.laine@hyvinvointialue.fi"
    official.save()
    provider.token_extra = {"amr": ["pwd", "mfa"]}
    sign_in(client, provider)
    assert client.get("/procurements/new/").status_code == 200
    # The assertion belongs to that sign-in only: after signing out, a password sign-in needs the code.
    client.post("/signout/")
    client.force_login(official)
    assert client.get("/procurements/new/").status_code == 302


def test_an_acr_value_configured_as_multi_factor_counts(client, provider, settings, official):
    settings.COPROCURE_REQUIRE_2FA = True
    settings.COPROCURE_OIDC_MFA_ACR = ["http://eidas.europa.eu/LoA/substantial"]
    official.email = "liisa.laine@hyvinvointialue.fi"
    official.save()
    provider.token_extra = {"acr": "http://eidas.europa.eu/LoA/substantial"}
    sign_in(client, provider)
    assert client.get("/procurements/new/").status_code == 200


@pytest.mark.parametrize("forgery", ["another_audience", "another_issuer", "another_key", "unverified_address"])
def test_forged_or_foreign_tokens_sign_no_one_in(client, provider, forgery, monkeypatch):
    if forgery == "another_audience":
        provider.token_extra = {"aud": "some-other-client"}
    elif forgery == "another_issuer":
        provider.token_extra = {"iss": "http://127.0.0.1:1"}
    elif forgery == "another_key":
        stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        original = provider.sign
        monkeypatch.setattr(provider, "sign", lambda claims: original(claims, key=stranger))
    else:
        provider.person["email_verified"] = False
    refused = sign_in(client, provider)
    assert refused.status_code == 302 and refused["Location"] == "/signin/"
    assert not User.objects.filter(email__iexact="liisa.laine@hyvinvointialue.fi").exists()
    assert client.get("/procurements/new/").status_code == 302


def test_the_sign_in_page_offers_the_provider_only_when_configured(client, provider, settings):
    settings.COPROCURE_OIDC_PROVIDER_NAME = "Pirkanmaan hyvinvointialue"
    assert "Pirkanmaan hyvinvointialue" in client.get("/signin/").content.decode()
    settings.COPROCURE_OIDC_ENABLED = False
    assert 'href="/oidc/start/' not in client.get("/signin/").content.decode()
    assert client.get("/oidc/start/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
