"""Accounts without staff (issue 19 item 3): sign up with an e-mail address confirmed by a
signed, expiring, single-use link; reset a forgotten password; delete one's own account.
Messages are read from the outbox, as the worker would send them."""

import json
import re
from datetime import timedelta

import pytest
from django.core import signing

from coprocure.accounts.models import SignupRequest
from coprocure.audit.models import AuditEntry
from coprocure.core.models import User
from coprocure.outbox.models import Message

from .. import factories

PASSWORD = "kolme iloista kissaa"


def mail_to(address):
    return Message.objects.filter(recipient=address).order_by("-pk").first()


def link(message, path):
    return re.search(rf"https?://[^/\s]+(/(?:[a-z]{{2}}/)?{path}\S+)", message.body).group(1)


def signs_in(client, username, password) -> bool:
    return client.post("/signin/", {"username": username, "password": password}).status_code == 302


def without_csrf(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())


def sign_up(client, email="aino@example.fi", password=PASSWORD, language=""):
    return client.post(f"{language}/signup/", {"email": email, "password": password})


def test_an_account_is_made_only_when_the_emailed_link_is_used(client):
    sent = sign_up(client, "Aino@Example.fi")
    assert sent.status_code == 200 and "aino@example.fi" in sent.content.decode().lower()
    assert not User.objects.filter(email="aino@example.fi").exists()
    confirm = link(mail_to("aino@example.fi"), "signup/confirm/")
    opened = client.get(confirm)
    assert opened.status_code == 200 and not User.objects.filter(email="aino@example.fi").exists()
    made = client.post(confirm)
    assert made.status_code == 302
    user = User.objects.get(email="aino@example.fi")
    assert user.check_password(PASSWORD) and user.username == "aino@example.fi" and user.is_active
    assert client.get("/my/").wsgi_request.user == user
    assert AuditEntry.objects.filter(action="account.signup_confirm").exists()
    request = SignupRequest.objects.get()
    assert request.email == "" and request.password == ""  # the spent request keeps nothing personal
    client.post("/signout/")
    assert signs_in(client, "aino@example.fi", PASSWORD)


def test_a_reused_link_is_refused_and_makes_nothing(client):
    sign_up(client)
    confirm = link(mail_to("aino@example.fi"), "signup/confirm/")
    client.post(confirm)
    client.post("/signout/")
    again = client.post(confirm)
    assert again.status_code == 409 and "already been used" in again.content.decode("utf-8") or "käytetty" in again.content.decode()
    assert User.objects.filter(email="aino@example.fi").count() == 1


def test_an_expired_link_is_refused_and_makes_nothing(client, settings):
    sign_up(client, language="/en")
    confirm = link(mail_to("aino@example.fi"), "signup/confirm/")
    settings.COPROCURE_SIGNUP_LINK_HOURS = 0
    expired = client.post(confirm)
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    assert not User.objects.filter(email="aino@example.fi").exists()
    forged = client.post("/en/signup/confirm/" + signing.dumps(999, salt="something-else") + "/")
    assert forged.status_code == 400 and not User.objects.exists()


def test_a_second_account_for_an_address_is_never_made_and_the_form_does_not_tell(client):
    existing = factories.UserFactory(email="aino@example.fi")
    first = sign_up(client, "aino@example.fi")
    stranger = sign_up(client, "uusi@example.fi")
    # The page is the same for a known and an unknown address.
    assert first.status_code == stranger.status_code == 200
    assert without_csrf(first).replace("aino@example.fi", "X") == without_csrf(stranger).replace("uusi@example.fi", "X")
    told = mail_to("aino@example.fi")
    assert "already have" in told.subject or "jo" in told.subject
    assert "/password/reset/" in told.body and "signup/confirm" not in told.body
    assert User.objects.filter(email__iexact="aino@example.fi").count() == 1
    assert not SignupRequest.objects.filter(email="aino@example.fi").exists()
    existing.refresh_from_db()
    assert existing.is_active


def test_two_pending_signups_for_one_address_make_one_account(client):
    sign_up(client)
    first = link(mail_to("aino@example.fi"), "signup/confirm/")
    sign_up(client)
    second = link(Message.objects.filter(recipient="aino@example.fi").order_by("-pk").first(), "signup/confirm/")
    assert client.post(second).status_code == 302
    client.post("/signout/")
    assert client.post(first).status_code in (409, 410)
    assert User.objects.filter(email="aino@example.fi").count() == 1


def test_bad_sign_up_input_is_refused_with_field_messages_and_nothing_stored(client):
    weak = sign_up(client, password="123")
    assert weak.status_code == 422 and 'id="id_password"' in weak.content.decode()
    bad_address = sign_up(client, email="ei osoite")
    assert bad_address.status_code == 422
    assert not SignupRequest.objects.exists() and not Message.objects.exists()


def test_sign_ups_are_rate_limited(client, settings):
    from django.core.management import call_command

    from coprocure.settings import CACHES

    settings.CACHES = CACHES  # the shared database cache that counts, as in production
    call_command("createcachetable", verbosity=0)
    settings.COPROCURE_RATE_LIMITS = {"account": (2, 3600)}
    sign_up(client, "a1@example.fi")
    sign_up(client, "a2@example.fi")
    refused = sign_up(client, "a3@example.fi")
    assert refused.status_code == 429 and refused["Retry-After"]
    assert not SignupRequest.objects.filter(email="a3@example.fi").exists()


