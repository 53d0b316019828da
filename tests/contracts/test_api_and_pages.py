import json

from django.urls import reverse

from coprocure.api.models import ApiToken
from coprocure.contracts import services

from .. import factories
from .conftest import decision_data


def api_post(client, url, payload, **headers):
    return client.post(url, json.dumps(payload), content_type="application/json", **headers)


def decision_payload(person_id, **overrides):
    payload = {"title": {"fi": "Ilta-ajat"}, "decided": {"fi": "Auki iltaisin."}, "reasoning": {"fi": "Toive."},
               "proposed_by": "Anna Kokemus", "proposer_role": "client_representative",
               "accountable_official": person_id, "decided_on": "2025-03-01"}
    payload.update(overrides)
    return payload


def test_api_refuses_a_non_official_with_the_reason(client, official, staff, contract):
    client.force_login(official)
    url = f"/api/v1/contracts/{contract.pk}/decisions"
    refused = api_post(client, url, decision_payload(staff.pk))
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert (error["field"], error["code"]) == ("accountable_official", "accountable_not_official")
    assert "viranhaltija" in error["message"]
    accepted = api_post(client, url, decision_payload(official.pk))
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["proposed_by"] == "Anna Kokemus"


def test_confidential_decision_shows_only_its_legal_reason_to_the_public(client, official, contract):
    services.record_decision(official, contract, decision_data(
        official, is_confidential=True, confidentiality_reason="JulkL 24 § 1 mom. 20 k"))
    public = client.get(f"/api/v1/contracts/{contract.pk}/decisions").json()
    assert public[0]["confidentiality_reason"] == "JulkL 24 § 1 mom. 20 k" and public[0]["decided"] is None
    page = client.get(reverse("contract_detail", args=[contract.pk])).content.decode()
    assert "JulkL 24 § 1 mom. 20 k" in page and "Ilta-ajat käyttöön" not in page


def test_contract_api_reads_parties_and_refuses_outsiders(client, official, contract):
    body = client.get(f"/api/v1/contracts/{contract.pk}").json()
    assert {party["role"] for party in body["parties"]} == {"authority", "provider"}
    outsider = factories.UserFactory()
    client.force_login(outsider)
    response = api_post(client, f"/api/v1/contracts/{contract.pk}/documents", {"title": "Sopimus", "url": "https://example.fi/s.pdf"})
    assert response.status_code == 403


def test_contract_api_with_token_creates_members_and_meetings(client, official, contract):
    _token, raw = ApiToken.issue(official, "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    member = api_post(client, f"/api/v1/contracts/{contract.pk}/steering-group", {
        "name": "Anna Kokemus", "role": "client_representative", "term_starts": "2025-01-01"}, **auth)
    assert member.status_code == 201, member.content
    meeting = api_post(client, f"/api/v1/contracts/{contract.pk}/meetings", {
        "starts_at": "2030-01-10T10:00:00+02:00", "agenda": {"fi": "Asialista"},
        "materials": [{"title": "Selkokielinen tiivistelmä", "url": "https://example.fi/selko.pdf"}]}, **auth)
    assert meeting.status_code == 201, meeting.content
    assert meeting.json()["materials"][0]["title"] == "Selkokielinen tiivistelmä"
    bad = api_post(client, f"/api/v1/contracts/{contract.pk}/meetings", {"starts_at": "huomenna", "agenda": {}}, **auth)
    assert bad.status_code == 422


def test_unpublished_agenda_is_hidden_from_the_public(client, official, meeting):
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert "Asiakkaiden palaute" not in page
    services.publish_agenda(official, meeting)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert "Asiakkaiden palaute" in page


def test_decision_form_explains_why_a_non_official_is_refused(client, official, staff, contract):
    client.force_login(official)
    url = reverse("decision_create", args=[contract.pk])
    assert "Vain hankintayksikön viranhaltija voi olla vastuuhenkilö" in client.get(url).content.decode()
    response = client.post(url, {
        "title_fi": "Ilta-ajat", "decided_fi": "Auki iltaisin.", "reasoning_fi": "Toive.", "proposed_by": "Anna",
        "proposer_role": "client_representative", "accountable_official": staff.pk, "decided_on": "2025-03-01",
    })
    assert response.status_code == 422
    assert "Vain viranhaltija voi olla vastuussa" in response.content.decode()


def test_private_contract_is_404(client, official, contract):
    contract.procurement.is_public = False
    contract.procurement.save()
    assert client.get(reverse("contract_detail", args=[contract.pk])).status_code == 404
    assert client.get(f"/api/v1/contracts/{contract.pk}").status_code == 404
