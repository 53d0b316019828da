"""A resident on a 375 px phone: from the front page to an open survey in at most two taps,
answered without an account."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from coprocure.participation.models import Response

from .. import factories
from ..takepart.conftest import make_event, make_survey_activity

pytestmark = pytest.mark.django_db(transaction=True)


def test_from_the_front_page_to_an_answered_survey_on_a_phone(phone, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    survey = make_survey_activity(official, procurement)
    make_event(official, procurement)
    phone.goto(f"{live_server.url}/")
    phone.get_by_role("heading", level=1).wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # nothing sideways on a phone
    serious = [v["id"] for v in Axe().run(phone).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    card = phone.get_by_role("listitem").filter(has_text="Mikä auttaa asumaan kotona?")
    assert "Noin 3 minuuttia" in card.inner_text()
    # Tap 1: the card's button opens the answering form, which carries its signed one-time token.
    card.get_by_role("link", name="Vastaa kyselyyn: Mikä auttaa asumaan kotona?").click()
    phone.wait_for_url(f"**/surveys/{survey.pk}/")
    assert phone.locator("input[name=token]").get_attribute("value")
    phone.get_by_role("group", name="1. Miten arvioit kotihoidon? (pakollinen)").get_by_label("4 – Hyvä").check()
    # Tap 2: send.
    phone.get_by_role("button", name="Lähetä vastaukset").click()
    phone.get_by_role("heading", name="Kiitos vastauksistasi!").wait_for()
    response = Response.objects.get(survey=survey)
    assert (response.channel, response.participant) == ("online", None)


def test_the_short_address_page_and_the_swedish_front_page_fit_a_phone(phone, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    event = make_event(official, procurement)
    phone.goto(f"{live_server.url}/o/e{event.pk}/")
    phone.locator("img.qr-code").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.goto(f"{live_server.url}/sv/")
    phone.get_by_role("heading", name="Delta: säg hur social- och hälsovårdstjänsterna borde fungera").wait_for()
    assert "2 platser kvar" in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
