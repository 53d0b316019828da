"""Each steering-group member's position on a decision, with client representatives' views
shown on the public decision page as their own."""

from datetime import date

import pytest

from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.contracts import services
from coprocure.contracts.models import MemberPosition
from coprocure.errors import ServiceError

from .. import factories
from .conftest import decision_data


@pytest.fixture
def decision(official, contract):
    return services.record_decision(official, contract, decision_data(official))


@pytest.fixture
def provider_rep(official, contract):
    return services.add_member(official, contract, {
        "name": "Pekka Tuottaja", "role": "provider_representative", "organisation": None, "user": None,
        "term_starts": date(2025, 1, 1), "term_ends": None, "deputy_for": None,
    })


def test_positions_are_recorded_corrected_and_audited(official, decision, client_rep, provider_rep):
    services.record_position(official, decision, {"member": provider_rep, "position": "supports", "view": ""})
    services.record_position(official, decision, {"member": client_rep, "position": "supports", "view": ""})
    corrected = services.record_position(official, decision, {
        "member": client_rep, "position": "dissent", "view": "  Ilta-ajat eivät riitä, tarvitaan myös viikonloput.  "})
    assert corrected.view == "Ilta-ajat eivät riitä, tarvitaan myös viikonloput."
    assert MemberPosition.objects.filter(decision=decision).count() == 2
    entry = AuditEntry.objects.filter(action="contracts.position_record").order_by("-id").first()
    assert entry.before["position"] == "supports" and entry.after["position"] == "dissent"


def test_a_dissent_without_a_view_and_a_member_of_another_contract_are_refused(official, decision, client_rep,
                                                                              procurement):
    with pytest.raises(ServiceError) as refused:
        services.record_position(official, decision, {"member": client_rep, "position": "dissent", "view": " "})
    assert "position_dissent_view" in str(refused.value.errors)
    other = services.create_contract(official, procurement, {
        "kind": "conventional", "title": factories.text("Toinen"), "description": {}, "starts_on": date(2025, 1, 1),
        "ends_on": date(2026, 1, 1), "options": {}})
    stranger = services.add_member(official, other, {
        "name": "Vieras", "role": "peer", "organisation": None, "user": None, "term_starts": date(2025, 1, 1),
        "term_ends": None, "deputy_for": None})
    with pytest.raises(ServiceError) as refused:
        services.record_position(official, decision, {"member": stranger, "position": "supports", "view": ""})
    assert "member_other_contract" in str(refused.value.errors)
    assert not MemberPosition.objects.exists()


def test_the_public_page_shows_the_client_representatives_view_as_their_own(client, official, decision, client_rep,
                                                                             provider_rep):
    services.record_position(official, decision, {"member": client_rep, "position": "dissent",
                                                  "view": "Tarvitaan myös viikonloput."})
    services.record_position(official, decision, {"member": provider_rep, "position": "supports", "view": "Hyvä."})
    page = client.get(f"/decisions/{decision.pk}/")
    html = page.content.decode()
    assert [position.member for position in page.context["client_views"]] == [client_rep]
    quote = html[html.index('id="client-views"'):html.index('id="positions"')]
    assert "Tarvitaan myös viikonloput." in quote and "Anna Kokemus" in quote and "Hyvä." not in quote
    assert "Pekka Tuottaja" in html[html.index('id="positions"'):]
    assert "Record a member" not in html and "Kirjaa jäsenen kanta" not in html  # the public cannot record


def test_a_confidential_decision_hides_the_positions_from_the_public(client, official, contract, client_rep):
    secret = services.record_decision(official, contract, decision_data(
        official, is_confidential=True, confidentiality_reason="JulkL 24 § 1 (20)"))
    services.record_position(official, secret, {"member": client_rep, "position": "dissent", "view": "Salainen kanta."})
    assert "Salainen kanta." not in client.get(f"/decisions/{secret.pk}/").content.decode()
    decisions = client.get(f"/api/v1/contracts/{contract.pk}/decisions").json()
    assert decisions[0]["positions"] == []


def test_the_form_and_the_api_record_a_position(client, official, decision, client_rep):
    client.force_login(official)
    page = client.post(f"/decisions/{decision.pk}/positions/new/", {"member": client_rep.pk, "position": "dissent"})
    assert page.status_code == 422 and not MemberPosition.objects.exists()
    page = client.post(f"/decisions/{decision.pk}/positions/new/",
                       {"member": client_rep.pk, "position": "abstains", "view": "En ehtinyt perehtyä."})
    assert page.status_code == 302
    raw = ApiToken.issue(official, "t")[1]
    response = client.post(f"/api/v1/decisions/{decision.pk}/positions",
                           {"member": client_rep.pk, "position": "dissent", "view": "Oma näkemykseni."},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 201
    assert response.json() == {"member": client_rep.pk, "name": "Anna Kokemus", "role": "client_representative",
                               "position": "dissent", "view": "Oma näkemykseni.", "client_view": True}
    bad = client.post(f"/api/v1/decisions/{decision.pk}/positions", {"member": client_rep.pk, "position": "veto"},
                      content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "position"
    listed = client.get(f"/api/v1/contracts/{decision.contract_id}/decisions").json()
    assert listed[0]["positions"][0]["view"] == "Oma näkemykseni."


def test_a_provider_cannot_record_positions(client, decision, client_rep, provider):
    person = factories.UserFactory(organisation=provider, position="representative")
    raw = ApiToken.issue(person, "t")[1]
    response = client.post(f"/api/v1/decisions/{decision.pk}/positions",
                           {"member": client_rep.pk, "position": "supports"},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403
    assert not MemberPosition.objects.exists()
