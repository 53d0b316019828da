"""An innovation partnership's R&D milestones (issue 21 item 4): set before the stage opens; a
partner's result before the due time, its own and the authority's only; the accountable
official's public decision per partner and milestone, once; ending a partnership after a refusal;
and the service phase only when every remaining partner's milestones are accepted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.core import services as core
from coprocure.errors import ServiceError
from coprocure.negotiation import milestones
from coprocure.negotiation.models import Milestone, MilestoneDecision, MilestoneResult, PartnershipEnd
from coprocure.outbox.models import Message
from coprocure.procedures import services as procedures

from .. import factories
from ..procedures.conftest import begin, pass_deadline
from .milestones_world import milestone_world

SECRET = "LIIKESALAISUUS: algoritmin painokertoimet 0,7 ja 0,3."


@pytest.fixture
def world(official):
    return milestone_world(official)


def result(client, world, n=0, m=0, text=SECRET):
    client.force_login(world["bidders"][n])
    return client.post(f"/api/v1/milestones/{world['milestones'][m].pk}/results", {"text": text},
                       content_type="application/json")


def decide(client, user, world, n=0, m=0, accepted=True, reasons="Prototyyppi toimi kymmenellä asiakkaalla."):
    client.force_login(user)
    return client.post(f"/api/v1/milestones/{world['milestones'][m].pk}/decisions", {
        "organisation": world["bidders"][n].organisation_id, "accepted": accepted, "reasons": reasons},
        content_type="application/json")


def test_a_partners_result_is_its_own_and_the_authoritys(client, official, world):
    assert result(client, world).status_code == 201
    stage = world["stage"].pk
    assert client.get(f"/api/v1/stages/{stage}/milestones").json()[0]["results"][0]["text"] == SECRET
    for other in (world["bidders"][1], world["outsider"]):
        client.force_login(other)
        assert client.get(f"/api/v1/stages/{stage}/milestones").json()[0]["results"] == []
        assert SECRET not in client.get(f"/stages/{stage}/milestones/").content.decode()
    client.logout()
    assert SECRET not in client.get(f"/stages/{stage}/milestones/").content.decode()
    client.force_login(official)
    assert SECRET in client.get(f"/stages/{stage}/milestones/").content.decode()
    entry = AuditEntry.objects.get(action="negotiation.milestone_result")
    assert SECRET not in str(entry.after)


def test_a_result_from_a_non_partner_late_or_twice_is_refused_and_nothing_stored(client, official, world):
    client.force_login(world["outsider"])
    outsider = client.post(f"/api/v1/milestones/{world['milestones'][0].pk}/results", {"text": "Meidän tulos."},
                           content_type="application/json")
    assert outsider.status_code == 403
    assert result(client, world).status_code == 201
    again = result(client, world, text="Toinen versio.")
    assert again.status_code == 409
    Milestone.objects.filter(pk=world["milestones"][1].pk).update(due_at=timezone.now() - timedelta(seconds=1))
    late = result(client, world, n=1, m=1)
    assert late.status_code == 409 and late.json()["errors"][0]["code"] == "milestone_result_late"
    page = client.post(f"/milestones/{world['milestones'][1].pk}/result/", {"text": "Sivulta myöhässä."})
    assert page.status_code == 409
    assert MilestoneResult.objects.count() == 1 and MilestoneResult.objects.get().text == SECRET


def test_another_procurements_milestone_id_is_not_a_way_in(client, official, world):
    other = milestone_world(official)
    client.force_login(world["bidders"][0])
    # The partner of one partnership is no partner of the other's milestones.
    made = client.post(f"/api/v1/milestones/{other['milestones'][0].pk}/results", {"text": "Väärä kumppanuus."},
                       content_type="application/json")
    assert made.status_code == 403 and not MilestoneResult.objects.exists()
    missing = client.post("/api/v1/milestones/999999/results", {"text": "x"}, content_type="application/json")
    assert missing.status_code == 404


def test_only_the_official_decides_once_and_publishes_the_outcome_without_the_result(client, official, world):
    world["bidders"][0].email = "konsortio0@example.fi"
    world["bidders"][0].save(update_fields=["email"])
    result(client, world)
    staff = factories.UserFactory(organisation=official.organisation, position="staff")
    core.assign_role(official, world["procurement"], staff, "staff")
    assert decide(client, staff, world).status_code == 403
    assert decide(client, world["bidders"][0], world).status_code == 403
    assert decide(client, official, world, n=1).status_code == 409  # nothing to accept: no result
    assert not MilestoneDecision.objects.exists()
    assert decide(client, official, world, n=0).status_code == 201
    second = decide(client, official, world, n=0, accepted=False, reasons="Muutin mieleni.")
    assert second.status_code == 409 and MilestoneDecision.objects.get().accepted is True
    client.logout()
    page = client.get(f"/stages/{world['stage'].pk}/milestones/").content.decode()
    assert "Prototyyppi toimi kymmenellä asiakkaalla." in page and SECRET not in page
    mail = Message.objects.get(cause__startswith="negotiation.milestone_decision:")
    assert mail.recipient == "konsortio0@example.fi" and SECRET not in mail.body
    assert AuditEntry.objects.filter(action="negotiation.milestone_decision").count() == 1


def test_a_decision_for_a_non_partner_is_refused_by_the_field(client, official, world):
    client.force_login(official)
    refused = client.post(f"/api/v1/milestones/{world['milestones'][0].pk}/decisions", {
        "organisation": world["outsider"].organisation_id, "accepted": False, "reasons": "Ei kumppani."},
        content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "organisation"
    assert not MilestoneDecision.objects.exists()


def test_milestones_are_set_before_the_stage_opens_with_shares_at_most_the_whole(client, official):
    world = milestone_world(official, open_stage=False)
    client.force_login(official)
    stage = world["stage"].pk
    over = client.post(f"/api/v1/stages/{stage}/milestones", {
        "name": "Liikaa", "to_show": "x", "due_at": (timezone.now() + timedelta(days=30)).isoformat(),
        "price_share": "60"}, content_type="application/json")
    assert over.status_code == 422 and over.json()["errors"][0]["field"] == "price_share"
    outside = client.post(f"/api/v1/stages/{stage}/milestones", {
        "name": "Myöhään", "to_show": "x", "due_at": (timezone.now() + timedelta(days=400)).isoformat()},
        content_type="application/json")
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "due_at"
    page = client.post(f"/stages/{stage}/milestones/new/", {
        "name": "Käyttöönotto", "to_show": "Palvelu käytössä.",
        "due_at": (timezone.localtime() + timedelta(days=55)).strftime("%Y-%m-%dT%H:%M"), "price_share": "50"})
    assert page.status_code == 302, page.content.decode()[:3000]
    begin(official, world["stage"])
    late = client.post(f"/api/v1/stages/{stage}/milestones", {
        "name": "Jälkikäteen", "to_show": "x", "due_at": (timezone.now() + timedelta(days=30)).isoformat()},
        content_type="application/json")
    assert late.status_code == 409
    assert Milestone.objects.filter(stage=world["stage"]).count() == 3


def test_the_service_phase_needs_every_remaining_partners_milestones_accepted(client, official, world):
    stage = world["stage"]
    pass_deadline(stage)
    with pytest.raises(ServiceError) as generic:
        procedures.close_stage(official, stage)
    assert generic.value.status == 409
    Milestone.objects.filter(stage=stage).update(due_at=timezone.now() + timedelta(days=1))
    stage.refresh_from_db()
    for n in range(3):
        for m in range(2):
            assert result(client, world, n, m, text=f"Tulos {n}/{m}").status_code == 201
    for n in range(2):
        for m in range(2):
            assert decide(client, official, world, n, m).status_code == 201
    client.force_login(official)
    early = client.post(f"/api/v1/stages/{stage.pk}/decided-close")
    assert early.status_code == 409 and early.json()["errors"][0]["code"] == "service_phase_milestones_open"
    stage.refresh_from_db()
    assert stage.state == "open"
    ended_early = client.post(f"/api/v1/stages/{stage.pk}/partnership-ends", {
        "organisation": world["bidders"][2].organisation_id, "reasons": "Ei hylättyä välitavoitetta."},
        content_type="application/json")
    assert ended_early.status_code == 409 and not PartnershipEnd.objects.exists()
    assert decide(client, official, world, 2, 0, accepted=False, reasons="Prototyyppi ei toiminut.").status_code == 201
    page = client.post(f"/stages/{stage.pk}/milestones/partnership-end/", {
        "organisation": world["bidders"][2].organisation_id, "reasons": "Välitavoitetta ei saavutettu."})
    assert page.status_code == 302
    assert [p for p in client.get(f"/api/v1/stages/{stage.pk}/partners").json()["partners"]] == sorted(
        b.organisation.name for b in world["bidders"][:2])
    closed = client.post(f"/stages/{stage.pk}/milestones/service-phase/")
    assert closed.status_code == 302
    stage.refresh_from_db()
    assert stage.state == "closed"
    assert AuditEntry.objects.filter(action="negotiation.partnership_end").count() == 1


def test_the_ended_partner_can_no_longer_submit(client, official, world):
    result(client, world, 2, 0)
    decide(client, official, world, 2, 0, accepted=False, reasons="Ei toiminut.")
    milestones.end_partnership(official, world["stage"], {"organisation": world["bidders"][2].organisation_id,
                                                          "reasons": "Päätetään."})
    assert result(client, world, 2, 1).status_code == 403
    with pytest.raises(ServiceError):
        milestones.end_partnership(official, world["stage"], {"organisation": world["bidders"][2].organisation_id,
                                                              "reasons": "Uudestaan."})
    assert PartnershipEnd.objects.count() == 1


def test_the_pages_for_the_partner_and_the_official(client, official, world):
    client.force_login(world["bidders"][0])
    page = client.get(f"/stages/{world['stage'].pk}/milestones/")
    assert page.status_code == 200 and f"/milestones/{world['milestones'][0].pk}/result/" in page.content.decode()
    made = client.post(f"/milestones/{world['milestones'][0].pk}/result/", {"text": SECRET})
    assert made.status_code == 302
    client.force_login(official)
    page = client.get(f"/stages/{world['stage'].pk}/milestones/").content.decode()
    assert SECRET in page and f"/milestones/{world['milestones'][0].pk}/decision/" in page
    done = client.post(f"/milestones/{world['milestones'][0].pk}/decision/", {
        "organisation": world["bidders"][0].organisation_id, "accepted": "True", "reasons": "Hyvä."})
    assert done.status_code == 302
    bad = client.post(f"/milestones/{world['milestones'][0].pk}/decision/", {
        "organisation": world["bidders"][0].organisation_id, "accepted": "False", "reasons": "Uudestaan."})
    assert bad.status_code == 409 and MilestoneDecision.objects.count() == 1
