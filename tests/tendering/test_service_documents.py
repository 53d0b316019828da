"""The service description and minimum requirements: co-edited by staff and invited user
representatives, published as versions that are never overwritten, commented and moderated."""

import json
from decimal import Decimal

import pytest
from django.core import mail

from coprocure.audit.models import AuditEntry
from coprocure.core import services as core
from coprocure.errors import ServiceError
from coprocure.tendering import services
from coprocure.tendering.models import Bid, DocumentVersion

from .. import factories
from ..factories import text
from .conftest import answers, make_tender, open_bids, pass_deadline, provider

REQUIREMENTS = "minimum_requirements"


@pytest.fixture
def expert(official, procurement):
    person = factories.UserFactory(email="kokemus@example.org")
    core.assign_role(official, procurement, person, "expert_by_experience")
    return person


def section(heading, body):
    return {"heading": text(heading), "text": text(body)}


def test_staff_and_a_user_representative_write_versions_that_are_kept(official, procurement, expert):
    tender = make_tender(official, procurement, publish=False)
    first = services.add_section(official, tender, "service_description", section("Tavoite", "Vertaistukea joka viikko"))
    services.add_section(expert, tender, "service_description", section("Aukiolo", "Auki iltaisin"))
    one = services.publish_document(official, tender, "service_description")
    services.update_section(expert, first, section("Tavoite", "Vertaistukea joka päivä"))
    two = services.publish_document(official, tender, "service_description")

    assert (one.number, two.number) == (1, 2)
    assert DocumentVersion.objects.get(pk=one.pk).sections[0]["text"]["fi"]["text"] == "Vertaistukea joka viikko"
    assert two.sections[0]["text"]["fi"]["text"] == "Vertaistukea joka päivä"
    assert AuditEntry.objects.filter(action="tendering.section_update", actor=expert).exists()
    with pytest.raises(ServiceError) as refused:
        services.publish_document(official, tender, "service_description")
    assert refused.value.status == 409 and "document_unchanged" in str(refused.value.errors)


def test_only_staff_publish_and_outsiders_do_not_edit(official, procurement, expert):
    tender = make_tender(official, procurement, publish=False)
    services.add_section(expert, tender, REQUIREMENTS, section("Luvat", "Toimiluvat kunnossa"))
    with pytest.raises(Exception):
        services.publish_document(expert, tender, REQUIREMENTS)
    with pytest.raises(Exception):
        services.add_section(provider(), tender, REQUIREMENTS, section("Oma", "Ei kuulu"))


def test_documents_no_longer_change_after_the_deadline(official, procurement):
    tender = make_tender(official, procurement)
    services.add_section(official, tender, REQUIREMENTS, section("Luvat", "Toimiluvat kunnossa"))
    pass_deadline(tender)
    with pytest.raises(ServiceError) as refused:
        services.publish_document(official, tender, REQUIREMENTS)
    assert refused.value.status == 409


