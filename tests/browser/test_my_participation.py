"""On a 375 px phone: a resident sees their sign-up with its needs on "My participation" and
changes them; someone who sent an idea without an account follows it by the reference the
thank-you page gave."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from coprocure.contracts import services as contracts
from coprocure.participation import services
from coprocure.participation.models import Registration

from .. import factories
from ..contracts.conftest import to_contract_phase
from .test_accessibility import serious

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(page, live_server, user):
    """The resident's session, made without the sign-in form (whose own tests are elsewhere)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])


def warm_up(page, live_server):
    # A fresh test server's first request has taken over 10 s on a busy machine: only that one
    # waits longer, every step below keeps the ordinary timeout.
    page.goto(f"{live_server.url}/ideas/", timeout=90_000)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_resident_sees_and_changes_the_needs_of_their_sign_up(phone, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    event = services.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Asukasilta kirjastossa"),
        "setting": "service_centre", "capacity": 20, "registration": True, "place": "Pääkirjasto",
        "starts_at": timezone.now() + timedelta(days=7),
    })
    resident = factories.UserFactory()
    services.register(resident, event, {"dietary": "gluteeniton", "needs": "Hiljainen paikka istua"})
    signed_in(phone, live_server, resident)
    warm_up(phone, live_server)
    phone.goto(f"{live_server.url}/my/participation/")
    phone.get_by_role("heading", name="Oma osallistumiseni").wait_for()
    card = phone.locator(".card", has_text="Asukasilta kirjastossa")
    assert "gluteeniton" in card.inner_text() and "Hiljainen paikka istua" in card.inner_text()
    assert fits(phone) and serious(phone) == []

    card.get_by_role("link", name="Muuta sitä, mitä tarvitsen osallistuakseni").click()
    phone.get_by_label("Ruokavalio").fill("vegaani")
    phone.get_by_role("button", name="Tallenna").click()
    phone.get_by_text("Tarpeesi tallennettiin.").wait_for()
    assert "vegaani" in phone.locator(".card", has_text="Asukasilta kirjastossa").inner_text()
    assert Registration.objects.get(participant=resident).dietary == "vegaani"
    assert fits(phone)


def test_an_idea_sent_without_an_account_can_be_followed_by_its_reference(phone, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = to_contract_phase(official, factories.create_procurement(official))
    contract = contracts.create_contract(official, procurement, {
        "kind": "partnership", "title": factories.text("Kotihoidon kumppanuus"), "description": {},
        "starts_on": date(2025, 1, 1), "ends_on": date(2027, 12, 31), "options": {},
    })
    warm_up(phone, live_server)
    phone.goto(f"{live_server.url}/contracts/{contract.pk}/proposals/")
    phone.get_by_label("Mitä pitäisi tehdä toisin tai paremmin?").fill("Iltaisin voisi olla auki.")
    phone.get_by_label("Käytän palvelua").check()
    phone.get_by_role("button", name="Lähetä idea").click()
    phone.get_by_role("heading", name="Kiitos ideastasi").wait_for()
    reference = phone.locator(".reference").inner_text()
    assert reference.startswith("IDEA-") and fits(phone) and serious(phone) == []

    phone.get_by_role("link", name="Seuraa ideaasi").click()
    phone.get_by_role("heading", name=f"Idea {reference}").wait_for()
    assert "Vastaanotettu" in phone.content()
    assert "Iltaisin voisi olla auki." not in phone.content()  # not checked by staff yet

    phone.goto(f"{live_server.url}/ideas/")
    phone.get_by_label("Ideasi tunnus").fill(reference.lower().replace("-", " "))
    phone.get_by_role("button", name="Näytä idea").click()
    phone.get_by_role("heading", name=f"Idea {reference}").wait_for()
    assert fits(phone) and serious(phone) == []
