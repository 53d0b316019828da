"""Staff type in paper answers collected at a service centre, several people at once."""

import pytest

from coprocure.participation import services
from coprocure.participation.models import AnswerBatch, Response

from .. import factories
from ..participation.conftest import make_survey
from .conftest import sign_in
from .test_accessibility import serious

pytestmark = pytest.mark.django_db(transaction=True)


def test_entering_a_paper_batch(page, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    activity = services.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": factories.text("Kysely kotihoidosta"), "setting": "service_centre",
    })
    make_survey(official, activity)
    sign_in(page, live_server, official.username)
    page.goto(f"{live_server.url}/procurements/{procurement.pk}/participation/")
    page.get_by_role("link", name="Syötä paperi- tai haastatteluvastauksia").click()
    page.get_by_role("link", name="1", exact=True).wait_for()
    page.get_by_role("group", name="Miten vastaukset kerättiin?").get_by_label("Paperilla").check()
    page.get_by_label("Missä (vapaaehtoinen)").fill("Palvelukeskus Kotikulma")
    first = page.get_by_role("group", name="Henkilö 1", exact=True)
    first.get_by_role("group", name="1. Miten arvioit kotihoidon? (pakollinen)").get_by_label("4 – Hyvä").check()
    first.get_by_label("5. Mitä muuta haluat sanoa?").fill("Kotihoitaja kiirehtii aina")
    second = page.get_by_role("group", name="Henkilö 2", exact=True)
    second.get_by_role("group", name="2. Miten liikut?").get_by_label("Bussilla").check()
    page.get_by_role("button", name="Tallenna nämä vastaukset").click()
    # The second person skipped a required question: nothing is stored, the error is on their form.
    second.get_by_text("Korjaa tämän henkilön vastaukset.").wait_for()
    assert not Response.objects.exists()
    assert serious(page) == []
    second.get_by_role("group", name="1. Miten arvioit kotihoidon? (pakollinen)").get_by_label("2 – Huono").check()
    page.get_by_role("button", name="Tallenna nämä vastaukset").click()
    page.get_by_text("2 henkilön vastaukset tallennettiin.").wait_for()
    assert list(Response.objects.values_list("channel", flat=True)) == ["paper", "paper"]
    batch = AnswerBatch.objects.get()
    assert (batch.answer_count, batch.entered_by, batch.place) == (2, official, "Palvelukeskus Kotikulma")