def test_the_version_page_shows_what_changed_and_the_tender_page_the_current_version(client, official, procurement, expert):
    tender = make_tender(official, procurement, publish=False)
    first = services.add_section(official, tender, "service_description", section("Tavoite", "Vertaistukea joka viikko"))
    services.publish_document(official, tender, "service_description")
    services.update_section(expert, first, section("Tavoite", "Vertaistukea joka päivä"))
    services.publish_document(official, tender, "service_description")
    services.publish_tender(official, tender)

    page = client.get(f"/tenders/{tender.pk}/documents/service_description/versions/2/").content.decode()
    assert "<del>viikko</del>" in page and "<ins>päivä</ins>" in page
    tender_page = client.get(f"/procurements/{procurement.pk}/tender/").content.decode()
    assert "Vertaistukea joka päivä" in tender_page and "Vertaistukea joka viikko" not in tender_page
    pdf = client.get(f"/tenders/{tender.pk}/invitation.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # The working text of a draft is for its writers; the published one for everyone.
    assert client.get(f"/tenders/{tender.pk}/documents/service_description/").status_code == 200
    assert client.get(f"/tenders/{tender.pk}/documents/unknown/").status_code == 404


def test_a_draft_documents_page_is_for_its_writers_only(client, official, procurement, expert):
    tender = make_tender(official, procurement, publish=False)
    services.add_section(official, tender, REQUIREMENTS, section("Luvat", "Toimiluvat kunnossa"))
    assert client.get(f"/tenders/{tender.pk}/documents/{REQUIREMENTS}/").status_code == 404
    client.force_login(expert)
    page = client.get(f"/tenders/{tender.pk}/documents/{REQUIREMENTS}/")
    assert page.status_code == 200 and "Toimiluvat kunnossa" in page.content.decode()
    response = client.post(f"/tenders/{tender.pk}/documents/{REQUIREMENTS}/sections/new/", {
        "heading_fi": "Henkilöstö", "text_fi": "Vähintään kaksi sairaanhoitajaa"})
    assert response.status_code == 302
    assert "Vähintään kaksi sairaanhoitajaa" in client.get(f"/tenders/{tender.pk}/documents/{REQUIREMENTS}/").content.decode()


def test_a_comment_is_shown_publicly_only_as_moderated(client, official, procurement, expert):
    tender = make_tender(official, procurement)
    first = services.add_section(official, tender, "service_description", section("Tavoite", "Vertaistukea"))
    services.publish_document(official, tender, "service_description")
    comment = services.comment_section(expert, first, "Minulla on diagnoosi X, ja vertaistuki auttoi.")
    services.redact_comment(official, comment, {"start": 0, "end": 27, "reason": "health_information"})
    page = client.get(f"/tenders/{tender.pk}/documents/service_description/").content.decode()
    assert "diagnoosi X" not in page and "vertaistuki auttoi." in page
    body = client.get(f"/api/v1/tenders/{tender.pk}/documents/service_description").json()
    assert "diagnoosi X" not in json.dumps(body) and body["working"] is None
    assert body["current"]["number"] == 1 and "vertaistuki auttoi." in body["comments"]["1"][0]["text"]


def test_the_author_of_a_redacted_comment_is_told(official, procurement, expert, django_capture_on_commit_callbacks):
    tender = make_tender(official, procurement)
    first = services.add_section(official, tender, "service_description", section("Tavoite", "Vertaistukea"))
    comment = services.comment_section(expert, first, "Soittakaa 040 123 4567, niin kerron lisää.")
    with django_capture_on_commit_callbacks(execute=True):
        services.redact_comment(official, comment, {"start": 9, "end": 20, "reason": "personal_data"})
    assert mail.outbox and mail.outbox[0].to == ["kokemus@example.org"]
    assert "040 123 4567" not in mail.outbox[0].body


def test_a_bid_is_excluded_citing_a_published_minimum_requirement(official, procurement):
    tender = make_tender(official, procurement)
    services.add_section(official, tender, REQUIREMENTS, section("Luvat", "Toimiluvat kunnossa"))
    services.add_section(official, tender, REQUIREMENTS, section("Henkilöstö", "Kaksi sairaanhoitajaa"))
    services.publish_document(official, tender, REQUIREMENTS)
    bid = services.submit_bid(provider(), tender, {"price": Decimal("900000"), "answers": answers(tender)})
    pass_deadline(tender)
    open_bids(official, tender)
    with pytest.raises(ServiceError) as refused:
        services.exclude_bid(official, bid, "Ei lupaa", requirement=7)
    assert refused.value.status == 422 and "requirement" in refused.value.errors
    services.exclude_bid(official, bid, "Toimilupa puuttuu", requirement=1)
    assert Bid.objects.get(pk=bid.pk).failed_requirement == 1


def test_documents_through_the_api(client, official, procurement, expert):
    tender = make_tender(official, procurement, publish=False)
    client.force_login(expert)
    created = client.post(f"/api/v1/tenders/{tender.pk}/documents/{REQUIREMENTS}/sections",
                          {"heading": {"fi": "Luvat"}, "text": {"fi": "Toimiluvat kunnossa"}}, content_type="application/json")
    assert created.status_code == 201 and created.json()["number"] == 1
    refused = client.post(f"/api/v1/tenders/{tender.pk}/documents/{REQUIREMENTS}/publish")
    assert refused.status_code == 403
    empty = client.post(f"/api/v1/tenders/{tender.pk}/documents/{REQUIREMENTS}/sections", {"heading": {}, "text": {}},
                        content_type="application/json")
    assert empty.status_code == 422
    client.force_login(official)
    assert client.post(f"/api/v1/tenders/{tender.pk}/documents/{REQUIREMENTS}/publish").status_code == 201
    changed = client.put(f"/api/v1/sections/{created.json()['id']}",
                         {"heading": {"fi": "Luvat"}, "text": {"fi": "Toimiluvat ja vakuutukset kunnossa"}},
                         content_type="application/json")
    assert changed.status_code == 200
    assert client.post(f"/api/v1/tenders/{tender.pk}/documents/{REQUIREMENTS}/publish").status_code == 201
    version = client.get(f"/api/v1/tenders/{tender.pk}/documents/{REQUIREMENTS}/versions/2").json()
    inserted = [s["text"] for s in version["changes"][0]["text"]["fi"] if s["op"] == "insert"]
    assert inserted == ["ja vakuutukset "]
    document = client.get(f"/api/v1/tenders/{tender.pk}/documents/{REQUIREMENTS}").json()
    assert document["versions"] == [1, 2] and document["working"][0]["number"] == 1
