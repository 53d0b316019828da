"""Signing up for an event without an account (issue 19 item 4) and every state of an event
explained (item 2): a full event says so before sign-up, the confirmation says exactly what the
person got, a freed place is offered by e-mail and SMS with the deadline, and the links in the
messages confirm or cancel."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from coprocure.outbox.models import Message
from coprocure.participation import services
from coprocure.participation.models import Registration

from .. import factories


@pytest.fixture
def event(official, procurement):
    return services.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Asukasilta", "Invånarkväll"),
        "setting": "service_centre", "place": "Palvelukeskus Kotikulma", "capacity": 1, "registration": True,
        "confirmation_hours": 24, "starts_at": timezone.now() + timedelta(days=10),
    })


def sign_up(client, event, **fields):
    data = {"name": "Mirja", "email": "mirja@example.fi", "phone": "", "target_group": "older_people", **fields}
    return client.post(f"/activities/{event.pk}/register/", data)


def messages_to(recipient):
    return list(Message.objects.filter(recipient=recipient).order_by("pk"))


def link_in(message) -> str:
    return re.search(r"https?://\S+/registrations/link/(\S+)/", message.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_a_free_place_is_told_as_a_place_and_sent_with_its_link(client, event, reference_data):
    page = client.get(f"/activities/{event.pk}/register/")
    assert page.status_code == 200 and "1 place left" not in page.content.decode()  # Finnish by default
    assert "Nimi tai nimimerkki" in page.content.decode() or "name" in page.content.decode().lower()
    done = sign_up(client, event)
    assert done.status_code == 302 and "/registrations/link/" in done["Location"]
    registration = Registration.objects.get()
    assert registration.participant is None and registration.status == "confirmed" and registration.name == "Mirja"
    shown = client.get(done["Location"]).content.decode()
    assert "message-success" in shown
    [mail] = messages_to("mirja@example.fi")
    assert "Asukasilta" in mail.subject and path_of(link_in(mail)) == done["Location"]
    assert "Mirja" not in mail.body  # the message needs no name: it goes to the person


def test_a_full_event_says_so_before_sign_up_and_the_confirmation_names_the_position(client, event, reference_data):
    sign_up(client, event, name="Ensimmäinen", email="eka@example.fi")
    page = client.get(f"/en/activities/{event.pk}/register/").content.decode()
    assert "The event is full." in page and "Join the waiting list" in page
    done = client.post(f"/en/activities/{event.pk}/register/", {"name": "Toka", "phone": "040 123 4567"})
    shown = client.get(done["Location"]).content.decode()
    assert "message-success" not in shown and "You have a place" not in shown
    assert "on the waiting list: number 1" in shown
    waiting = Registration.objects.get(name="Toka")
    assert waiting.status == "waiting" and waiting.phone == "0401234567" and waiting.language == "en"
    [sms] = messages_to("0401234567")
    assert sms.channel == "sms" and "waiting list" in sms.body and "/registrations/link/" in sms.body


def test_a_freed_place_is_offered_by_email_and_sms_with_the_deadline_and_confirmed_by_the_link(client, event):
    first = services.register_guest(AnonymousUser(), event, {"name": "Eka", "email": "eka@example.fi"})
    second = services.register_guest(AnonymousUser(), event, {
        "name": "Toka", "email": "toka@example.fi", "phone": "+358401112222", "language": "sv"})
    cancel_link = path_of(link_in(messages_to("eka@example.fi")[0]))
    assert client.get(cancel_link).status_code == 200  # opening the link changes nothing
    assert Registration.objects.get(pk=first.pk).status == "confirmed"
    assert client.post(cancel_link, {"action": "cancel"}).status_code == 302
    second.refresh_from_db()
    assert second.status == "offered" and second.offer_expires_at is not None
    offer_mail = messages_to("toka@example.fi")[-1]
    offer_sms = messages_to("+358401112222")[-1]
    deadline = timezone.localtime(second.offer_expires_at).strftime("%H:%M")
    for message in (offer_mail, offer_sms):
        assert deadline in message.body and "/registrations/link/" in message.body
    assert "Bekräfta" in offer_mail.body or "bekräfta" in offer_mail.body  # in the language signed up in
    confirm_link = path_of(link_in(offer_mail))
    assert client.post(confirm_link, {"action": "confirm"}).status_code == 302
    second.refresh_from_db()
    assert second.status == "confirmed"


def test_an_offer_that_ran_out_cannot_be_confirmed_by_its_link(client, event):
    services.register_guest(AnonymousUser(), event, {"name": "Eka", "email": "eka@example.fi"})
    first = Registration.objects.get()
    second = services.register_guest(AnonymousUser(), event, {"name": "Toka", "email": "toka@example.fi"})
    services.cancel_registration(None, first)
    Registration.objects.filter(pk=second.pk).update(offer_expires_at=timezone.now() - timedelta(minutes=1))
    link = path_of(link_in(messages_to("toka@example.fi")[-1]))
    refused = client.post(link, {"action": "confirm"})
    assert refused.status_code == 409
    second.refresh_from_db()
    assert second.status == "expired"


def test_bad_sign_ups_are_refused_and_nothing_is_stored(client, official, procurement, event, reference_data):
    no_contact = sign_up(client, event, email="", phone="")
    assert no_contact.status_code == 422 and Registration.objects.count() == 0
    bad_phone = sign_up(client, event, email="", phone="soita minulle")
    assert bad_phone.status_code == 422 and Registration.objects.count() == 0
    nameless = sign_up(client, event, name="")
    assert nameless.status_code == 422
    past = services.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Mennyt ilta"),
        "setting": "online", "registration": True, "starts_at": timezone.now() - timedelta(hours=1)})
    page = client.get(f"/en/activities/{past.pk}/register/").content.decode()
    assert "signing up is closed" in page and "<form method=\"post\" novalidate>" not in page
    refused = sign_up(client, past)
    assert refused.status_code == 422 and "Tilaisuus on jo alkanut tai pidetty" in refused.content.decode()
    api = client.post(f"/api/v1/activities/{past.pk}/guest-registrations",
                      json.dumps({"name": "X", "email": "x@example.fi"}), content_type="application/json")
    assert api.status_code == 409 and api.json()["errors"][0]["code"] == "registration_event_past"
    assert Registration.objects.count() == 0 and Message.objects.count() == 0


def test_forged_links_are_refused(client, event):
    services.register_guest(AnonymousUser(), event, {"name": "Eka", "email": "eka@example.fi"})
    registration = Registration.objects.get()
    link = path_of(link_in(messages_to("eka@example.fi")[0]))
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = token.replace(str(registration.pk), str(registration.pk + 1), 1)
    assert client.post(f"/registrations/link/{forged}/", {"action": "cancel"}).status_code == 404
    assert client.post(f"/api/v1/registrations/link/{forged}/cancel").status_code == 404
    assert client.get("/registrations/link/nonsense/").status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_guest_sign_up_through_the_api(client, event):
    def post(path, payload=None):
        return client.post(path, json.dumps(payload or {}), content_type="application/json")

    bad = post(f"/api/v1/activities/{event.pk}/guest-registrations", {"name": "Eka"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["code"] == "registration_contact_required"
    placed = post(f"/api/v1/activities/{event.pk}/guest-registrations", {"name": "Eka", "email": "eka@example.fi"})
    assert placed.status_code == 201 and placed.json()["status"] == "confirmed"
    waiting = post(f"/api/v1/activities/{event.pk}/guest-registrations", {"name": "Toka", "phone": "0401234567",
                                                                         "needs": "Tarvitsen tulkin"})
    assert waiting.status_code == 201 and waiting.json()["status"] == "waiting" and waiting.json()["waiting_position"] == 1
    first, second = placed.json()["link_token"], waiting.json()["link_token"]
    assert client.get(f"/api/v1/registrations/link/{second}").json()["status"] == "waiting"
    assert post(f"/api/v1/registrations/link/{first}/cancel").json()["status"] == "cancelled"
    assert client.get(f"/api/v1/registrations/link/{second}").json()["status"] == "offered"
    assert post(f"/api/v1/registrations/link/{second}/confirm").json()["status"] == "confirmed"


def test_guests_who_came_count_in_the_equality_monitor(client, official, procurement, event, reference_data):
    services.update_activity(official, event, {"capacity": 5})
    for number in range(5):
        sign_up(client, event, name=f"Vieras {number}", email=f"vieras{number}@example.fi", target_group="older_people")
    guests = list(Registration.objects.values_list("pk", flat=True))
    client.force_login(official)
    roster = client.get(f"/activities/{event.pk}/roster/").content.decode()
    assert "Vieras 0" in roster and "vieras0@example.fi" not in roster
    assert client.post(f"/activities/{event.pk}/roster/", {"attended": guests}).status_code == 302
    monitor = client.get(f"/procurements/{procurement.pk}/participation/equality/").context["monitor"]
    groups = {row["code"]: row["participants"] for row in monitor["overall"]["groups"]}
    assert groups["older_people"] == 5


def test_the_guest_contact_goes_with_the_needs_once_the_event_is_over(event):
    from coprocure.core import retention

    services.register_guest(AnonymousUser(), event, {"name": "Eka", "email": "eka@example.fi",
                                                          "phone": "0401234567", "dietary": "vegaani"})
    assert retention.enforce(event.starts_at + timedelta(days=40))["registration_needs"] == 1
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.phone, registration.dietary) == ("", "", "", "")


def test_an_account_without_a_name_gives_one_so_the_roster_does_not_show_an_address(client, official, event,
                                                                                      reference_data):
    person = factories.UserFactory(username="aino@example.fi", email="aino@example.fi", first_name="", last_name="")
    client.force_login(person)
    nameless = client.post(f"/activities/{event.pk}/register/", {})
    assert nameless.status_code == 422 and not Registration.objects.exists()
    assert client.post(f"/activities/{event.pk}/register/", {"name": "Aino"}).status_code == 302
    client.force_login(official)
    roster = client.get(f"/activities/{event.pk}/roster/").content.decode()
    assert "Aino" in roster and "aino@example.fi" not in roster


def test_through_the_api_an_account_without_a_name_gives_one(client, event):
    person = factories.UserFactory(username="aino@example.fi", email="aino@example.fi", first_name="", last_name="")
    client.force_login(person)
    path = f"/api/v1/activities/{event.pk}/registrations"
    nameless = client.post(path, "{}", content_type="application/json")
    assert nameless.status_code == 422 and nameless.json()["errors"][0]["field"] == "name"
    named = client.post(path, json.dumps({"name": "Aino"}), content_type="application/json")
    assert named.status_code == 201 and Registration.objects.get().display_name == "Aino"
