"""Ideas that can be followed (issue 19 item 6): a reference on the thank-you page that leads
somewhere, a public status, the text only once staff have checked it, status changes audited."""

import json
import re

import pytest
from django.urls import reverse

from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.contracts import services
from coprocure.contracts.models import DevelopmentProposal

from .. import factories
from ..factories import text


def send_idea(client, contract, words="Iltaisin pitäisi olla auki."):
    form = client.get(reverse("proposal_submit", args=[contract.pk]))
    token = re.search(r'name="token" value="([^"]+)"', form.content.decode()).group(1)
    return client.post(reverse("proposal_submit", args=[contract.pk]),
                       {"text": words, "proposer_kind": "service_user", "token": token})


def reject(official, proposal, reason="Ei rahaa tänä vuonna."):
    return services.decide_proposal(official, proposal, {"status": "rejected", "owner": None, "kras": [], "outcome": {},
                                                         "status_reason": text(reason)})


def test_the_thank_you_page_gives_a_reference_whose_link_works(client, contract):
    sent = send_idea(client, contract)
    proposal = DevelopmentProposal.objects.get()
    assert re.fullmatch(r"IDEA-\d{4}-[0-9A-Z]{6}", proposal.reference)
    assert sent.status_code == 302 and sent.url == reverse("proposal_thanks", args=[proposal.reference])
    thanks = client.get(sent.url).content.decode()
    assert proposal.reference in thanks
    follow = reverse("idea_status", args=[proposal.reference])
    assert f'href="{follow}"' in thanks
    page = client.get(follow)
    assert page.status_code == 200 and proposal.get_status_display() in page.content.decode()


def test_until_staff_have_checked_it_the_text_is_nowhere_public(client, official, contract):
    proposal = services.submit_proposal(contract, {"text": "Salainen toive iltoihin", "proposer_kind": "relative"})
    status_page = client.get(reverse("idea_status", args=[proposal.reference])).content.decode()
    assert "Salainen toive" not in status_page
    assert "Salainen toive" not in client.get(reverse("you_said_we_did", args=[contract.pk])).content.decode()
    api = client.get(f"/api/v1/ideas/{proposal.reference}").json()
    assert api["status"] == "new" and api["text"] is None and api["published_on"] is None
    assert client.get(f"/api/v1/contracts/{contract.pk}/you-said-we-did").json() == []

    client.force_login(official)
    assert client.post(reverse("proposal_publish", args=[proposal.pk])).status_code == 302
    client.logout()
    trail = client.get(reverse("you_said_we_did", args=[contract.pk])).content.decode()
    assert "Salainen toive" in trail and proposal.reference in trail
    assert client.get(f"/api/v1/ideas/{proposal.reference}").json()["text"] == "Salainen toive iltoihin"
    entry = AuditEntry.objects.get(action="contracts.proposal_publish")
    assert entry.actor == official and entry.object_id == str(proposal.pk)


def test_only_the_moderated_text_is_shown(client, official, contract):
    proposal = services.submit_proposal(contract, {"text": "Ohjaaja Maija Meikäläinen oli hyvä", "proposer_kind": "other"})
    start = proposal.text.index("Maija")
    services.redact_proposal(official, proposal, {"start": start, "end": start + len("Maija Meikäläinen"),
                                                  "reason": "personal_data"})
    services.publish_proposal(official, proposal)
    assert "Meikäläinen" not in client.get(reverse("idea_status", args=[proposal.reference])).content.decode()
    assert "Meikäläinen" not in client.get(f"/api/v1/ideas/{proposal.reference}").json()["text"]


def test_not_taken_up_needs_a_reason_and_shows_it_with_the_status(client, official, contract):
    proposal = services.submit_proposal(contract, {"text": "Uima-allas", "proposer_kind": "service_user"})
    client.force_login(official)
    refused = client.post(reverse("proposal_decide", args=[proposal.pk]), {"status": "rejected"})
    assert refused.status_code == 422
    proposal.refresh_from_db()
    assert proposal.status == "new" and proposal.published_on is None
    reject(official, proposal, "Uima-allas ei mahdu budjettiin.")
    client.logout()
    page = client.get(reverse("idea_status", args=[proposal.reference])).content.decode()
    assert "Uima-allas ei mahdu budjettiin." in page and proposal.get_status_display() in page
    api = client.get(f"/api/v1/ideas/{proposal.reference}").json()
    assert api["status"] == "rejected" and api["status_reason"]["fi"]["text"] == "Uima-allas ei mahdu budjettiin."
    entry = AuditEntry.objects.get(action="contracts.proposal_decide")
    assert entry.before["status"] == "new" and entry.after["status"] == "rejected"


