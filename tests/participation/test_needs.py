"""What people need to take part reaches the organiser: on the roster and by e-mail."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.participation import services

from .. import factories


@pytest.fixture
def event(official, procurement):
    return services.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Asukasilta", "Invånarkväll"),
        "setting": "service_centre", "capacity": 5, "registration": True, "starts_at": timezone.now() + timedelta(days=7),
    })


def test_needs_are_listed_for_the_organiser_and_an_email_says_which_kinds_without_the_words(
        client, official, procurement, event, mailoutbox, django_capture_on_commit_callbacks):
    organiser = factories.UserFactory(organisation=official.organisation, position="official",
                                      email="ohjaaja@hva.fi", preferred_language="sv")
    procurement.accountable_official = organiser
    procurement.save(update_fields=["accountable_official"])
    person = factories.UserFactory(first_name="Aino", last_name="Asukas")
    with django_capture_on_commit_callbacks(execute=True):
        services.register(person, event, {"dietary": "laktoositon", "needs": "Tarvitsen hiljaisen paikan, masennus"})
        services.register(factories.UserFactory(), event, {})  # no needs: no message
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ohjaaja@hva.fi"]
    assert "Invånarkväll" in message.subject
    assert "Aino Asukas" in message.body and "specialkost" in message.body
    assert f"/activities/{event.pk}/roster/" in message.body
    # The words themselves may be health information: they stay in CoProcure.
    assert "masennus" not in message.body and "laktoositon" not in message.body
    client.force_login(official)
    roster = client.get(f"/activities/{event.pk}/roster/")
    assert [r.participant for r in roster.context["with_needs"]] == [person]
    page = roster.content.decode()
    assert "Mitä osallistujat tarvitsevat" in page and "Tarvitsen hiljaisen paikan, masennus" in page


def test_without_a_reachable_organiser_nothing_is_sent(procurement, event, mailoutbox, django_capture_on_commit_callbacks):
    procurement.accountable_official = None
    procurement.save(update_fields=["accountable_official"])
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(factories.UserFactory(), event, {"assistance": True})
    assert mailoutbox == [] and registration.assistance
