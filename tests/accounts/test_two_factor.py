import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coprocure.audit.models import AuditEntry

from .. import factories


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.COPROCURE_REQUIRE_2FA = True


def code(device) -> str:
    return f"{totp(device.bin_key):06d}"


def test_official_sets_up_an_authenticator_before_anything_else(client, official):
    client.force_login(official)
    blocked = client.get("/procurements/new/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/signin/confirm/?next=/procurements/new/")
    setup = client.get("/signin/confirm/")
    assert "data:image/svg+xml" in setup.content.decode()
    device = TOTPDevice.objects.get(user=official, confirmed=False)

    done = client.post("/signin/confirm/?next=/procurements/new/", {"code": code(device)})
    assert done.status_code == 302 and done["Location"] == "/procurements/new/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert AuditEntry.objects.filter(action="account.second_factor_set_up").exists()
    assert client.get("/procurements/new/").status_code == 200


def test_site_administrator_needs_the_code_for_the_admin(client, db):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    device = TOTPDevice.objects.create(user=admin, name="authenticator", confirmed=True)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 302
    client.post("/signin/confirm/", {"code": code(device)})
    assert client.get("/admin/").status_code == 200


def test_staff_and_participants_sign_in_with_a_password_alone(client, staff):
    client.force_login(staff)
    assert client.get("/procurements/new/").status_code == 200


def test_external_redirects_are_not_followed(client, official):
    device = TOTPDevice.objects.create(user=official, name="authenticator", confirmed=True)
    client.force_login(official)
    response = client.post("/signin/confirm/?next=https://evil.example/", {"code": code(device)})
    assert response["Location"] == "/"


def test_a_wrong_code_is_refused_and_throttles_the_next_try(client, official):
    device = TOTPDevice.objects.create(user=official, name="authenticator", confirmed=True)
    client.force_login(official)
    right = code(device)
    wrong = client.post("/signin/confirm/", {"code": "000000" if right != "000000" else "111111"})
    assert wrong.status_code == 422 and "Koodi ei ole oikein" in wrong.content.decode()
    # Right after a failure even the right code waits: guessing six digits is slowed down.
    assert client.post("/signin/confirm/", {"code": right}).status_code == 422
    assert client.get("/procurements/new/").status_code == 302