@pytest.mark.parametrize("typed", ["{ref}", "{lower}", " {spaced} "])
def test_a_reference_is_found_however_it_is_typed(client, contract, typed):
    proposal = services.submit_proposal(contract, {"text": "Idea", "proposer_kind": "other"})
    ref = proposal.reference
    query = typed.format(ref=ref, lower=ref.lower(), spaced=ref.replace("-", " "))
    found = client.get(reverse("idea_lookup"), {"reference": query})
    assert found.status_code == 302 and found.url == reverse("idea_status", args=[ref])
    assert client.get(f"/api/v1/ideas/{ref.lower()}").status_code == 200


def test_a_typo_is_told_apart_from_an_unknown_reference(client, contract):
    proposal = services.submit_proposal(contract, {"text": "Idea", "proposer_kind": "other"})
    ref = proposal.reference
    last = "2" if ref[-1] != "2" else "3"
    typo = client.get(reverse("idea_lookup"), {"reference": ref[:-1] + last})
    assert typo.status_code == 422 and "kirjoitusvirhe" in typo.content.decode().lower()
    api = client.get(f"/api/v1/ideas/{ref[:-1] + last}")
    assert api.status_code == 422 and api.json()["errors"][0]["field"] == "reference"
    unknown = "IDEA-1999-00000" + "0"  # a well-formed reference nobody was given
    assert client.get(reverse("idea_lookup"), {"reference": unknown}).status_code == 404
    assert client.get(f"/api/v1/ideas/{unknown}").status_code == 404
    assert client.get(reverse("idea_status", args=[unknown])).status_code == 404
    assert client.get(reverse("proposal_thanks", args=["not-a-reference"])).status_code == 404


def test_an_idea_of_a_private_procurement_is_not_found_by_reference(client, official, contract):
    proposal = services.submit_proposal(contract, {"text": "Idea", "proposer_kind": "other"})
    contract.procurement.is_public = False
    contract.procurement.save()
    assert client.get(reverse("idea_status", args=[proposal.reference])).status_code == 404
    assert client.get(f"/api/v1/ideas/{proposal.reference}").status_code == 404
    assert client.get(reverse("idea_lookup"), {"reference": proposal.reference}).status_code == 404


def test_only_the_procurements_staff_publish_and_change_a_status(client, official, contract):
    proposal = services.submit_proposal(contract, {"text": "Idea", "proposer_kind": "other"})
    outsider = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    path = f"/api/v1/proposals/{proposal.pk}/publication"
    assert client.post(path).status_code == 401
    _token, raw = ApiToken.issue(outsider, "test")
    assert client.post(path, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 403
    decision = json.dumps({"status": "under_consideration"})
    assert client.post(f"/api/v1/proposals/{proposal.pk}/decision", decision, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 403
    client.force_login(outsider)
    assert client.post(reverse("proposal_publish", args=[proposal.pk])).status_code == 403
    proposal.refresh_from_db()
    assert proposal.published_on is None and proposal.status == "new"
    _token, raw = ApiToken.issue(official, "test")
    published = client.post(path, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert published.status_code == 200 and published.json()["reference"] == proposal.reference
    changed = client.post(f"/api/v1/proposals/{proposal.pk}/decision", decision, content_type="application/json",
                          HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert changed.status_code == 200 and changed.json()["status"] == "under_consideration"
    assert AuditEntry.objects.filter(action="contracts.proposal_decide", actor=official).count() == 1


def test_every_idea_gets_its_own_reference(contract):
    references = {services.submit_proposal(contract, {"text": f"Idea {n}", "proposer_kind": "other"}).reference
                  for n in range(30)}
    assert len(references) == 30
