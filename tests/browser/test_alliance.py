"""An alliance settlement as a member of the public sees it: the approved statement with its
figures, and the "what if" tool on the open quarter."""

import pytest

from .. import factories
from ..alliance.conftest import settled_alliance
from ..contracts.conftest import to_contract_phase

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_settled_statement_and_a_what_if(page, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official",
                                     first_name="Liisa", last_name="Nieminen")
    procurement = to_contract_phase(official, factories.create_procurement(official))
    contract, settled, open_period = settled_alliance(official, procurement)

    page.goto(f"{live_server.url}/contracts/{contract.pk}/settlements/")
    page.get_by_role("link", name="2025-q1").click()
    main = page.locator("main").inner_text()
    assert "Tilityslaskelma 2025-q1" in main
    assert "Hyväksynyt Liisa Nieminen" in main
    # Money as money: the payment with two decimals, grouped by (non-breaking) spaces.
    whole, cents = settled.statements.get().document["payment"].split(".")
    assert f"{int(whole):,}".replace(",", "\u00a0") + f",{cents}\u00a0€" in main
    assert "Entä jos?" not in main  # a frozen statement offers no what-if
    assert page.get_by_role("img", name="Avaintulosalueiden tasot").is_visible()
    pdf = page.request.get(live_server.url + page.get_by_role("link", name="Laskelma PDF-tiedostona ohjausryhmälle")
                           .get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    page.goto(f"{live_server.url}/contracts/{contract.pk}/settlements/")
    page.get_by_role("link", name="2025-q2").click()
    page.get_by_label("Hyväksytyt kustannukset yhteensä (euroa)").fill("900000")
    page.get_by_role("button", name="Laske").click()
    assert "Maksu olisi" in page.get_by_role("status").inner_text()
    assert open_period.cost_lines.count() == 0
