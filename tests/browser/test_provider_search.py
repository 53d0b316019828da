"""A person searches providers in Finnish with their own word forms and compares two services."""

import pytest

from .. import factories
from ..factories import text

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_inflected_finnish_and_compare(page, live_server):
    factories.provider_with_service(
        "Kulma Oy", text("Päihdekuntoutus"), text("Yhteisöllistä päihdekuntoutusta kokemusasiantuntijoiden kanssa."),
        target_groups=("substance_use",),
    )
    factories.provider_with_service(
        "Toipumo sr", text("Päihdetyön päiväkeskus"), text("Päiväkeskus ja vertaistukea kokemusasiantuntijalta."),
        kind="foundation",
    )
    factories.provider_with_service("Koti ry", text("Asumisen tuki"), text("Tukea asunnon saamiseen."), service_class="P10.3")

    page.goto(f"{live_server.url}/providers/")
    page.get_by_label("Hakusanat").fill("kokemusasiantuntija")
    page.get_by_role("button", name="Hae", exact=True).click()
    page.get_by_role("heading", name="2 palvelua löytyi").wait_for()
    assert page.get_by_text("Asumisen tuki").count() == 0

    page.get_by_label("Vertaa Päihdekuntoutus").check()
    page.get_by_label("Vertaa Päihdetyön päiväkeskus").check()
    page.get_by_role("button", name="Vertaa valittuja palveluja").click()
    page.get_by_role("heading", level=1, name="Vertaa palveluja").wait_for()
    header = page.locator("table.comparison thead").inner_text()
    assert "Kulma Oy" in header and "Toipumo sr" in header
    assert "Säätiö" in page.locator("table.comparison tbody tr").first.inner_text()
