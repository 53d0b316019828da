from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coprocure.tendering import services

from ..factories import text
from .conftest import make_tender, provider, published_award


def test_staff_are_warned_of_gaps_in_the_golden_thread_and_the_public_is_not(client, official, procurement):
    tender = make_tender(official, procurement, publish=False, price_weight=Decimal("30"))
    services.add_criterion(official, tender, {"name": text("Saavutettavuus"), "weight": Decimal("10"), "scale_max": 5})
    services.create_objective(official, procurement, {"statement": text("Asunto pysyy")})
    services.publish_tender(official, tender)
    client.force_login(official)
    page = client.get(f"/procurements/{procurement.pk}/tender/").content.decode()
    assert "Laatukriteerillä ”Saavutettavuus” ei ole käyttäjälähtöistä perustaa" in page
    assert "Tavoitteella ”Asunto pysyy” ei ole vielä laatukriteeriä." in page
    assert "Vertaistuki auttaa toipumaan." in page  # insight → objective → criterion
    client.logout()
    public = client.get(f"/procurements/{procurement.pk}/tender/").content.decode()
    assert "Vertaistuki auttaa toipumaan." in public and "käyttäjälähtöistä perustaa" not in public


def test_a_draft_tender_is_not_public(client, official, procurement):
    tender = make_tender(official, procurement, publish=False)
    page = client.get(f"/procurements/{procurement.pk}/tender/").content.decode()
    assert "Tarjouspyyntöä ei ole vielä julkaistu." in page and "Päihdekuntoutusta aikuisille" not in page
    assert client.get(f"/api/v1/tenders/{tender.pk}").status_code == 404
    provider_user = provider()
    client.force_login(provider_user)
    assert client.get(f"/tenders/{tender.pk}/bid/").status_code == 404


def test_the_published_award_page_names_bids_criteria_and_every_justification(client, official, procurement):
    tender = published_award(official, procurement)
    page = client.get(f"/tenders/{tender.pk}/award/").content.decode()
    assert "Kulma Oy" in page and "Vertaistuki" in page and "Arvioija 1: 4" in page and "Perustelu" in page
    with CaptureQueriesContext(connection) as first:
        client.get(f"/procurements/{procurement.pk}/tender/")
    services.create_objective(official, procurement, {"statement": text("Toinen tavoite")})
    with CaptureQueriesContext(connection) as second:
        client.get(f"/procurements/{procurement.pk}/tender/")
    assert len(second) == len(first)
