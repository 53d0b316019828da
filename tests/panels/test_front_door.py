"""A panel's open call is a card on the front door, with its short address, while it is open."""

import pytest

from coprocure.panels import services

pytestmark = pytest.mark.django_db


def test_an_open_call_is_a_card_with_a_short_address_and_leaves_when_closed(client, official, panel):
    front = client.get("/?kind=panel").content.decode()
    assert "Asukasraati" in front and f"/panels/{panel.pk}/volunteer/" in front and "Raati" in front
    assert client.get(f"/o/p{panel.pk}/").status_code == 200
    assert any(item["kind"] == "panel" for item in client.get("/api/v1/activities").json()["items"])

    services.set_call(official, panel, False)
    assert f"/panels/{panel.pk}/volunteer/" not in client.get("/").content.decode()
    # The printed QR code still leads somewhere: the panel's own page.
    moved = client.get(f"/o/p{panel.pk}/")
    assert moved.status_code in (301, 302) and moved["Location"].endswith(f"/panels/{panel.pk}/")
