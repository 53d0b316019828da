import json
from datetime import date

import pytest
from django.urls import reverse

from coprocure.audit.models import AuditEntry
from coprocure.contracts import services
from coprocure.contracts.models import DevelopmentProposal, ProposalToken
from coprocure.errors import ServiceError

from ..factories import text


def test_anonymous_idea_is_stored_without_a_person_and_redacted(client, contract):
    response = client.post(reverse("proposal_submit", args=[contract.pk]), {
        "text": "Iltaisin pitäisi olla auki. Soita 040 123 4567", "proposer_kind": "service_user"})
    assert response.status_code == 302
    proposal = DevelopmentProposal.objects.get()
    assert proposal.submitted_by is None and proposal.redacted
    assert "040" not in proposal.text and "[puhelinnumero poistettu]" in proposal.text
    assert not AuditEntry.objects.filter(action="contracts.proposal_submit").exists()
    assert "sessionid" not in response.cookies


def test_empty_idea_gets_a_message_on_the_page(client, contract):
    response = client.post(reverse("proposal_submit", args=[contract.pk]), {"text": "  ", "proposer_kind": "service_user"})
    assert response.status_code == 422
    assert not DevelopmentProposal.objects.exists()


def test_api_takes_ideas_without_an_account(client, contract):
    response = client.post(f"/api/v1/contracts/{contract.pk}/proposals",
                           json.dumps({"text": "Vertaistukea iltaan", "proposer_kind": "relative"}),
                           content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "new"
    bad = client.post(f"/api/v1/contracts/{contract.pk}/proposals", json.dumps({"text": "x", "proposer_kind": "robot"}),
                      content_type="application/json")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "proposer_kind"


def test_adopting_needs_what_was_done_and_rejecting_needs_a_reason(official, contract):
    proposal = services.submit_proposal(contract, {"text": "Ilta-aukiolo", "proposer_kind": "service_user"})
    for status, field in [("adopted", "outcome"), ("rejected", "status_reason")]:
        with pytest.raises(ServiceError) as refused:
            services.decide_proposal(official, proposal, {"status": status, "owner": None, "kras": [], "outcome": {},
                                                          "status_reason": {}})
        assert field in refused.value.errors
    services.decide_proposal(official, proposal, {"status": "adopted", "owner": official, "kras": [],
                                                  "outcome": text("Auki nyt tiistaisin klo 20 asti."), "status_reason": {}})
    proposal.refresh_from_db()
    assert proposal.status == "adopted" and proposal.owner == official


def test_trail_shows_what_was_done_but_not_new_ideas(client, official, contract, indicator):
    done = services.submit_proposal(contract, {"text": "Ilta-aukiolo", "proposer_kind": "service_user"})
    services.submit_proposal(contract, {"text": "Uusi ajatus", "proposer_kind": "service_user"})
    services.decide_proposal(official, done, {"status": "adopted", "owner": None, "kras": [indicator.kra],
                                              "outcome": text("Auki tiistaisin klo 20 asti."), "status_reason": {}})
    page = client.get(reverse("you_said_we_did", args=[contract.pk])).content.decode()
    assert "Auki tiistaisin klo 20 asti." in page and "Asumisen pysyvyys" in page and "Uusi ajatus" not in page
    api = client.get(f"/api/v1/contracts/{contract.pk}/you-said-we-did").json()
    assert [item["text"] for item in api] == ["Ilta-aukiolo"]


def test_backlog_is_for_staff(client, official, contract):
    url = reverse("contract_backlog", args=[contract.pk])
    client.force_login(official)
    assert client.get(url).status_code == 200


def test_the_idea_form_sent_twice_stores_one_idea_and_says_so(client, contract):
    form = client.get(f"/contracts/{contract.pk}/proposals/")
    token = form.context["form"].initial["token"]
    assert f'type="hidden" name="token" value="{token}"' in form.content.decode()
    # An invalid send does not use the token up.
    assert client.post(f"/contracts/{contract.pk}/proposals/", {"text": "", "proposer_kind": "service_user",
                                                            "token": token}).status_code == 422
    idea = {"text": "Iltaisin auki, kiitos.", "proposer_kind": "service_user", "token": token}
    assert client.post(f"/contracts/{contract.pk}/proposals/", idea).status_code == 302
    again = client.post(f"/contracts/{contract.pk}/proposals/", idea)
    assert again.status_code == 422
    assert "on jo lähetetty" in again.content.decode()
    assert DevelopmentProposal.objects.count() == 1
    # The spent token names no proposal and no time: it cannot be joined back to the idea.
    assert {field.name for field in ProposalToken._meta.get_fields()} == {"id", "contract", "digest"}
    assert ProposalToken.objects.count() == 1
    response = client.post(f"/api/v1/contracts/{contract.pk}/proposals", idea, content_type="application/json")
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "proposal_already_sent"
    assert DevelopmentProposal.objects.count() == 1


def test_opening_the_idea_form_writes_nothing(client, contract):
    """Issue 17 item 10: the token is a signed value, stored only when spent."""
    for _ in range(3):
        client.get(f"/contracts/{contract.pk}/proposals/")
    assert ProposalToken.objects.count() == 0 and DevelopmentProposal.objects.count() == 0


def test_a_forged_expired_or_other_contracts_token_is_refused_and_nothing_stored(client, official, contract,
                                                                                 monkeypatch):
    from coprocure.contracts.services import backlog as backlog_services

    idea = {"text": "Iltaisin auki.", "proposer_kind": "service_user"}
    token = client.get(f"/contracts/{contract.pk}/proposals/").context["form"].initial["token"]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(f"/api/v1/contracts/{contract.pk}/proposals", {**idea, "token": forged},
                           content_type="application/json")
    assert response.status_code == 422 and response.json()["errors"][0]["code"] == "proposal_token_invalid"
    other = services.create_contract(official, contract.procurement, {
        "kind": "partnership", "title": text("Toinen"), "description": {}, "starts_on": date(2025, 1, 1),
        "ends_on": date(2026, 1, 1), "options": {}})
    response = client.post(f"/api/v1/contracts/{other.pk}/proposals", {**idea, "token": token},
                           content_type="application/json")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "token"
    monkeypatch.setattr(backlog_services, "TOKEN_MAX_AGE", -1)
    page = client.post(f"/contracts/{contract.pk}/proposals/", {**idea, "token": token})
    assert page.status_code == 422
    assert DevelopmentProposal.objects.count() == 0 and ProposalToken.objects.count() == 0
    monkeypatch.setattr(backlog_services, "TOKEN_MAX_AGE", 86400)
    assert client.post(f"/contracts/{contract.pk}/proposals/", {**idea, "token": token}).status_code == 302
    assert ProposalToken.objects.count() == 1

