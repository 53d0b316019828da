"""An official of the authority opens the procurement's notices, sees field by field what the
contract notice still lacks, picks the codes from lists and fills in the contacts, previews the
notice and sends it; a local fake notice service checks it with the eForms rules and its
identifier appears on the page (issue 22, "done when")."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings

from coprocure.core.models import Organisation
from coprocure.notices.models import Submission
from coprocure.notices import validation

from .. import factories
from ..notices.fake_service import FakeNoticeService
from ..tendering.conftest import make_tender
from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def rules():
    # The sending task's own schematron check uses this same compiled runner (validation.runner).
    return validation.runner(("20",)).violations


def test_an_official_fills_in_previews_and_sends_the_contract_notice(page, live_server, rules):
    authority = factories.AuthorityFactory(name="Pirkanmaan hyvinvointialue")
    Organisation.objects.filter(pk=authority.pk).update(business_id="0201256-6")
    official = factories.UserFactory(username="hanna", organisation=authority, position="official")
    procurement = factories.create_procurement(official, accountable_official=official)
    make_tender(official, procurement)

    with FakeNoticeService(rules) as service, override_settings(COPROCURE_NOTICE_SERVICE={
            "url": service.url, "user": "sender", "password": "secret", "timeout": "10", "attempts": "2",
            "backoff": "0", "max_backoff": "0"}):
        page.set_default_timeout(30_000)  # the first page also warms the live server up on a busy machine
        sign_in(page, live_server, official.username)
        page.goto(f"{live_server.url}/procurements/{procurement.pk}/")
        page.get_by_role("link", name="Ilmoitukset Hilmaan ja TEDiin").click()
        section = page.locator("section").filter(has=page.get_by_role("heading", name="EU-hankintailmoitus"))
        missing = section.locator(".missing-fields")
        for field in ("Pääasiallinen CPV-koodi", "Maakunta (NUTS 3)", "Hankintayksikön sähköpostiosoite ilmoituksiin",
                      "Hankintayksikön puhelinnumero ilmoituksia varten", "Hankintayksikön oikeudellinen muoto"):
            assert missing.get_by_text(field).is_visible()
        assert section.get_by_role("button").count() == 0  # nothing can be sent yet
        serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []

        page.get_by_label("Pääasiallinen CPV-koodi").select_option("85312500")
        page.get_by_label("Maakunta (NUTS 3)").select_option("FI19B")
        page.get_by_label("Hankintayksikön katuosoite").fill("Hatanpään valtatie 24")
        page.get_by_label("Hankintayksikön postinumero").fill("33100")
        page.get_by_label("Hankintayksikön postitoimipaikka").fill("Tampere")
        page.get_by_label("Hankintayksikön sähköpostiosoite ilmoituksiin").fill("kirjaamo@example.fi")
        page.get_by_label("Hankintayksikön puhelinnumero ilmoituksia varten").fill("+358 3 311 611")
        page.get_by_label("Hankintayksikön oikeudellinen muoto").select_option("ra")
        page.get_by_role("button", name="Tallenna").click()
        page.get_by_text("Ilmoituksen tiedot tallennettiin.").wait_for()
        assert section.get_by_text("Mitään ei puutu.").is_visible()

        section.get_by_role("link", name="på svenska").click()
        assert page.locator("[lang=sv]").first.is_visible()
        assert page.get_by_text("Förhandsgranskning av annonsen").is_visible()
        page.go_back()

        section.get_by_role("button", name="Lähetä: EU-hankintailmoitus").click()
        page.get_by_text("Ilmoitusta lähetetään ilmoituspalveluun.").wait_for()
        submission = Submission.objects.get()
        assert submission.status == "accepted" and len(service.published) == 1
        assert page.get_by_text(submission.publication_id).first.is_visible()
