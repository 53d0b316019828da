"""The plain-language hint updates as an author types, under the strict CSP."""

import pytest

from .. import factories
from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_hint_warns_while_typing_a_bureaucratic_summary(page, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    sign_in(page, live_server, official.username)
    page.goto(f"{live_server.url}/procurements/new/")
    summary = page.get_by_role("group", name="Tiivistelmä (pakollinen)", exact=True).get_by_label("suomi")
    summary.fill("Hankimme palveluja. Kerro toiveesi.")
    summary.press("End")  # htmx listens to key presses, as when a person types
    page.locator("#id_summary_0_readability", has_text="Helppolukuinen").wait_for()
    summary.fill("Palvelukokonaisuuden vaikuttavuusperusteinen kehittämissuunnitelma edellyttää monialaisen "
                 "yhteistyöverkoston sitoutumista asiakaslähtöisyysperiaatteiden toteuttamiseen.")
    summary.press("End")
    page.locator("#id_summary_0_readability", has_text="Paljon pitkiä sanoja").wait_for()
