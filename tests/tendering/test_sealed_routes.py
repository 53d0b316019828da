"""Before opening, no route shows a bid's price, answers or attachments (nor their names):
pages, the API, the admin, the comparison export. Only that a bid exists and who submitted it."""

import json
from decimal import Decimal

import pytest

from coprocure.audit.models import AuditEntry
from coprocure.core import services as core
from coprocure.tendering import services

from .. import factories
from .conftest import answers, evaluator, open_bids, pass_deadline, provider, second_official

PRICE = "987654.32"
SECRET = "Salainen vastaus"


@pytest.fixture
def sealed(official, procurement, tender):
    bidder = provider("Kulma Oy")
    bid = services.submit_bid(bidder, tender, {"price": Decimal(PRICE), "answers": answers(tender, SECRET)})
    services.add_attachment(bidder, tender, f"{SECRET}.pdf", f"%PDF-1.7 {SECRET} {PRICE}".encode())
    return bidder, bid


def readers(official, procurement, bidder):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    staff = factories.UserFactory(organisation=official.organisation, position="staff")
    core.assign_role(official, procurement, staff, "staff")
    return [official, staff, admin, bidder, evaluator(official, procurement)]


def assert_sealed(response):
    text = response.content.decode()
    assert PRICE not in text and "987 654" not in text and "987654" not in text and SECRET not in text


def test_no_page_shows_sealed_content(client, official, procurement, tender, sealed):
    bidder, bid = sealed
    paths = [f"/procurements/{procurement.pk}/tender/", f"/tenders/{tender.pk}/scoring/",
             f"/tenders/{tender.pk}/settlement/", f"/tenders/{tender.pk}/award/", f"/tenders/{tender.pk}/bid/",
             "/admin/tendering/bid/", f"/admin/tendering/bid/{bid.pk}/change/", f"/tenders/{tender.pk}/bid/attachments/",
             f"/attachments/{bid.attachments.get().pk}/"]
    for user in readers(official, procurement, bidder):
        client.force_login(user)
        for path in paths:
            assert_sealed(client.get(path))
    client.force_login(official)
    page = client.get(f"/procurements/{procurement.pk}/tender/").content.decode()
    assert "Kulma Oy" in page


def test_no_api_route_shows_sealed_content(client, official, procurement, tender, sealed):
    bidder, bid = sealed
    for user in readers(official, procurement, bidder):
        client.force_login(user)
        for path in (f"/api/v1/tenders/{tender.pk}", f"/api/v1/tenders/{tender.pk}/bids", f"/api/v1/bids/{bid.pk}",
                     f"/api/v1/tenders/{tender.pk}/comparison", f"/api/v1/attachments/{bid.attachments.get().pk}"):
            response = client.get(path)
            assert_sealed(response)
            assert response.status_code in {200, 403, 404, 409}
    client.force_login(official)
    listed = client.get(f"/api/v1/tenders/{tender.pk}/bids").json()
    assert listed[0]["lead_name"] == "Kulma Oy" and listed[0]["price"] is None
    refused = client.get(f"/api/v1/bids/{bid.pk}")
    assert refused.status_code == 409 and refused.json()["errors"][0]["code"] == "bids_sealed"
    assert AuditEntry.objects.filter(action="tendering.sealed_access_refused", after__route="api:get_bid").exists()


def test_opening_before_the_deadline_is_refused_on_the_page_and_in_the_api(client, official, tender, sealed):
    client.force_login(official)
    page = client.post(f"/tenders/{tender.pk}/open/")
    assert page.status_code == 409 and "sinetöity" in page.content.decode()
    api = client.post(f"/api/v1/tenders/{tender.pk}/open")
    assert api.status_code == 409 and api.json()["errors"][0]["code"] == "bids_sealed"
    assert AuditEntry.objects.filter(action="tendering.sealed_access_refused").count() == 2


def test_malformed_buttons_are_404_not_500(client, official, procurement, tender, sealed):
    pass_deadline(tender)
    open_bids(official, tender)
    client.force_login(official)
    assert client.post(f"/tenders/{tender.pk}/settlement/", {"bid": "x", "criterion": "1"}).status_code == 404
    person = evaluator(official, procurement)
    services.declare_conflict(person, tender, False)
    client.force_login(person)
    assert client.post(f"/tenders/{tender.pk}/scoring/", {"bid": "1'", "criterion": ""}).status_code == 404


def test_the_database_holds_no_readable_content_before_opening(tender, sealed):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_content, price, answers FROM tendering_bid")
        content, price, stored_answers = cursor.fetchone()
        cursor.execute("SELECT sealed_content, name, content FROM tendering_bidattachment")
        attachment, name, plain = cursor.fetchone()
    assert price is None and stored_answers is None and name == "" and plain is None
    assert PRICE.encode() not in bytes(content) and SECRET.encode() not in bytes(content)
    assert PRICE.encode() not in bytes(attachment) and SECRET.encode() not in bytes(attachment)
    trail = json.dumps(list(AuditEntry.objects.values("before", "after")))
    assert "987654" not in trail and SECRET not in trail


def test_after_opening_the_authority_reads_the_bid(client, official, tender, sealed):
    _bidder, bid = sealed
    pass_deadline(tender)
    client.force_login(official)
    assert client.post(f"/api/v1/tenders/{tender.pk}/open").status_code == 200
    client.force_login(second_official(official, tender.procurement))
    assert client.post(f"/api/v1/tenders/{tender.pk}/open").status_code == 200
    client.force_login(official)
    body = client.get(f"/api/v1/bids/{bid.pk}").json()
    assert body["price"] == PRICE and all(text.startswith(SECRET) for text in body["answers"].values())
    assert body["attachments"][0]["name"] == f"{SECRET}.pdf"
    assert SECRET.encode() in client.get(f"/api/v1/attachments/{body['attachments'][0]['id']}").content


def test_api_bid_errors_are_4xx_with_the_common_body(client, tender):
    bidder = provider()
    client.force_login(bidder)
    url = f"/api/v1/tenders/{tender.pk}/bids"
    negative = client.post(url, json.dumps({"price": "-1", "answers": answers(tender)}), content_type="application/json")
    assert negative.status_code == 422 and negative.json()["errors"][0]["code"] == "price_not_positive"
    garbage = client.post(url, json.dumps({"price": "lots", "answers": {}}), content_type="application/json")
    assert garbage.status_code == 422 and garbage.json()["errors"][0]["field"] == "price"
    member = client.post(url, json.dumps({"price": "5", "answers": answers(tender),
                                          "members": [{"organisation": 999999, "role": "x"}]}),
                         content_type="application/json")
    assert member.status_code == 422 and member.json()["errors"][0]["code"] == "member_unknown"
    pass_deadline(tender)
    late = client.post(url, json.dumps({"price": "5", "answers": answers(tender)}), content_type="application/json")
    assert late.status_code == 409 and late.json()["errors"][0]["code"] == "deadline_passed"


def test_a_malformed_bid_key_is_reported_at_start(settings):
    from coprocure.tendering.apps import check_bid_key

    assert check_bid_key(None) == []
    settings.COPROCURE_BID_KEY = "not-a-key"
    assert [error.id for error in check_bid_key(None)] == ["tendering.E001"]
