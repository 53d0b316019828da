"""An official signs in, creates a procurement and moves it to tendering, all by clicking."""

import pytest

from coprocure.core.models import Procurement

from .. import factories
from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_official_creates_and_advances_a_procurement(page, live_server):
    authority = factories.AuthorityFactory(name="Pohjanmaan hyvinvointialue")
    official = factories.UserFactory(username="hanna", organisation=authority, position="official", first_name="Hanna", last_name="Virtanen")

    sign_in(page, live_server, official.username)
    page.get_by_role("link", name="Uusi hankinta").click()
    page.get_by_role("button", name="Tallenna").click()
    # Submitting empty: the error summary takes focus and names the missing fields.
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"

    page.get_by_role("group", name="Nimi").get_by_label("suomi").fill("Omaishoidon tukipalvelut")
    page.get_by_role("group", name="Nimi").get_by_label("ruotsi").fill("Stödtjänster för närståendevård")
    page.get_by_role("group", name="Tiivistelmä (pakollinen)").get_by_label("suomi").fill("Hankimme omaishoitajia tukevat palvelut.")
    page.get_by_label("Palvelualue").select_option(label="Ikääntyneiden palvelut")
    page.get_by_label("Menettely").select_option(label="Sosiaali- ja terveyspalvelujen kevennetty menettely")
    page.get_by_label("Ikääntyneet").check()
    page.get_by_label("Vastuussa oleva viranhaltija").select_option(label="Hanna Virtanen")
    page.get_by_role("button", name="Tallenna").click()

    page.get_by_role("heading", level=1, name="Omaishoidon tukipalvelut").wait_for()
    assert page.locator(".timeline [aria-current=step]").inner_text().startswith("Valmistelu")

    page.get_by_role("link", name="Vaihda vaihetta").click()
    page.get_by_role("button", name="Vaihda vaihetta").click()
    page.get_by_text("Hankinta siirtyi vaiheeseen: Kilpailutus.").wait_for()
    assert page.locator(".timeline [aria-current=step]").inner_text().startswith("Kilpailutus")

    procurement = Procurement.objects.get()
    assert procurement.phase == "tendering"
    assert procurement.accountable_official == official
    assert procurement.title["sv"]["text"] == "Stödtjänster för närståendevård"


def test_skipping_a_phase_is_refused_on_the_page(page, live_server):
    authority = factories.AuthorityFactory()
    official = factories.UserFactory(organisation=authority, position="official")
    procurement = factories.create_procurement(official)

    sign_in(page, live_server, official.username)
    page.goto(f"{live_server.url}/procurements/{procurement.pk}/phase/")
    page.get_by_label("Uusi vaihe").select_option(label="Sopimuskausi")
    page.get_by_role("button", name="Vaihda vaihetta").click()
    assert "Vaihetta ei voi ohittaa" in page.locator("#error-summary").inner_text()
    procurement.refresh_from_db()
    assert procurement.phase == "preparation"
