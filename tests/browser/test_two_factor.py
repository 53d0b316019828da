"""An official signs in with a password and the code from an authenticator app, enrolled once
with an enrolment code given out of band."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coprocure.accounts import services as accounts

from .. import factories
from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_official_confirms_sign_in_with_a_code(page, live_server, settings):
    settings.COPROCURE_REQUIRE_2FA = True
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    enrolment_code = accounts.issue_enrolment_code(None, official)
    sign_in(page, live_server, official.username)
    page.get_by_role("heading", name="Vahvista kirjautumisesi").wait_for()
    page.get_by_label("Käyttöönottokoodi").fill(enrolment_code)
    page.get_by_role("button", name="Jatka").click()
    page.get_by_role("img", name="QR-koodi todennussovelluksen käyttöönottoon").wait_for()
    device = TOTPDevice.objects.get(user=official, confirmed=False)
    page.get_by_label("Kuusinumeroinen koodi todennussovelluksestasi").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Vahvista").click()
    page.get_by_role("heading", name="Omat työt").wait_for()
