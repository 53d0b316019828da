"""A provider submits a consortium bid (its member has accepted the invitation); after the
deadline one official asks to open the bids and a second official confirms; two evaluators
score blind; the official settles the scores and publishes the award."""

import pytest
from django.utils import timezone

from coprocure.tendering import services
from coprocure.tendering.models import AwardDecision, Bid

from .. import factories
from ..tendering.conftest import consent, evaluator, make_tender, pass_deadline, provider, second_official
from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page):
    page.get_by_role("button", name="Kirjaudu ulos").click()


def score_everything(page, live_server, tender, username, values):
    sign_in(page, live_server, username)
    page.goto(f"{live_server.url}/tenders/{tender.pk}/scoring/")
    page.get_by_label("En: minulla ei ole siteitä").check()
    page.get_by_role("button", name="Tallenna ilmoitukseni").click()
    for name, value in values.items():
        card = page.locator(".card").filter(has=page.get_by_role("heading", name=name))
        card.get_by_label("Pisteet").fill(value)
        card.get_by_label("Perustelu").fill(f"{username}: perustelu")
        card.get_by_role("button", name="Tallenna pisteeni").click()
        page.get_by_text("Pisteesi tallennettiin.").wait_for()
    sign_out(page)


def test_consortium_bid_to_published_award(page, live_server):
    authority = factories.AuthorityFactory(name="Pirkanmaan hyvinvointialue")
    official = factories.UserFactory(username="hanna", organisation=authority, position="official",
                                     first_name="Hanna", last_name="Virtanen")
    procurement = factories.create_procurement(official, accountable_official=official)
    tender = make_tender(official, procurement)
    second = second_official(official, procurement)
    bidder = provider("Päihdepalvelut Kulma Oy")
    consent(bidder, procurement, [(factories.ProviderFactory(name="Vertaisvoima ry"), "Vertaistuki")])
    evaluator(official, procurement, username="eeva")
    evaluator(official, procurement, username="sari")

    sign_in(page, live_server, bidder.username)
    page.goto(f"{live_server.url}/procurements/{procurement.pk}/tender/")
    page.get_by_role("link", name="Jätä tarjous").click()
    page.get_by_label("Hinta (euroa, alv 0 %)").fill("950000")
    page.get_by_label("Vertaistuki").fill("Vertaisohjaajat ovat paikalla joka päivä.")
    page.get_by_label("Kokemusasiantuntijat").fill("Kokemusasiantuntijat työskentelevät tiimeissä.")
    page.get_by_label("Ryhmittymän jäsen 1").select_option(label="Vertaisvoima ry")
    page.get_by_label("Jäsenen 1 rooli").fill("Vertaistuki ja kokemusasiantuntijat")
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_text("Tarjouksesi sinetöitiin ja tallennettiin.").wait_for()
    bid = Bid.objects.get()
    assert bid.price is None and bid.members.get().organisation.name == "Vertaisvoima ry"
    sign_out(page)

    pass_deadline(tender)
    sign_in(page, live_server, official.username)
    page.goto(f"{live_server.url}/procurements/{procurement.pk}/tender/")
    page.get_by_role("button", name="Pyydä tarjousten avaamista").click()
    assert not page.get_by_role("button", name="Vahvista tarjousten avaaminen").count()  # not by the same official
    sign_out(page)
    sign_in(page, live_server, second.username)
    page.goto(f"{live_server.url}/procurements/{procurement.pk}/tender/")
    page.get_by_role("button", name="Vahvista tarjousten avaaminen").click()
    page.get_by_text("Tarjoukset avattiin.").wait_for()
    sign_out(page)

    score_everything(page, live_server, tender, "eeva", {"Vertaistuki": "4", "Kokemusasiantuntijat": "3"})
    score_everything(page, live_server, tender, "sari", {"Vertaistuki": "5", "Kokemusasiantuntijat": "3"})

    sign_in(page, live_server, official.username)
    page.goto(f"{live_server.url}/tenders/{tender.pk}/settlement/")
    assert page.get_by_text("Arvioija 1: 4").is_visible() and page.get_by_text("Arvioija 2: 5").is_visible()
    for _criterion in range(2):
        page.get_by_role("button", name="Päätä lopullinen pistemäärä").first.click()
        page.get_by_text("Tallennettu.").wait_for()
    page.get_by_role("link", name="Hankintapäätös").click()
    page.get_by_role("group", name="Perustelut").get_by_label("suomi").fill("Paras hinta-laatusuhde.")
    page.get_by_label("Päätöspäivä").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Kirjaa hankintapäätös").click()
    page.get_by_role("button", name="Julkaise hankintapäätös").click()
    page.get_by_text("Hankintapäätös julkaistiin koko vertailuineen.").wait_for()
    assert AwardDecision.objects.get().published_at is not None

    comparison = page.request.get(f"{live_server.url}/api/v1/tenders/{tender.pk}/comparison").json()
    assert comparison["decision"]["winner"] == f"b{bid.pk}"
    assert {s["justification"] for e in comparison["evaluations"] for s in e["scores"]} == {
        "eeva: perustelu", "sari: perustelu"}


def test_staff_split_the_tender_into_lots_and_a_bidder_chooses_one(page, live_server):
    authority = factories.AuthorityFactory(name="Pirkanmaan hyvinvointialue")
    official = factories.UserFactory(username="hanna", organisation=authority, position="official")
    procurement = factories.create_procurement(official, accountable_official=official)
    tender = make_tender(official, procurement, publish=False)
    bidder = provider("Päihdepalvelut Kulma Oy")

    sign_in(page, live_server, official.username)
    for title, value in (("Laitoskuntoutus", "600000"), ("Avokuntoutus", "")):
        page.goto(f"{live_server.url}/procurements/{procurement.pk}/tender/")
        page.get_by_role("link", name="Lisää osa").click()
        page.locator("[name=title_fi]").fill(title)
        page.get_by_label("arvioitu arvo (euroa, alv 0 %)").fill(value)
        page.get_by_role("button", name="Tallenna").click()
        page.get_by_text("Osa lisättiin.").wait_for()
    assert page.get_by_role("rowheader", name="2. Avokuntoutus").is_visible()
    services.publish_tender(official, tender)
    sign_out(page)

    sign_in(page, live_server, bidder.username)
    page.goto(f"{live_server.url}/procurements/{procurement.pk}/tender/")
    page.get_by_role("link", name="Jätä tarjous").click()
    page.get_by_label("2. Avokuntoutus").check()
    page.get_by_label("Hinta (euroa, alv 0 %)").fill("450000")
    page.get_by_label("Vertaistuki").fill("Vertaisryhmät kotikunnissa.")
    page.get_by_label("Kokemusasiantuntijat").fill("Kokemusasiantuntija jokaisessa tiimissä.")
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_text("Tarjouksesi sinetöitiin ja tallennettiin.").wait_for()
    assert Bid.objects.get().lot.number == 2
