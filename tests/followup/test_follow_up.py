"""Follow-up for anonymous voices: leaving an address, the updates, unsubscribing, forgetting."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from coprocure.audit.models import AuditEntry
from coprocure.core import gdpr
from coprocure.core import services as core_services
from coprocure.errors import ServiceError
from coprocure.followup import services
from coprocure.followup.models import FollowUpContact, UpdateOptOut
from coprocure.participation import services as participation
from coprocure.tendering import services as tendering

from .. import factories
from ..factories import text
from ..participation.conftest import keys


@pytest.fixture
def follower(survey):
    return services.follow(survey, " Liisa@Example.FI ", "040 123 4567", "sv")


def unsubscribe_url(message):
    return next(line for line in message.body.splitlines() if "/follow-up/unsubscribe/" in line).split()[-1]


def test_the_thank_you_page_offers_follow_up_and_keeps_the_address(client, survey):
    page = client.get(reverse("survey_thanks", args=[survey.pk]))
    assert b'name="email"' in page.content
    reply = client.post(reverse("follow_up", args=[survey.pk]), {"email": "liisa@example.fi", "phone": ""}, follow=True)
    assert reply.redirect_chain[-1][0] == reverse("survey_thanks", args=[survey.pk])
    assert "Lähetämme sinulle sähköpostia" in reply.content.decode()
    contact = FollowUpContact.objects.get()
    assert (contact.email, contact.procurement_id) == ("liisa@example.fi", survey.procurement.pk)


def test_a_wrong_address_is_refused_with_a_message(client, survey):
    reply = client.post(reverse("follow_up", args=[survey.pk]), {"email": "ei-osoite"})
    assert reply.status_code == 422
    assert b"error-summary" in reply.content
    assert not FollowUpContact.objects.exists()


def test_leaving_the_same_address_twice_keeps_one_contact(survey, follower):
    services.follow(survey, "liisa@example.fi")
    assert FollowUpContact.objects.count() == 1


def test_a_new_insight_and_its_decision_are_sent_to_followers(survey, follower, official, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        insight = participation.create_insight(official, survey.procurement, {"statement": text("Ilta-aukiolo", "Kvällsöppet")})
    assert [message.to for message in mail.outbox] == [["liisa@example.fi"]]
    # The follower left the address while reading Swedish, so the update is in Swedish.
    assert "Kvällsöppet" in mail.outbox[0].body
    assert mail.outbox[0].extra_headers["List-Unsubscribe"] == f"<{unsubscribe_url(mail.outbox[0])}>"
    with django_capture_on_commit_callbacks(execute=True):
        participation.decide_insight(official, insight, "not_taken_up", text("Rahat eivät riitä.", "Pengarna räcker inte."))
    assert len(mail.outbox) == 2
    assert "Pengarna räcker inte." in mail.outbox[1].body


def test_an_objective_that_takes_an_insight_up_is_named_in_the_update(survey, follower, official,
                                                                      django_capture_on_commit_callbacks):
    insight = participation.create_insight(official, survey.procurement, {"statement": text("Vertaistuki")})
    with django_capture_on_commit_callbacks(execute=True):
        tendering.create_objective(official, survey.procurement, {
            "statement": text("Asiakkaat saavat vertaistukea.", "Klienterna får kamratstöd."), "insights": [insight],
        })
    assert len(mail.outbox) == 1
    assert "Klienterna får kamratstöd." in mail.outbox[0].body


def test_a_change_that_is_rolled_back_tells_nobody(survey, follower, official, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError):
        participation.decide_insight(official, participation.create_insight(official, survey.procurement, {
            "statement": text("Toive")}), "not_taken_up", {})
    # The insight itself was created and announced; the refused decision was not.
    assert len(mail.outbox) == 1


def test_the_unsubscribe_link_works_once_and_then_says_so(client, survey, follower, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # delivered by the outbox once committed
        services.notify_followers(survey.procurement)
    path = unsubscribe_url(mail.outbox[0]).removeprefix("http://localhost:8000")
    assert b"<form" in client.get(path).content  # opening the link alone changes nothing
    assert FollowUpContact.objects.exists()
    first = client.post(path)
    assert first.status_code == 200 and "Viestit on lopetettu" in first.content.decode()
    assert not FollowUpContact.objects.exists()
    second = client.post(path)
    assert second.status_code == 200 and "Olit jo lopettanut viestit" in second.content.decode()
    assert client.post(path[:-3] + "xx/").status_code == 400
    mail.outbox.clear()
    assert services.notify_followers(survey.procurement) == 0


def test_unsubscribing_through_the_api(client, survey, follower):
    token = services.unsubscribe_token(survey.procurement, contact=follower)
    statuses = [client.post("/api/v1/follow-up/unsubscribe", {"token": token}, content_type="application/json").json()
                for _ in range(2)]
    assert statuses == [{"status": "unsubscribed"}, {"status": "already_unsubscribed"}]
    refused = client.post("/api/v1/follow-up/unsubscribe", {"token": "väärä"}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["code"] == "unsubscribe_token_invalid"


def test_following_through_the_api(client, survey):
    reply = client.post(f"/api/v1/surveys/{survey.pk}/follow-up", {"email": "liisa@example.fi"}, content_type="application/json")
    assert reply.status_code == 201
    refused = client.post(f"/api/v1/surveys/{survey.pk}/follow-up", {"email": "x"}, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "email"
    assert FollowUpContact.objects.count() == 1


def test_identified_participants_hear_about_their_own_input_and_can_opt_out(client, official, activity,
                                                                             django_capture_on_commit_callbacks):
    from ..participation.conftest import make_survey

    panel = make_survey(official, activity, mode="identified")
    member = factories.UserFactory(email="paneeli@example.fi")
    core_services.assign_role(official, activity.procurement, member, "expert_by_experience")
    participation.submit_response(panel, {keys(panel)[0]: 4}, participant=member)
    with django_capture_on_commit_callbacks(execute=True):
        participation.create_insight(official, activity.procurement, {"statement": text("Muuta"), "activity": activity})
        participation.create_insight(official, activity.procurement, {
            "statement": text("Paneelin toive"), "question": panel.questions.first()})
    bodies = [message.body for message in mail.outbox if message.to == ["paneeli@example.fi"]]
    assert len(bodies) == 2 and "Tässä on, mitä sanomastasi seurasi." in bodies[-1]
    token = services.unsubscribe_token(activity.procurement, user=member)
    assert services.unsubscribe(token) is True and services.unsubscribe(token) is False
    assert UpdateOptOut.objects.filter(user=member).exists()
    mail.outbox.clear()
    services.notify_followers(activity.procurement)
    assert mail.outbox == []


def test_contacts_are_deleted_when_the_procurement_closes(survey, follower, official):
    procurement = survey.procurement
    for phase in ("tendering", "contract"):
        core_services.change_phase(official, procurement, phase)
    assert FollowUpContact.objects.exists()
    core_services.change_phase(official, procurement, "closed")
    assert not FollowUpContact.objects.exists()
    assert services.notify_followers(procurement) == 0
    with pytest.raises(ServiceError) as refused:
        services.follow(survey, "uusi@example.fi")
    assert refused.value.status == 409


def test_the_daily_command_forgets_contacts_of_a_procurement_closed_without_the_service(survey, follower):
    type(survey.procurement).objects.filter(pk=survey.procurement.pk).update(phase="closed")
    call_command("forget-follow-ups", stdout=open("/dev/null", "w"))
    assert not FollowUpContact.objects.exists()


def test_a_person_can_see_and_erase_the_addresses_they_left(survey, follower, official):
    person = factories.UserFactory(email="liisa@example.fi")
    assert gdpr.export_person(person)["follow_up"] == [
        {"procurement": survey.procurement.reference, "email": "liisa@example.fi", "phone": "040 123 4567"}]
    gdpr.erase_person(None, person)
    assert not FollowUpContact.objects.exists()
    assert not AuditEntry.objects.filter(after__icontains="liisa").exists()


def test_my_data_lists_the_addresses_left_for_updates(client, survey, follower):
    person = factories.UserFactory(email="liisa@example.fi")
    client.force_login(person)
    page = client.get(reverse("my_data")).content.decode()
    assert "Tiedotteet, joita pyysit vastattuasi" in page
    assert f"{survey.procurement.reference}: liisa@example.fi, 040 123 4567" in page


def test_a_signed_in_proposal_author_hears_what_became_of_the_idea(official, contract, django_capture_on_commit_callbacks):
    from coprocure.contracts import services as contracts

    procurement = contract.procurement
    author = factories.UserFactory(email="idea@example.fi")
    proposal = contracts.submit_proposal(contract, {"text": "Ilta-aukiolo", "proposer_kind": "service_user"}, author)
    anonymous = contracts.submit_proposal(contract, {"text": "Kahvia", "proposer_kind": "service_user"})
    with django_capture_on_commit_callbacks(execute=True):
        for item in (proposal, anonymous):
            contracts.decide_proposal(official, item, {"status": "adopted", "owner": official, "kras": [],
                                                       "outcome": text("Auki tiistaisin klo 20 asti."), "status_reason": {}})
    (message,) = mail.outbox
    assert message.to == ["idea@example.fi"]
    assert "Ilta-aukiolo" in message.body and "Auki tiistaisin klo 20 asti." in message.body
    services.unsubscribe(services.unsubscribe_token(procurement, user=author))
    mail.outbox.clear()
    assert services.notify_proposal_author(proposal) == 0
