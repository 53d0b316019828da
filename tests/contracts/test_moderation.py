"""Moderation by redaction of development proposals: hidden parts never reach a public output,
the original is kept, a range outside the text is refused, the author is told."""

import pytest
from django.core import mail
from django.urls import reverse

from coprocure.audit.models import AuditEntry
from coprocure.contracts import services
from coprocure.contracts.models import DevelopmentProposal
from coprocure.errors import ServiceError

from .. import factories

IDEA = "Ilta-aukiolo auttaisi. Naapurini Matti Virtanen juo liikaa, hänellekin tämä sopisi."


@pytest.fixture
def author(contract):
    return factories.UserFactory(email="kirjoittaja@example.fi")


@pytest.fixture
def proposal(contract, official, author):
    proposal = services.submit_proposal(contract, {"text": IDEA, "proposer_kind": "service_user"}, author)
    services.decide_proposal(official, proposal, {"status": "under_consideration", "owner": None, "kras": [],
                                                  "outcome": {}, "status_reason": {}})
    return proposal


def redact(official, proposal, **data):
    return services.redact_proposal(official, proposal, {"passage": "", **data})


def test_a_redaction_reaches_the_page_and_the_api_and_keeps_the_original(client, official, contract, proposal,
                                                                          django_capture_on_commit_callbacks):
    start = IDEA.index("Naapurini")
    with django_capture_on_commit_callbacks(execute=True):
        redact(official, proposal, start=start, end=len(IDEA), reason="health_information")
    hidden = "Naapurini Matti Virtanen"
    page = client.get(reverse("you_said_we_did", args=[contract.pk])).content.decode()
    assert "Ilta-aukiolo auttaisi." in page and hidden not in page
    assert "[poistettu moderoinnissa: terveystieto]" in page
    api = client.get(f"/api/v1/contracts/{contract.pk}/you-said-we-did", HTTP_ACCEPT_LANGUAGE="en").json()
    assert api[0]["text"] == "Ilta-aukiolo auttaisi. [removed by the moderator: health information]"
    stored = DevelopmentProposal.objects.get()
    assert stored.text == IDEA
    assert stored.redactions[0]["reason"] == "health_information" and stored.redactions[0]["by"] == official.pk
    assert AuditEntry.objects.filter(action="contracts.proposal_redact").count() == 1
    # The author signed in with an address, so they are told what was hidden and why.
    message = mail.outbox[-1]  # after the message about the proposal's decision
    assert message.to == ["kirjoittaja@example.fi"] and "terveystieto" in message.body and hidden not in message.body


def test_the_moderator_can_copy_the_words_to_hide(client, official, proposal):
    client.force_login(official)
    url = reverse("proposal_redact", args=[proposal.pk])
    assert client.post(url, {"passage": "Matti Virtanen", "reason": "personal_data"}).status_code == 302
    proposal.refresh_from_db()
    assert "Matti Virtanen" not in proposal.public_text and proposal.public_text.startswith("Ilta-aukiolo auttaisi. Naapurini [")
    ambiguous = client.post(url, {"passage": "i", "reason": "personal_data"})
    assert ambiguous.status_code == 422 and b"error-summary" in ambiguous.content


def test_a_range_outside_the_text_is_refused_and_nothing_is_stored(client, official, proposal):
    with pytest.raises(ServiceError) as refused:
        redact(official, proposal, start=10, end=len(IDEA) + 1, reason="insulting")
    assert refused.value.errors["end"][0][0] == "redaction_out_of_range"
    client.force_login(official)
    reply = client.post(f"/api/v1/proposals/{proposal.pk}/redactions", {"start": -1, "end": 3, "reason": "insulting"},
                        content_type="application/json")
    assert reply.status_code == 422 and reply.json()["errors"][0]["code"] == "redaction_out_of_range"
    assert DevelopmentProposal.objects.get().redactions == []


def test_only_the_procurements_staff_moderate(client, proposal, author):
    client.force_login(author)
    assert client.get(reverse("proposal_redact", args=[proposal.pk])).status_code == 403
    reply = client.post(f"/api/v1/proposals/{proposal.pk}/redactions", {"start": 0, "end": 3, "reason": "insulting"},
                        content_type="application/json")
    assert reply.status_code == 403


def test_redacting_through_the_api(client, official, proposal):
    client.force_login(official)
    reply = client.post(f"/api/v1/proposals/{proposal.pk}/redactions",
                        {"passage": "juo liikaa", "reason": "health_information"}, content_type="application/json")
    assert reply.status_code == 201
    assert "juo liikaa" not in reply.json()["text"]
