"""A person answers a survey on a phone, without an account."""

import pytest

from coprocure.participation import services
from coprocure.participation.models import Answer, Response

from .. import factories
from ..participation.conftest import make_survey

pytestmark = pytest.mark.django_db(transaction=True)


def test_answering_a_survey_on_a_phone_without_an_account(phone, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    activity = services.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": factories.text("Kysely kotihoidosta"), "setting": "online",
    })
    survey = make_survey(official, activity)
    phone.goto(f"{live_server.url}/procurements/{procurement.pk}/")
    phone.get_by_role("link", name="Osallisuussuunnitelma ja toiminta").click()
    phone.get_by_role("link", name="Vastaa kyselyyn: Mikä auttaa asumaan kotona?").click()
    # Sending without the required answer shows what is missing, in plain words.
    phone.get_by_role("button", name="Lähetä vastaukset").click()
    phone.locator("#error-summary").wait_for()
    assert "Vastaa tähän kysymykseen." in phone.locator("#error-summary").inner_text()
    rating = phone.get_by_role("group", name="1. Miten arvioit kotihoidon? (pakollinen)")
    rating.get_by_label("4 – Hyvä").check()
    phone.get_by_role("group", name="2. Miten liikut?").get_by_label("Jokin muu", exact=True).check()
    phone.get_by_label("Jokin muu, mikä?").fill("Rollaattorilla")
    phone.get_by_label("5. Mitä muuta haluat sanoa?").fill("Soita 040 123 4567")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # nothing sideways on a phone
    phone.get_by_role("button", name="Lähetä vastaukset").click()
    phone.get_by_role("heading", name="Kiitos vastauksistasi!").wait_for()
    response = Response.objects.get(survey=survey)
    assert (response.channel, response.participant) == ("online", None)
    assert Answer.objects.get(question__kind="text").value == "Soita [puhelinnumero poistettu]"
    assert Answer.objects.get(question__kind="single").value == {"choice": "other", "text": "Rollaattorilla"}
