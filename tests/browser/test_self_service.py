"""Taking part on one's own, on a 375 px phone (issue 19): signing up for a full event without an
account and seeing the waiting-list state, and creating an account by the link in the e-mail."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coprocure.core.models import User
from coprocure.participation import services
from coprocure.participation.models import Registration

from .. import factories
from .test_accessibility import serious

pytestmark = pytest.mark.django_db(transaction=True)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_resident_joins_the_waiting_list_of_a_full_event_without_an_account(phone, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    event = services.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Asukasilta kotihoidosta"),
        "setting": "service_centre", "place": "Palvelukeskus Kotikulma", "capacity": 1, "registration": True,
        "confirmation_hours": 24, "starts_at": timezone.now() + timedelta(days=7), "step_free": True,
    })
    services.register(factories.UserFactory(), event, {})
    phone.goto(f"{live_server.url}/activities/{event.pk}/register/")
    # Full, and said so before anything is filled in.
    phone.get_by_text("Tilaisuus on täynnä.").wait_for()
    assert "täynnä" in phone.locator(".facts").inner_text()
    assert serious(phone) == [] and fits(phone)
    phone.get_by_label("Nimi tai nimimerkki").fill("Mirja")
    phone.get_by_label("Matkapuhelinnumero").fill("040 765 4321")
    phone.get_by_role("button", name="Ilmoittaudu varasijalle").click()
    status = phone.locator(".registration-status")
    status.get_by_text("Olet varasijalla numero 1.").wait_for()
    shown = phone.locator("main").inner_text()
    assert "Sinulla on paikka" not in shown and phone.locator(".message-success").count() == 0
    assert "varasijalla: numero 1" in phone.locator(".messages").inner_text()
    assert serious(phone) == [] and fits(phone)
    registration = Registration.objects.get(name="Mirja")
    assert registration.participant is None and registration.status == "waiting" and registration.phone == "0407654321"
    # The page's address is the link sent by text message: it leads back to the same state.
    phone.goto(phone.url)
    status.get_by_text("Olet varasijalla numero 1.").wait_for()


def test_a_resident_creates_an_account_by_the_link_in_the_email(phone, live_server):
    phone.goto(f"{live_server.url}/signin/")
    phone.get_by_role("link", name="Luo käyttäjätili").click()
    phone.get_by_label("Sähköpostiosoite").fill("aino.asukas@example.fi")
    phone.get_by_label("Salasana").fill("kolme iloista kissaa")
    assert serious(phone) == [] and fits(phone)
    phone.get_by_role("button", name="Lähetä vahvistuslinkki").click()
    phone.get_by_role("heading", name="Katso sähköpostisi").wait_for()
    assert not User.objects.filter(email="aino.asukas@example.fi").exists()
    [message] = [m for m in mail.outbox if "aino.asukas@example.fi" in m.to]
    link = re.search(r"https?://\S+/signup/confirm/\S+/", message.body).group(0)
    phone.goto(live_server.url + "/" + link.split("/", 3)[3])
    assert serious(phone) == [] and fits(phone)
    phone.get_by_role("button", name="Luo käyttäjätilini").click()
    phone.get_by_text("Käyttäjätilisi on valmis ja olet kirjautunut sisään. Tervetuloa!").wait_for()
    user = User.objects.get(email="aino.asukas@example.fi")
    assert user.is_active and user.check_password("kolme iloista kissaa")
