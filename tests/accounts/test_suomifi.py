"""Sign-in with Suomi.fi e-Identification, end to end against the fake provider behaving as
Suomi.fi's OpenID Connect interface does: acr_values for the level of assurance, ID token and user
info signed (RS256) and encrypted to the client's key (JWE). Refusals sign nobody in and store
nothing; the personal identity code is stored and logged nowhere."""

import io
import json
import logging

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.management import call_command

from coprocure.accounts import jwe
from coprocure.accounts.models import SuomiFiIdentity
from coprocure.core.models import User

from .conftest import HETU, LOA2, LOA3, sign_in

def everything_stored() -> str:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def test_a_resident_signs_in_with_suomifi_and_only_a_pseudonym_is_stored(client, suomifi, caplog):
    caplog.set_level(logging.DEBUG)
    done = sign_in(client, suomifi)
    assert done.status_code == 302 and done["Location"] != "/signin/"
    request = suomifi.requests[-1]
    assert request["acr_values"] == LOA2 and request["nonce"] and request["state"] and request["code_challenge"]
    identity = SuomiFiIdentity.objects.get()
    user = identity.user
    assert client.get("/my/").wsgi_request.user == user
    assert identity.level_of_assurance == LOA2 and identity.pseudonym != "suomifi-subject-7d1e"
    assert (identity.municipality_code, identity.municipality, identity.age_band) == ("837", "Tampere", "65_74")
    assert not user.has_usable_password() and user.first_name == "" and user.email == ""
    stored = everything_stored()
    for secret in (HETU, HETU.replace("-", ""), "suomifi-subject-7d1e", "1960-03-15", "Meikäläinen"):
        assert secret not in stored
        assert secret not in caplog.text


def test_the_same_person_gets_the_same_account_and_can_withdraw_what_they_shared(client, suomifi):
    sign_in(client, suomifi)
    client.post("/signout/")
    sign_in(client, suomifi, share=False)
    identity = SuomiFiIdentity.objects.get()
    assert User.objects.filter(username__startswith="suomifi-").count() == 1
    assert (identity.municipality_code, identity.municipality, identity.age_band, identity.shared_at) == ("", "", "", None)


def test_without_consent_nothing_but_the_pseudonym_is_kept(client, suomifi):
    sign_in(client, suomifi, share=False)
    identity = SuomiFiIdentity.objects.get()
    assert (identity.municipality, identity.age_band) == ("", "")


@pytest.mark.parametrize("forgery", [
    "another_audience", "another_issuer", "another_nonce", "lower_assurance", "no_assurance", "not_encrypted",
    "another_signing_key", "encrypted_to_another_client", "expired",
])
def test_a_wrong_response_signs_no_one_in_and_stores_nothing(client, suomifi, settings, forgery, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    if forgery == "another_audience":
        suomifi.token_extra = {"aud": "another-service"}
    elif forgery == "another_issuer":
        suomifi.token_extra = {"iss": "http://127.0.0.1:1"}
    elif forgery == "another_nonce":
        suomifi.token_extra = {"nonce": "replayed-nonce"}
    elif forgery == "lower_assurance":
        settings.COPROCURE_SUOMIFI = {**settings.COPROCURE_SUOMIFI, "acr_values": LOA3}
        suomifi.token_extra = {"acr": LOA2}
    elif forgery == "no_assurance":
        suomifi.token_extra = {"acr": None}
    elif forgery == "not_encrypted":
        suomifi.encrypt_to = None
    elif forgery == "another_signing_key":
        stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        original = suomifi.sign
        monkeypatch.setattr(suomifi, "sign", lambda claims: original(claims, key=stranger))
    elif forgery == "encrypted_to_another_client":
        suomifi.encrypt_to = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    else:
        suomifi.token_extra = {"exp": 1_000_000}
    refused = sign_in(client, suomifi)
    assert refused.status_code == 302 and refused["Location"] == "/signin/"
    page = client.get("/signin/").content.decode()
    assert "Tunnistautuminen Suomi.fi:llä ei onnistunut, eikä mitään tallennettu." in page
    assert not SuomiFiIdentity.objects.exists() and not User.objects.exists()
    assert client.get("/my/").wsgi_request.user.is_anonymous
    assert HETU not in caplog.text


def test_a_callback_with_an_unknown_state_is_refused(client, suomifi):
    client.get("/oidc/suomifi/start/")
    assert client.get("/oidc/suomifi/callback/?code=x&state=forged").status_code == 400
    assert not User.objects.exists()


def test_suomifi_is_offered_only_when_configured(client, suomifi, settings):
    assert 'action="/oidc/suomifi/start/"' in client.get("/signin/").content.decode()
    settings.COPROCURE_SUOMIFI_ENABLED = False
    assert "/oidc/suomifi/start/" not in client.get("/signin/").content.decode()
    assert client.get("/oidc/suomifi/start/").status_code == 404
    assert client.get("/oidc/suomifi/callback/?code=x&state=y").status_code == 404
    assert client.get("/oidc/suomifi/jwks/").status_code == 404
    assert client.get("/oidc/suomifi/signed-out/?state=y").status_code == 404


def test_jwe_refuses_algorithms_it_was_not_built_for(client_key):
    from .fake_provider import b64url

    header = b64url(json.dumps({"alg": "RSA1_5", "enc": "A128CBC-HS256"}).encode())
    with pytest.raises(jwe.JWEError):
        jwe.decrypt(f"{header}.a.b.c.d", client_key)
    with pytest.raises(jwe.JWEError):
        jwe.decrypt("not.a.token.at.all", client_key)


def test_a_suomifi_account_is_deleted_after_a_recent_sign_in(client, suomifi):
    sign_in(client, suomifi)
    user = SuomiFiIdentity.objects.get().user
    gone = client.post(f"/api/v1/accounts/{user.pk}/deletion", "{}", content_type="application/json")
    assert gone.status_code == 204
    assert not SuomiFiIdentity.objects.exists()
    user.refresh_from_db()
    assert not user.is_active
