"""A full event: a person joins the waiting list, a place frees up, and they confirm it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.participation import services
from coprocure.participation.models import Registration

from .. import factories
from .conftest import sign_in
from .test_accessibility import serious

pytestmark = pytest.mark.django_db(transaction=True)


def test_waiting_list_promotes_the_next_person_who_confirms(page, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    event = services.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Kahvit palvelukeskuksessa"),
        "setting": "service_centre", "capacity": 1, "registration": True, "confirmation_hours": 48,
        "starts_at": timezone.now() + timedelta(days=7), "quiet_room": True,
    })
    first, second = factories.UserFactory(), factories.UserFactory()
    holder = services.register(first, event, {})
    sign_in(page, live_server, second.username)
    page.goto(f"{live_server.url}/procurements/{procurement.pk}/participation/")
    page.get_by_role("link", name="Ilmoittaudu: Kahvit palvelukeskuksessa").click()
    page.get_by_label("Mitä tarvitsen osallistuakseni").fill("Tarvitsen hiljaisen paikan istua")
    page.get_by_role("button", name="Ilmoittaudu varasijalle").click()
    status = page.locator(".registration-status")
    status.get_by_text("Olet varasijalla numero 1.").wait_for()
    # The person holding the place cancels: the place is offered at once to the first in line.
    services.cancel_registration(first, holder)
    page.reload()
    status.get_by_text("Sinulle vapautui paikka.").wait_for()
    assert serious(page) == []
    page.get_by_role("button", name="Vahvistan paikkani").click()
    page.get_by_text("Paikkasi on vahvistettu. Tervetuloa!").wait_for()
    assert "Sinulla on paikka" in status.inner_text()
    registration = Registration.objects.get(participant=second)
    assert registration.status == "confirmed" and registration.needs == "Tarvitsen hiljaisen paikan istua"
