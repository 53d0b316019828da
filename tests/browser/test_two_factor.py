"""An official signs in with a password and the code from an authenticator app."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import factories
from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_official_confirms_sign_in_with_a_code(page, live_server, settings):
    settings.COPROCURE_REQUIRE_2FA = True
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    sign_in(page, live_server, official.username)
    page.get_by_role("heading", name="Vahvista kirjautumisesi").wait_for()
    device = TOTPDevice.objects.get(user=official, confirmed=False)
    page.get_by_label("Kuusinumeroinen koodi todennussovelluksestasi").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Vahvista").click()
    page.get_by_role("heading", name="Omat työt").wait_for()
