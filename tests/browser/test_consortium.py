"""Two providers form a consortium from an expression of interest and bid as one."""

import pytest

from coprocure.partners.models import ExpressionOfInterest

from .. import factories
from ..factories import text
from ..tendering.conftest import make_tender
from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_forming_a_consortium(page, phone, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official, accountable_official=official)
    tender = make_tender(official, procurement)
    lead_org, _ = factories.provider_with_service("Kotihoiva Oy", text("Kotihoito"), text("K"), service_class="P10.2")
    partner_org, _ = factories.provider_with_service("Iltakäynnit ry", text("Iltakäynnit"), text("K"), kind="association")
    lead, partner = lead_org.people.get(), partner_org.people.get()

    sign_in(page, live_server, lead.username)
    page.goto(f"{live_server.url}/procurements/{procurement.pk}/")
    page.get_by_role("link", name="Kumppaneita etsitään: kiinnostuksenilmaisut ja ryhmittymät").click()
    page.locator("#id_can_provide_0").fill("Kotihoitoa päivisin")
    page.locator("#id_looking_for_0").fill("Ilta- ja viikonloppukäynnit")
    page.get_by_role("button", name="Julkaise").click()
    page.get_by_label("Kutsuttavan organisaation Y-tunnus").fill(partner_org.business_id)
    page.get_by_label("Rooli ryhmittymässä").fill("Iltakäynnit")
    page.get_by_role("button", name="Kutsu", exact=True).click()
    page.get_by_role("cell", name="Kutsuttu, ei vielä vastannut").wait_for()
    interest = ExpressionOfInterest.objects.get()

    sign_in(phone, live_server, partner.username)
    phone.goto(f"{live_server.url}/consortia/{interest.pk}/")
    phone.get_by_role("button", name="Hyväksy kutsu (rooli: Iltakäynnit)").click()
    phone.get_by_role("cell", name="Hyväksynyt").wait_for()

    page.reload()
    page.get_by_role("button", name="Muodosta ryhmittymä").click()
    page.get_by_text("Ryhmittymä on muodostettu.").wait_for()
    page.get_by_role("link", name="Tee tarjous tänä ryhmittymänä").click()
    assert page.url.endswith(f"/tenders/{tender.pk}/bid/?consortium={interest.pk}")
    assert page.get_by_label("Ryhmittymän jäsen 1").input_value() == str(partner_org.pk)
    assert page.get_by_label("Jäsenen 1 rooli").input_value() == "Iltakäynnit"
