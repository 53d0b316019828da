"""A two-round negotiation walked end to end in the browser (issue 21 "Done when"): a candidate
sends its sealed initial bid from the keyboard, two officials open the bids, the authority holds a
meeting with a service user at the table and writes the minutes, the candidate confirms them,
information goes to every candidate, the official reduces the candidates, and in the second round
the candidate left out can no longer bid while one going on does. Set up through the services
from a fresh procurement (not the demo); the stage times are moved as the rounds' tests move them."""

import pytest

from coprocure.core import services as core
from coprocure.negotiation.models import NegotiationMeeting, WrittenInformation
from coprocure.procedures import services
from coprocure.procedures.models import RoundBid

from .. import factories
from ..procedures.conftest import begin, pass_deadline
from ..procedures.rounds import round_world
from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _as(browser, live_server, user):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)  # the live server's first pages are slow on a shared machine
    sign_in(page, live_server, user.username)
    page.wait_for_url(lambda url: "/signin/" not in url)
    return page


def _bid_from_the_keyboard(page, price: str, offer: str) -> None:
    page.get_by_label("hinta euroina, koko sopimus").focus()
    page.keyboard.type(price)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "offer"
    page.keyboard.type(offer)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Lähetä alustava tarjous"
    page.keyboard.press("Enter")


def test_a_two_round_negotiation_end_to_end(browser, live_server):
    authority = factories.AuthorityFactory(name="Pirkanmaan hyvinvointialue")
    official = factories.UserFactory(organisation=authority, position="official", first_name="Hanna",
                                     last_name="Virtanen")
    world = round_world(official)
    procurement, stages, (first, second, third) = world["procurement"], world["stages"], world["bidders"]
    client = factories.UserFactory(first_name="Tiina", last_name="Järvinen")
    core.assign_role(official, procurement, client, "service_user")
    round_one, round_two = stages[1], stages[2]

    # The candidate sends its initial bid from the keyboard; the page shows it as sealed.
    candidate = _as(browser, live_server, first)
    candidate.goto(f"{live_server.url}/stages/{round_one.pk}/round/")
    _bid_from_the_keyboard(candidate, "240000", "Yhteisökoti ja vertaisohjaajat joka päivä.")
    candidate.get_by_role("button", name="Peru alustava tarjous").wait_for()
    assert RoundBid.objects.get(lead=first.organisation).content is None  # sealed until opened
    services.submit_round_bid(second, world["round"], {"price": "230000", "offer": "Vertaisryhmät."})
    services.submit_round_bid(third, world["round"], {"price": "250000", "offer": "Vapaaehtoiset."})

    # After the deadline two officials open the bids: the first asks, the other confirms.
    pass_deadline(round_one)
    staff = _as(browser, live_server, official)
    staff.goto(f"{live_server.url}/stages/{round_one.pk}/round/")
    staff.get_by_role("button", name="Avaa alustavat tarjoukset").click()
    other = _as(browser, live_server, world["other_official"])
    other.goto(f"{live_server.url}/stages/{round_one.pk}/round/")
    other.get_by_role("button", name="Avaa alustavat tarjoukset").click()
    other.get_by_text("Yhteisökoti ja vertaisohjaajat joka päivä.").wait_for()

    # The authority holds a meeting with the first candidate, a service user at the table.
    staff.goto(f"{live_server.url}/stages/{round_one.pk}/negotiation/")
    staff.get_by_label("ehdokas").select_option(label=first.organisation.name)
    staff.get_by_label("alkaa").fill("2030-01-15T10:00")
    staff.get_by_label("paikka").fill("Kaupungintalo")
    staff.get_by_label("osallistujat").fill("Hanna Virtanen; ehdokkaan edustaja; Tiina Järvinen")
    staff.get_by_role("button", name="Tallenna").first.click()
    meeting = NegotiationMeeting.objects.get(stage=round_one)
    staff.get_by_text("Nimeä käyttäjien edustaja").click()
    staff.get_by_label("henkilö").select_option(label="Tiina Järvinen")
    staff.get_by_label("salassapitositoumus allekirjoitettu").fill("2030-01-10")
    staff.get_by_label("sitoumustekstin versio").fill("1.0")
    staff.locator(f"form[action$='/negotiation-meetings/{meeting.pk}/representatives/'] button").click()
    staff.locator(f"#minutes-{meeting.pk}").fill("Ehdokas pidentää aukioloa iltaan.")
    staff.locator(f"#confidential-{meeting.pk}").fill("Hinnan yksityiskohdat.")
    staff.get_by_role("button", name="Tallenna muistio").click()

    # The candidate confirms the minutes; it never sees their confidential part.
    candidate.goto(f"{live_server.url}/stages/{round_one.pk}/negotiation/")
    assert "Ehdokas pidentää aukioloa iltaan." in candidate.content()
    assert "Hinnan yksityiskohdat." not in candidate.content()
    candidate.get_by_label("Vahvistamme muistion").check()
    candidate.get_by_role("button", name="Lähetä").click()
    candidate.get_by_text("Ehdokas vahvisti muistion").wait_for()

    # Written information goes to every candidate, and the log says so.
    staff.goto(f"{live_server.url}/stages/{round_one.pk}/negotiation/")
    staff.get_by_label("Tieto kaikille ehdokkaille").fill("Hinnat esitetään koko sopimuskaudelle.")
    staff.get_by_role("button", name="Lähetä kaikille ehdokkaille").click()
    staff.get_by_role("cell", name="Hinnat esitetään koko sopimuskaudelle.").wait_for()
    assert WrittenInformation.objects.get(stage=round_one).recipients.count() == 3

    # The reduction by the announced criteria: two go on, the third does not.
    staff.goto(f"{live_server.url}/stages/{round_one.pk}/round/")
    for user in (first, second):
        staff.get_by_label(f"{user.organisation.name} jatkaa seuraavaan vaiheeseen").check()
    for user, reason in ((first, "Paras laatu."), (second, "Toiseksi paras."), (third, "Kolmas.")):
        staff.get_by_label(f"Perustelu: {user.organisation.name}").fill(reason)
    staff.get_by_label("perustelut").fill("Ilmoitetut karsintaperusteet: kaksi parasta jatkaa.")
    staff.get_by_role("button", name="Päätä ja julkaise karsinta").click()
    staff.get_by_text("Ilmoitetut karsintaperusteet: kaksi parasta jatkaa.").wait_for()

    # Round two: the candidate left out has no bid form; one going on bids again.
    services.close_stage(official, round_one)
    begin(official, round_two)
    left_out = _as(browser, live_server, third)
    left_out.goto(f"{live_server.url}/stages/{round_two.pk}/round/")
    assert left_out.get_by_role("button", name="Lähetä alustava tarjous").count() == 0
    candidate.goto(f"{live_server.url}/stages/{round_two.pk}/round/")
    _bid_from_the_keyboard(candidate, "225000", "Aukiolo klo 22 asti, myös viikonloppuisin.")
    candidate.get_by_role("button", name="Peru alustava tarjous").wait_for()
    assert RoundBid.objects.filter(round__stage=round_two, lead=first.organisation).count() == 1
    assert not RoundBid.objects.filter(round__stage=round_two, lead=third.organisation).exists()
    assert NegotiationMeeting.objects.get(stage=round_one).confirmed_at is not None
