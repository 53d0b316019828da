from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coprocure.accounts import services as accounts
from coprocure.accounts.models import EnrolmentCode
from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.core.models import ProcurementRole

from .. import factories


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.COPROCURE_REQUIRE_2FA = True


def code(device) -> str:
    return f"{totp(device.bin_key):06d}"


def test_official_sets_up_an_authenticator_before_anything_else(client, official):
    enrolment_code = accounts.issue_enrolment_code(None, official)
    client.force_login(official)
    blocked = client.get("/procurements/new/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/signin/confirm/?next=/procurements/new/")
    asked = client.get("/signin/confirm/?next=/procurements/new/")
    assert "Käyttöönottokoodi" in asked.content.decode() and "data:image/svg+xml" not in asked.content.decode()
    entered = client.post("/signin/confirm/?next=/procurements/new/", {"enrolment_code": enrolment_code.lower()})
    assert entered.status_code == 302
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


def test_a_leaked_password_alone_cannot_enrol_an_authenticator(client, official):
    """Whoever types the password first gets no QR code: enrolment needs the code given out of
    band, and a wrong, spent, expired or someone else's code is refused."""
    other = factories.UserFactory(organisation=official.organisation, position="official")
    others_code = accounts.issue_enrolment_code(None, other)
    own_code = accounts.issue_enrolment_code(None, official)
    client.force_login(official)
    for wrong in ("AAAA-BBBB-CCCC", others_code, ""):
        refused = client.post("/signin/confirm/", {"enrolment_code": wrong})
        assert refused.status_code == 422 and "data:image/svg+xml" not in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=official).exists()
    assert client.post("/signin/confirm/", {"enrolment_code": own_code}).status_code == 302
    client.logout()
    client.force_login(official)
    again = client.post("/signin/confirm/", {"enrolment_code": own_code})  # spent
    assert again.status_code == 422
    expired = accounts.issue_enrolment_code(None, official)
    EnrolmentCode.objects.filter(user=official, used_at__isnull=True).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post("/signin/confirm/", {"enrolment_code": expired}).status_code == 422


def test_the_enrolment_code_command_prints_a_code_that_works(client, official):
    out = StringIO()
    call_command("enrolment-code", official.username, stdout=out)
    client.force_login(official)
    assert client.post("/signin/confirm/", {"enrolment_code": out.getvalue().strip()}).status_code == 302
    assert AuditEntry.objects.filter(action="account.enrolment_code_issue").exists()
    code = out.getvalue().strip()
    assert all(code not in f"{entry.before}{entry.after}" for entry in AuditEntry.objects.all())


def test_a_half_signed_in_session_reaches_no_api_endpoint(client, official, procurement):
    """Password given, code not: every /api/ request is refused, reads of public data, the
    sealed tender and role grants alike; a bearer token issued to an integration still works."""
    TOTPDevice.objects.create(user=official, name="authenticator", confirmed=True)
    client.force_login(official)
    grantee = factories.UserFactory(organisation=official.organisation, position="staff")
    for method, path, body in (
        ("get", "/api/v1/procurements", None),
        ("get", f"/api/v1/procurements/{procurement.pk}", None),
        ("get", f"/api/v1/procurements/{procurement.pk}/roles", None),
        ("post", f"/api/v1/procurements/{procurement.pk}/roles", {"user": grantee.pk, "role": "staff"}),
    ):
        response = getattr(client, method)(path, data=body, content_type="application/json")
        assert response.status_code == 401, (path, response.status_code)
        assert response.json()["errors"][0]["code"] == "second_factor_required"
    assert not ProcurementRole.objects.filter(user=grantee).exists()
    token = ApiToken.issue(official, "integration")[1]
    client.logout()
    assert client.get(f"/api/v1/procurements/{procurement.pk}", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
