"""The close of a competitive dialogue (issue 21 item 4): the accountable official's decision,
public on the stage page without any participant's solution, sent to every participant still in
the procedure through the information log; after it nothing new in the stage, and only then may
the stage be closed (the procedures' generic close refuses a dialogue stage)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.core import services as core
from coprocure.errors import ServiceError
from coprocure.negotiation import services
from coprocure.negotiation.models import DialogueClosure, DialogueSolution, NegotiationMeeting, WrittenInformation
from coprocure.outbox.models import Message
from coprocure.procedures import services as procedures
from coprocure.procedures.models import Stage

from .. import factories
from ..procedures.conftest import pass_deadline
from ..procedures.rounds import round_world

REASONS = "Kaksi ratkaisua täyttää tarpeet; niiden pohjalta laaditaan lopullisen tarjouksen pyyntö."


@pytest.fixture
def world(official):
    world = round_world(official)
    Stage.objects.filter(pk=world["stages"][1].pk).update(kind="dialogue")
    world["stages"][1].refresh_from_db()
    world["stage"] = world["stages"][1]
    for n, bidder in enumerate(world["bidders"]):
        bidder.email = f"konsortio{n}@example.fi"
        bidder.save(update_fields=["email"])
    services.propose_solution(world["bidders"][0], world["stage"], "SALAINEN liikkuva tiimi ja etävastaanotto.")
    return world


def close(client, stage, **data):
    return client.post(f"/api/v1/stages/{stage.pk}/dialogue-closure", {
        "closed_on": timezone.localdate().isoformat(), "reasons": REASONS, "solutions_identified": True, **data},
        content_type="application/json")


def test_the_close_is_published_and_sent_to_every_participant_without_any_solution(client, official, world):
    client.force_login(official)
    made = close(client, world["stage"])
    assert made.status_code == 201, made.content
    info = WrittenInformation.objects.get()
    assert {o.pk for o in info.recipients.all()} == {b.organisation_id for b in world["bidders"]}
    assert REASONS in info.text and "SALAINEN" not in info.text
    mails = Message.objects.filter(cause=f"negotiation.dialogue_closed:{info.pk}")
    assert mails.count() == len(world["bidders"]) and not any("SALAINEN" in m.body for m in mails)
    assert AuditEntry.objects.filter(action="negotiation.dialogue_closed").count() == 1
    client.logout()
    page = client.get(f"/stages/{world['stage'].pk}/negotiation/").content.decode()
    assert REASONS in page and "SALAINEN" not in page
    client.force_login(world["bidders"][1])
    shown = client.get(f"/api/v1/stages/{world['stage'].pk}/dialogue-closure").json()
    assert shown["reasons"] == REASONS and shown["solutions_identified"] is True
    assert [i["text"] for i in client.get(f"/api/v1/stages/{world['stage'].pk}/information").json()] == [info.text]


def test_after_the_close_no_meeting_solution_or_information_is_stored(client, official, world):
    client.force_login(official)
    assert close(client, world["stage"]).status_code == 201
    stage = world["stage"].pk
    meeting = client.post(f"/api/v1/stages/{stage}/meetings", {
        "organisation": world["bidders"][0].organisation_id, "starts_at": "2030-01-01T10:00:00+02:00",
        "participants": "Tiimi"}, content_type="application/json")
    info = client.post(f"/api/v1/stages/{stage}/information", {"text": "Vielä yksi asia."},
                       content_type="application/json")
    assert meeting.status_code == info.status_code == 409
    assert meeting.json()["errors"][0]["code"] == "negotiation_dialogue_closed"
    page = client.post(f"/stages/{stage}/negotiation/information/", {"text": "Sivulta."})
    assert page.status_code == 409
    client.force_login(world["bidders"][0])
    solution = client.post(f"/api/v1/stages/{stage}/solutions", {"text": "Myöhässä."}, content_type="application/json")
    assert solution.status_code == 409
    assert client.post(f"/stages/{stage}/negotiation/solutions/", {"text": "Sivulta myöhässä."}).status_code == 409
    assert not NegotiationMeeting.objects.exists() and DialogueSolution.objects.count() == 1
    assert WrittenInformation.objects.count() == 1


def test_the_close_in_finnish_is_translated(client, official, world):
    client.force_login(official)
    close(client, world["stage"])
    refused = client.post(f"/api/v1/stages/{world['stage'].pk}/information", {"text": "x"},
                          content_type="application/json", HTTP_ACCEPT_LANGUAGE="fi")
    assert refused.status_code == 409 and refused.json()["errors"][0]["message"].startswith("Neuvottelut on päätetty")


def test_only_the_official_closes_and_only_once_with_solutions_identified(client, official, world):
    staff = factories.UserFactory(organisation=official.organisation, position="staff")
    core.assign_role(official, world["procurement"], staff, "staff")
    client.force_login(staff)
    assert close(client, world["stage"]).status_code == 403
    client.force_login(world["bidders"][0])
    assert close(client, world["stage"]).status_code == 403
    client.force_login(official)
    unconfirmed = close(client, world["stage"], solutions_identified=False)
    assert unconfirmed.status_code == 422 and unconfirmed.json()["errors"][0]["field"] == "solutions_identified"
    future = close(client, world["stage"], closed_on=(timezone.localdate() + timedelta(days=3)).isoformat())
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "closed_on"
    assert not DialogueClosure.objects.exists() and not WrittenInformation.objects.exists()
    assert close(client, world["stage"]).status_code == 201
    assert close(client, world["stage"]).status_code == 409
    assert DialogueClosure.objects.count() == WrittenInformation.objects.count() == 1
    other = round_world(official)
    assert close(client, other["stages"][1]).status_code == 409  # a negotiation round is no dialogue
    assert not DialogueClosure.objects.filter(stage=other["stages"][1]).exists()


def test_the_stage_closes_only_through_the_close_of_dialogue(client, official, world):
    pass_deadline(world["stage"])
    with pytest.raises(ServiceError) as generic:
        procedures.close_stage(official, world["stage"])
    assert generic.value.status == 409 and "stage_closed_by_decision" in str(generic.value.errors)
    client.force_login(official)
    early = client.post(f"/api/v1/stages/{world['stage'].pk}/decided-close")
    assert early.status_code == 409
    world["stage"].refresh_from_db()
    assert world["stage"].state == "open"
    assert close(client, world["stage"]).status_code == 201
    page = client.post(f"/stages/{world['stage'].pk}/negotiation/close/")
    assert page.status_code == 302
    world["stage"].refresh_from_db()
    assert world["stage"].state == "closed"
    assert AuditEntry.objects.filter(action="procedures.stage_close", object_id=str(world["stage"].pk)).exists()


def test_the_closed_stage_before_its_deadline_stays_open(client, official, world):
    client.force_login(official)
    assert close(client, world["stage"]).status_code == 201
    refused = client.post(f"/api/v1/stages/{world['stage'].pk}/decided-close")
    assert refused.status_code == 409 and refused.json()["errors"][0]["code"] == "stage_before_deadline"


def test_the_authoritys_page_walk(client, official, world):
    client.force_login(official)
    stage = world["stage"].pk
    page = client.get(f"/stages/{stage}/negotiation/").content.decode()
    assert f"/stages/{stage}/negotiation/close-dialogue/" in page
    bad = client.post(f"/stages/{stage}/negotiation/close-dialogue/", {"closed_on": timezone.localdate().isoformat(),
                                                                       "reasons": REASONS})
    assert bad.status_code == 422 and not DialogueClosure.objects.exists()
    done = client.post(f"/stages/{stage}/negotiation/close-dialogue/", {
        "closed_on": timezone.localdate().isoformat(), "reasons": REASONS, "solutions_identified": "on"})
    assert done.status_code == 302
    page = client.get(f"/stages/{stage}/negotiation/").content.decode()
    assert f"/stages/{stage}/negotiation/close-dialogue/" not in page and REASONS in page
