"""Negotiation meetings, minutes the candidate confirms, user representatives with their
commitment, written information to every candidate and dialogue solutions: through the services,
the page and the API, as the adversaries in the issue would try them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.core import services as core
from coprocure.errors import ServiceError
from coprocure.negotiation import services
from coprocure.negotiation.models import DialogueSolution, NegotiationMeeting, UserRepresentative, WrittenInformation
from coprocure.outbox.models import Message
from coprocure.procedures.models import Stage
from coprocure.tendering import services as tendering
from coprocure.tendering.models import DocumentVersion

from .. import factories
from ..factories import text
from ..procedures.rounds import round_world
from ..tendering.conftest import make_tender


@pytest.fixture
def world(official):
    return round_world(official)


def meeting(official, world, n=0, **data):
    return services.add_meeting(official, world["stages"][1], {
        "organisation": world["bidders"][n].organisation_id, "starts_at": timezone.now() + timedelta(days=2),
        "place": "Kaupungintalo, huone 3", "online": False, "participants": "Hankintapäällikkö, konsortion johtaja",
        **data})


def minutes(official, m, text="Käytiin läpi palvelumalli.", secret="Konsortion hinnoittelumalli."):
    return services.write_minutes(official, m, {"minutes": text, "confidential_minutes": secret})


def expert(official, procurement, role="expert_by_experience"):
    person = factories.UserFactory(organisation=None, position="")
    core.assign_role(official, procurement, person, role)
    return person


def test_a_meeting_only_with_a_candidate_still_in_the_procedure(official, world):
    with pytest.raises(ServiceError) as refused:
        services.add_meeting(official, world["stages"][1], {
            "organisation": world["outsider"].organisation_id, "starts_at": timezone.now(), "participants": "x"})
    assert "negotiation_not_candidate" in str(refused.value.errors)
    assert not NegotiationMeeting.objects.exists()


def test_another_candidates_meeting_and_minutes_are_404_alike(client, official, world):
    m = minutes(official, meeting(official, world, 0))
    client.force_login(world["bidders"][1])
    missing = client.get("/api/v1/negotiation-meetings/999999")
    other = client.get(f"/api/v1/negotiation-meetings/{m.pk}")
    assert other.status_code == missing.status_code == 404 and other.content == missing.content
    assert client.get(f"/api/v1/stages/{world['stages'][1].pk}/meetings").json() == []
    page = client.get(f"/stages/{world['stages'][1].pk}/negotiation/").content.decode()
    assert "Käytiin läpi palvelumalli" not in page
    assert client.post(f"/api/v1/negotiation-meetings/{m.pk}/response", {"confirm": True},
                       content_type="application/json").status_code == 404
    m.refresh_from_db()
    assert not m.is_confirmed


def test_the_candidate_sees_its_minutes_but_not_the_confidential_part(client, official, world):
    m = minutes(official, meeting(official, world, 0))
    client.force_login(world["bidders"][0])
    shown = client.get(f"/api/v1/negotiation-meetings/{m.pk}").json()
    assert shown["minutes"] == "Käytiin läpi palvelumalli." and shown["confidential_minutes"] is None
    client.force_login(official)
    assert client.get(f"/api/v1/negotiation-meetings/{m.pk}").json()["confidential_minutes"] == (
        "Konsortion hinnoittelumalli.")


def test_confirmed_minutes_are_frozen(client, official, world):
    m = minutes(official, meeting(official, world, 0))
    client.force_login(world["bidders"][0])
    assert client.post(f"/api/v1/negotiation-meetings/{m.pk}/response", {"confirm": True},
                       content_type="application/json").status_code == 200
    client.force_login(official)
    edited = client.put(f"/api/v1/negotiation-meetings/{m.pk}/minutes", {"minutes": "Muutettu jälkikäteen."},
                        content_type="application/json")
    assert edited.status_code == 409
    page = client.post(f"/negotiation-meetings/{m.pk}/minutes/", {"minutes": "Muutettu sivulla."})
    assert page.status_code == 409
    m.refresh_from_db()
    assert m.minutes == "Käytiin läpi palvelumalli." and m.confirmed_by == world["bidders"][0]
    assert AuditEntry.objects.filter(action="negotiation.minutes_confirmed").count() == 1


def test_a_comment_instead_of_confirmation_lets_the_authority_correct(official, world):
    m = minutes(official, meeting(official, world, 0))
    with pytest.raises(ServiceError):
        services.respond_to_minutes(world["bidders"][0], m, False, "  ")
    services.respond_to_minutes(world["bidders"][0], m, False, "Hinta oli 120 000, ei 210 000.")
    corrected = minutes(official, m, text="Korjattu: hinta 120 000.")
    assert corrected.candidate_comment.startswith("Hinta") and not corrected.is_confirmed


def test_minutes_cannot_be_confirmed_before_they_are_written(official, world):
    with pytest.raises(ServiceError) as refused:
        services.respond_to_minutes(world["bidders"][0], meeting(official, world, 0), True)
    assert refused.value.status == 409


def test_a_user_representative_sees_the_meeting_only_after_the_commitment(client, official, world):
    m = minutes(official, meeting(official, world, 0))
    uncommitted, committed = expert(official, world["procurement"]), expert(official, world["procurement"],
                                                                          "service_user")
    services.name_representative(official, m, {"person": uncommitted})
    services.name_representative(official, m, {"person": committed, "commitment_signed_on": date.today(),
                                                "commitment_version": "sitoumus v2"})
    client.force_login(uncommitted)
    assert client.get(f"/api/v1/negotiation-meetings/{m.pk}").status_code == 404
    assert client.get(f"/api/v1/stages/{world['stages'][1].pk}/meetings").json() == []
    client.force_login(committed)
    shown = client.get(f"/api/v1/negotiation-meetings/{m.pk}").json()
    assert shown["minutes"] and shown["confidential_minutes"] is None
    assert client.put(f"/api/v1/negotiation-meetings/{m.pk}/minutes", {"minutes": "x"},
                      content_type="application/json").status_code == 403


def test_the_accountable_official_or_someone_without_lived_experience_is_not_a_user_representative(official, world):
    m = meeting(official, world, 0)
    procurement = world["procurement"]
    with pytest.raises(ServiceError) as refused:
        services.name_representative(official, m, {"person": procurement.accountable_official or official})
    assert {"negotiation_rep_accountable", "negotiation_rep_not_user"} & set(str(refused.value.errors).split("'"))
    with pytest.raises(ServiceError):
        services.name_representative(official, m, {"person": world["outsider"]})
    assert not UserRepresentative.objects.exists()


def test_written_information_goes_to_every_candidate_still_in_the_procedure(client, official, world):
    for n, bidder in enumerate(world["bidders"]):
        bidder.email = f"konsortio{n}@example.fi"
        bidder.save(update_fields=["email"])
    client.force_login(official)
    stage = world["stages"][1].pk
    # An insider's try to address one candidate: refused with the field named, nothing sent.
    for extra in ({"organisation": world["bidders"][0].organisation_id},
                  {"recipients": [world["bidders"][0].organisation_id]}):
        refused = client.post(f"/api/v1/stages/{stage}/information", {"text": "Vain teille.", **extra},
                              content_type="application/json", HTTP_ACCEPT_LANGUAGE="fi")
        assert refused.status_code == 422, refused.content
        assert refused.json()["errors"][0]["field"] == next(iter(extra))
        assert "jokaiselle" in refused.json()["errors"][0]["message"]
    assert not WrittenInformation.objects.exists() and not Message.objects.exists()
    sent = client.post(f"/api/v1/stages/{stage}/information", {"text": "Hinnan tulee sisältää matkakulut."},
                       content_type="application/json")
    assert sent.status_code == 201, sent.content
    info = WrittenInformation.objects.get()
    assert {o.pk for o in info.recipients.all()} == {b.organisation_id for b in world["bidders"]}
    assert set(Message.objects.filter(cause=f"negotiation.information:{info.pk}").values_list(
        "recipient", flat=True)) == {b.email for b in world["bidders"]}
    assert "recipient" not in services.send_information.__code__.co_varnames
    for bidder in world["bidders"]:
        client.force_login(bidder)
        assert [i["text"] for i in client.get(f"/api/v1/stages/{stage}/information").json()] == [
            "Hinnan tulee sisältää matkakulut."]
    client.force_login(world["outsider"])
    assert client.get(f"/api/v1/stages/{stage}/information").json() == []
    client.force_login(official)
    log = client.get(f"/stages/{stage}/negotiation/").content.decode()
    assert all(b.organisation.name in log for b in world["bidders"])


def test_only_staff_send_information(client, world):
    client.force_login(world["bidders"][0])
    sent = client.post(f"/api/v1/stages/{world['stages'][1].pk}/information", {"text": "Vain meille."},
                       content_type="application/json")
    assert sent.status_code == 403 and not WrittenInformation.objects.exists()


def test_information_in_a_stage_other_than_a_round_is_refused(official, world):
    with pytest.raises(ServiceError) as refused:
        services.send_information(official, world["stages"][0], "Tieto.")
    assert refused.value.status == 409 and not WrittenInformation.objects.exists()


@pytest.fixture
def dialogue(world):
    Stage.objects.filter(pk=world["stages"][1].pk).update(kind="dialogue")
    world["stages"][1].refresh_from_db()
    return world


def test_a_dialogue_participants_solutions_are_its_own(client, official, dialogue):
    world, stage = dialogue, dialogue["stages"][1].pk
    client.force_login(world["bidders"][0])
    made = client.post(f"/api/v1/stages/{stage}/solutions", {"text": "Liikkuva tiimi ja etävastaanotto."},
                       content_type="application/json")
    assert made.status_code == 201
    client.force_login(world["bidders"][1])
    assert client.get(f"/api/v1/stages/{stage}/solutions").json() == []
    assert "Liikkuva tiimi" not in client.get(f"/stages/{stage}/negotiation/").content.decode()
    committed = expert(official, world["procurement"])
    services.name_representative(official, meeting(official, world, 0), {
        "person": committed, "commitment_signed_on": date.today(), "commitment_version": "v1"})
    client.force_login(committed)
    assert client.get(f"/api/v1/stages/{stage}/solutions").json() == []
    client.force_login(official)
    assert [s["participant"] for s in client.get(f"/api/v1/stages/{stage}/solutions").json()] == [
        world["bidders"][0].organisation.name]


def test_an_outsider_cannot_propose_a_solution(official, dialogue):
    assert not dialogue["outsider"].has_perm("negotiation.propose", dialogue["procurement"])
    with pytest.raises(ServiceError):
        services.propose_solution(official, dialogue["stages"][0], "Ei dialogia.")
    assert not DialogueSolution.objects.exists()


def test_the_page_walk_for_the_authority(client, official, world):
    client.force_login(official)
    stage = world["stages"][1].pk
    page = client.get(f"/stages/{stage}/negotiation/")
    assert page.status_code == 200
    made = client.post(f"/stages/{stage}/negotiation/meetings/", {
        "organisation": world["bidders"][0].organisation_id, "starts_at": "2027-01-10T10:00",
        "place": "Verkossa", "online": "on", "participants": "Tiimi"})
    assert made.status_code == 302, made.content.decode()[:2000]
    bad = client.post(f"/stages/{stage}/negotiation/meetings/", {
        "organisation": world["outsider"].organisation_id, "starts_at": "2027-01-10T10:00", "participants": "x"})
    assert bad.status_code == 422 and NegotiationMeeting.objects.count() == 1
    client.force_login(world["bidders"][2])
    assert client.post(f"/stages/{stage}/negotiation/information/", {"text": "x"}).status_code == 403


def test_a_change_to_the_invitation_to_tender_is_a_new_version_told_to_every_candidate(client, official, world):
    # One deadline: the tender's is the procedure's comparing stage's (its final tenders).
    tender = make_tender(official, world["procurement"], deadline=world["stages"][3].closes_at)
    tendering.add_section(official, tender, "service_description",
                          {"heading": text("Palvelu"), "text": text("Kotiin vietävä kuntoutus.")})
    client.force_login(official)
    sent = client.post(f"/api/v1/stages/{world['stages'][1].pk}/tender-change", {"kind": "service_description"},
                       content_type="application/json")
    assert sent.status_code == 201, sent.content
    assert DocumentVersion.objects.filter(document__tender=tender).count() == 1
    info = WrittenInformation.objects.get()
    assert {o.pk for o in info.recipients.all()} == {b.organisation_id for b in world["bidders"]}
    again = client.post(f"/api/v1/stages/{world['stages'][1].pk}/tender-change", {"kind": "service_description"},
                        content_type="application/json")
    assert again.status_code == 409 and WrittenInformation.objects.count() == 1  # nothing changed: no version


def test_the_candidate_confirms_on_the_page_and_the_form_is_gone(client, official, world):
    m = minutes(official, meeting(official, world, 0))
    client.force_login(world["bidders"][0])
    page = client.get(f"/stages/{world['stages'][1].pk}/negotiation/").content.decode()
    assert f"/negotiation-meetings/{m.pk}/response/" in page and "Konsortion hinnoittelumalli" not in page
    assert client.post(f"/negotiation-meetings/{m.pk}/response/", {"confirm": "on"}).status_code == 302
    page = client.get(f"/stages/{world['stages'][1].pk}/negotiation/").content.decode()
    assert f"/negotiation-meetings/{m.pk}/response/" not in page
    m.refresh_from_db()
    assert m.is_confirmed
