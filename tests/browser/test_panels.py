"""A resident on a 375 px phone volunteers for a resident panel from the front page, without an
account, and sees the page say what happens next; nothing scrolls sideways and axe finds
nothing serious."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from coprocure.panels import services
from coprocure.panels.models import Volunteer

from .. import factories
from ..factories import text

pytestmark = pytest.mark.django_db(transaction=True)


def serious(page) -> list[str]:
    return [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]


def test_a_resident_volunteers_for_a_panel_on_a_phone(phone, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    panel = services.create_panel(official, procurement, {
        "kind": "resident", "title": text("Kotihoidon asukasraati"), "purpose": text("Raati kertoo, mikä kotihoidossa toimii."),
        "seats": 12, "term_starts": date(2027, 1, 1), "term_ends": date(2028, 12, 31), "areas": ["Keskusta", "Hervanta"]})
    services.set_quotas(official, panel, {"age_band": {"30_64": [4, 8], "65_74": [2, 6], "75_plus": [2, 6]},
                                          "area": {"Keskusta": [6, 6], "Hervanta": [6, 6]}}, "Ikä ja alue")
    services.set_call(official, panel, True)

    phone.goto(f"{live_server.url}/")
    card = phone.get_by_role("listitem").filter(has_text="Kotihoidon asukasraati")
    card.get_by_role("link", name="Ilmoittaudu raatiin vapaaehtoiseksi: Kotihoidon asukasraati").click()
    phone.wait_for_url(f"**/panels/{panel.pk}/volunteer/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious(phone) == []

    # Sent without consent: the form says why, and nothing is kept.
    phone.get_by_label("Nimesi tai nimimerkki").fill("Sirkka")
    phone.get_by_label("Puhelinnumero tai sähköpostiosoite").fill("040 123 4567")
    phone.get_by_role("button", name="Ilmoittaudu").click()
    phone.get_by_text("Arvonta tarvitsee suostumuksesi").first.wait_for()
    assert Volunteer.objects.count() == 0

    phone.get_by_role("group", name="Ikäsi").get_by_label("65–74").check()
    phone.get_by_role("group", name="Missä asut?").get_by_label("Hervanta").check()
    phone.get_by_label("Hyväksyn, että vastaukseni säilytetään").check()
    phone.get_by_role("button", name="Ilmoittaudu").click()
    phone.get_by_role("heading", name="Kiitos, että ilmoittauduit vapaaehtoiseksi").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious(phone) == []
    person = Volunteer.objects.get()
    assert (person.name, person.background.age_band, person.background.area) == ("Sirkka", "65_74", "Hervanta")

    # The panel's public page names nobody.
    phone.goto(f"{live_server.url}/panels/{panel.pk}/")
    assert "Sirkka" not in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
