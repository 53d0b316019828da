"""Bid attachments: sealed with their names until opening, checked by content, served after
opening only to the authority's people and cleared evaluators, always as downloads."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from coprocure.audit.models import AuditEntry
from coprocure.domain import attachments
from coprocure.errors import ServiceError
from coprocure.tendering import services
from coprocure.tendering.models import BidAttachment

from .conftest import answers, evaluator, open_bids, pass_deadline, provider

NAME = "Salainen-hinnoittelu.pdf"
PDF = b"%PDF-1.7\nSalainen liite 424242\n%%EOF"


@pytest.fixture
def bidder(tender):
    person = provider("Kulma Oy")
    services.submit_bid(person, tender, {"price": Decimal("900000"), "answers": answers(tender)})
    return person


def test_an_attachment_and_its_name_are_sealed_until_opening(client, official, procurement, tender, bidder):
    attachment = services.add_attachment(bidder, tender, NAME, PDF)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_content, name, kind, content FROM tendering_bidattachment")
        sealed, name, kind, content = cursor.fetchone()
    assert (name, kind, content) == ("", "", None)
    assert b"Salainen" not in bytes(sealed) and b"424242" not in bytes(sealed)
    assert "Salainen" not in str(list(AuditEntry.objects.values_list("after", flat=True)))

    person = evaluator(official, procurement)
    services.declare_conflict(person, tender, False)
    for user in (official, bidder, person):
        client.force_login(user)
        for path in (f"/procurements/{procurement.pk}/tender/", f"/tenders/{tender.pk}/bid/attachments/",
                     f"/tenders/{tender.pk}/scoring/", f"/attachments/{attachment.pk}/",
                     f"/api/v1/attachments/{attachment.pk}", f"/api/v1/tenders/{tender.pk}/bids"):
            response = client.get(path)
            assert b"Salainen" not in response.content and b"424242" not in response.content
    client.force_login(official)
    refused = client.get(f"/api/v1/attachments/{attachment.pk}")
    assert refused.status_code == 409 and refused.json()["errors"][0]["code"] == "bids_sealed"
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 409
    assert AuditEntry.objects.filter(action="tendering.sealed_access_refused", after__route="attachment",
                                     actor=official).count() == 4


def test_after_opening_the_authority_and_the_panel_download_it_safely(client, official, procurement, tender, bidder):
    attachment = services.add_attachment(bidder, tender, "../../Hinnoittelu ääkköset.pdf", PDF)
    pass_deadline(tender)
    open_bids(official, tender)
    client.force_login(official)
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Hinnoittelu%20%C3%A4%C3%A4kk%C3%B6set.pdf" in response["Content-Disposition"]
    bid = client.get(f"/api/v1/bids/{attachment.bid_id}").json()
    assert bid["attachments"] == [{"id": attachment.pk, "name": "Hinnoittelu ääkköset.pdf",
                                   "content_type": "application/pdf"}]

    person = evaluator(official, procurement)
    client.force_login(person)
    assert client.get(f"/api/v1/attachments/{attachment.pk}").status_code == 403  # no declaration yet
    services.declare_conflict(person, tender, False)
    assert client.get(f"/api/v1/attachments/{attachment.pk}").content == PDF
    assert "Hinnoittelu ääkköset.pdf" in client.get(f"/tenders/{tender.pk}/scoring/").content.decode()
    client.force_login(bidder)
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 403


def test_files_are_checked_by_content_and_size(tender, bidder):
    for name, data, code in [("ohjelma.pdf", b"MZ\x90\x00", "attachment_type_not_allowed"),
                             ("tarjous.png", PDF, "attachment_name_mismatch"),
                             ("iso.pdf", PDF + b"0" * attachments.MAX_BYTES, "attachment_too_large")]:
        with pytest.raises(ServiceError) as refused:
            services.add_attachment(bidder, tender, name, data)
        assert refused.value.status == 422 and code in str(refused.value.errors)
    assert not BidAttachment.objects.exists()


def test_only_a_bidder_attaches_and_only_before_the_deadline(tender, bidder):
    with pytest.raises(ServiceError) as refused:
        services.add_attachment(provider("Ei tarjousta Oy"), tender, NAME, PDF)
    assert refused.value.status == 409
    attachment = services.add_attachment(bidder, tender, NAME, PDF)
    with pytest.raises(ServiceError) as refused:
        services.remove_attachment(provider("Muu Oy"), attachment)
    assert refused.value.status == 403
    pass_deadline(tender)
    with pytest.raises(ServiceError) as refused:
        services.add_attachment(bidder, tender, NAME, PDF)
    assert refused.value.status == 409
    with pytest.raises(ServiceError):
        services.remove_attachment(bidder, attachment)
    assert BidAttachment.objects.count() == 1


def test_attach_and_remove_on_the_page_and_through_the_api(client, tender, bidder):
    client.force_login(bidder)
    page = client.post(f"/tenders/{tender.pk}/bid/attachments/",
                       {"file": SimpleUploadedFile("tarjous.pdf", PDF, content_type="application/pdf")})
    assert page.status_code == 302
    fake = client.post(f"/tenders/{tender.pk}/bid/attachments/",
                       {"file": SimpleUploadedFile("tarjous.pdf", b"<html>", content_type="application/pdf")})
    assert fake.status_code == 422
    api = client.post(f"/api/v1/tenders/{tender.pk}/bid/attachments",
                      {"file": SimpleUploadedFile("kuva.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png")})
    assert api.status_code == 201
    assert client.delete(f"/api/v1/attachments/{api.json()['id']}").status_code == 204
    first = BidAttachment.objects.get()
    assert client.post(f"/attachments/{first.pk}/remove/").status_code == 302
    assert not BidAttachment.objects.exists()
