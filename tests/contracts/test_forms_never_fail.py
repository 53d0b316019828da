"""Every staff form renders, and an empty or nonsensical submission is answered with messages,
never with a server error or a half-stored change."""

import pytest
from django.urls import reverse

from coprocure.audit.models import AuditEntry

from .conftest import contract_with_everything


@pytest.fixture
def everything(official, procurement):
    return contract_with_everything(official, procurement)


def form_urls(contract, meeting, proposal_pk, kra_pk):
    return [
        reverse("contract_create", args=[contract.procurement_id]),
        reverse("contract_party_add", args=[contract.pk]), reverse("contract_document_add", args=[contract.pk]),
        reverse("contract_amendment_add", args=[contract.pk]), reverse("steering_member_add", args=[contract.pk]),
        reverse("meeting_create", args=[contract.pk]), reverse("decision_create", args=[contract.pk]),
        reverse("minutes_edit", args=[meeting.pk]), reverse("compensation_add", args=[meeting.pk]),
        reverse("kra_create", args=[contract.pk]), reverse("indicator_create", args=[kra_pk]),
        reverse("proposal_decide", args=[proposal_pk]),
    ]


def test_forms_render_and_refuse_nonsense_without_storing(client, official, everything):
    contract, meeting, _decision = everything
    proposal = contract.proposals.get()
    urls = form_urls(contract, meeting, proposal.pk, contract.kras.get().pk)
    client.force_login(official)
    entries = AuditEntry.objects.count()
    nonsense = {"starts_on": "eilen", "ends_on": "2020-13-01", "weight": "paljon", "hours": "-1", "member": "x",
                "decision": "999999", "deputy_for": "abc", "accountable_official": "0", "status": "maybe",
                "kras": "x", "url": "ei osoite", "materials": "ilman erotinta", "minutes_fi": "", "attendees": "0"}
    for url in urls:
        assert client.get(url).status_code == 200, url
        for data in ({}, nonsense):
            response = client.post(url, data)
            assert response.status_code == 422, (url, data, response.status_code)
            assert 'id="error-summary"' in response.content.decode(), url
    assert AuditEntry.objects.count() == entries


def test_staff_move_a_proposal_on_the_page(client, official, everything):
    contract, _meeting, _decision = everything
    proposal = contract.proposals.get()
    client.force_login(official)
    response = client.post(reverse("proposal_decide", args=[proposal.pk]), {
        "status": "rejected", "status_reason_fi": "Ei mahdu budjettiin tänä vuonna."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "rejected"
    trail = client.get(reverse("you_said_we_did", args=[contract.pk])).content.decode()
    assert "Ei mahdu budjettiin tänä vuonna." in trail


def test_report_page_refuses_missing_and_unreadable_files(client, official, everything):
    from django.core.files.uploadedfile import SimpleUploadedFile

    contract, _meeting, _decision = everything
    client.force_login(official)
    url = reverse("contract_report", args=[contract.pk])
    assert client.post(url, {"action": "preview"}).status_code == 422
    broken = SimpleUploadedFile("raportti.xlsx", b"PK\x03\x04 ei oikea tiedosto")
    response = client.post(url, {"action": "preview", "file": broken})
    assert response.status_code == 422 and "Tiedostoa ei voitu lukea" in response.content.decode()
    assert client.post(url, {"action": "store", "rows": "väärennetty"}).status_code == 302