def test_a_forgotten_password_is_reset_by_a_one_time_link(client):
    person = factories.UserFactory(email="aino@example.fi")
    asked = client.post("/password/reset/", {"email": "aino@example.fi"})
    unknown = client.post("/password/reset/", {"email": "ei-ketaan@example.fi"})
    assert asked.status_code == unknown.status_code == 302 and asked["Location"] == unknown["Location"]
    reset = link(mail_to("aino@example.fi"), "password/reset/")
    form_page = client.get(reset, follow=True)
    assert form_page.status_code == 200
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    reused = client.get(reset, follow=True)
    assert "already been used" in reused.content.decode() or "käytetty" in reused.content.decode()
    assert not Message.objects.filter(recipient="ei-ketaan@example.fi").exists()


def test_a_person_deletes_their_own_account_after_giving_the_password(client):
    person = factories.UserFactory(email="aino@example.fi", first_name="Aino", last_name="Aalto")
    person.set_password(PASSWORD)
    person.save()
    client.force_login(person)
    page = client.get("/en/account/delete/").content.decode()
    assert "What is deleted" in page and "What is kept" in page
    wrong = client.post("/en/account/delete/", {"password": "väärä", "understood": "on"})
    assert wrong.status_code == 422 and "not deleted" in wrong.content.decode()
    person.refresh_from_db()
    assert person.is_active
    gone = client.post("/en/account/delete/", {"password": PASSWORD, "understood": "on"})
    assert gone.status_code == 302
    person.refresh_from_db()
    assert not person.is_active and person.email == "" and person.first_name == "" and not person.has_usable_password()
    assert AuditEntry.objects.filter(action="account.delete_own").exists()
    assert AuditEntry.objects.filter(action="person.erase").exists()
    assert not signs_in(client, "aino@example.fi", PASSWORD)


def test_nobody_deletes_someone_elses_account(client):
    victim = factories.UserFactory(email="uhri@example.fi")
    attacker = factories.UserFactory()
    attacker.set_password(PASSWORD)
    attacker.save()
    client.force_login(attacker)
    refused = client.post(f"/api/v1/accounts/{victim.pk}/deletion", json.dumps({"password": PASSWORD}),
                          content_type="application/json")
    assert refused.status_code == 403 and refused.json()["errors"][0]["code"] == "account_not_yours"
    missing = client.post("/api/v1/accounts/999999/deletion", json.dumps({"password": PASSWORD}),
                          content_type="application/json")
    assert missing.status_code == 403  # the same answer: nobody learns which ids exist
    victim.refresh_from_db()
    attacker.refresh_from_db()
    assert victim.is_active and victim.email == "uhri@example.fi" and attacker.is_active
    client.logout()
    assert client.post(f"/api/v1/accounts/{victim.pk}/deletion", "{}", content_type="application/json").status_code == 401


def test_an_official_cannot_delete_their_own_account_themselves(client, official):
    official.set_password(PASSWORD)
    official.save()
    client.force_login(official)
    refused = client.post(f"/api/v1/accounts/{official.pk}/deletion", json.dumps({"password": PASSWORD}),
                          content_type="application/json")
    assert refused.status_code == 409 and refused.json()["errors"][0]["code"] == "account_is_official"
    official.refresh_from_db()
    assert official.is_active


def test_accounts_through_the_api(client):
    def post(path, payload):
        return client.post(path, json.dumps(payload), content_type="application/json")

    assert post("/api/v1/accounts/signup", {"email": "api@example.fi", "password": "1"}).status_code == 422
    assert post("/api/v1/accounts/signup", {"email": "api@example.fi", "password": PASSWORD}).status_code == 202
    token = link(mail_to("api@example.fi"), "signup/confirm/").rstrip("/").rsplit("/", 1)[1]
    made = post("/api/v1/accounts/signup/confirm", {"token": token})
    assert made.status_code == 201 and made.json()["email"] == "api@example.fi"
    again = post("/api/v1/accounts/signup/confirm", {"token": token})
    assert again.status_code == 409 and again.json()["errors"][0]["code"] == "signup_link_used"
    assert post("/api/v1/accounts/signup", {"email": "api@example.fi", "password": PASSWORD}).status_code == 202
    assert post("/api/v1/accounts/password-reset", {"email": "api@example.fi"}).status_code == 202
    assert post("/api/v1/accounts/password-reset", {"email": "nobody@example.fi"}).status_code == 202
    user = User.objects.get(email="api@example.fi")
    client.force_login(user)
    assert post(f"/api/v1/accounts/{user.pk}/deletion", {"password": "väärä"}).status_code == 422
    assert post(f"/api/v1/accounts/{user.pk}/deletion", {"password": PASSWORD}).status_code == 204
    user.refresh_from_db()
    assert not user.is_active


def test_unconfirmed_signups_are_deleted_when_their_link_has_run_out(client):
    from django.utils import timezone

    from coprocure.core import retention

    sign_up(client)
    assert retention.enforce(timezone.now())["unconfirmed_signups"] == 0
    assert retention.enforce(timezone.now() + timedelta(hours=25))["unconfirmed_signups"] == 1
    assert not SignupRequest.objects.exists()


@pytest.fixture(autouse=True)
def _db(db):
    """Every test here writes."""
