"""The market dialogue stage as its users meet it, on the pages and the API: organisations
register and staff confirm them into seats kept per kind; confirmed organisations ask in writing
and every answer reaches all of them; sessions with minutes; learnings linked to objectives.
Adversaries: an unregistered organisation asking, another procurement's stage or objective, a
registration after the deadline, a user association refused while its seats are free."""

import json

import pytest

from coprocure.audit.models import AuditEntry
from coprocure.market_dialogue import services
from coprocure.market_dialogue.models import DialogueLearning, DialogueRegistration, WrittenQuestion
from coprocure.outbox.models import Message
from coprocure.procedures import services as procedures
from coprocure.tendering.models import Objective

from .. import factories
from ..factories import text
from ..procedures.conftest import compose, light_procurement, pass_deadline
from ..tendering.conftest import provider


def post_json(client, path, body, method="post"):
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def dialogue_stage(official):
    procurement = light_procurement(official)
    stage, _tenders = compose(official, procurement, ["market_dialogue", "tenders"])
    procedures.publish(official, procurement)
    return stage


def association(name="Potilasyhdistys ry"):
    return factories.UserFactory(organisation=factories.ProviderFactory(name=name, kind="user_association"),
                                 position="representative")


def registered(official, stage, user):
    registration = services.register(user, stage, {"contact_name": "Anna", "contact_email": f"{user.pk}@example.fi"})
    return services.decide_registration(official, registration, True)


def test_registration_confirmation_question_and_answer_to_all_through_the_api(client, official):
    stage = dialogue_stage(official)
    company, patients = provider(), association()
    client.force_login(company)
    response = post_json(client, f"/api/v1/stages/{stage.pk}/market-dialogue/registrations",
                         {"contact_name": "Kalle", "contact_email": "kalle@example.fi"})
    assert response.status_code == 201 and response.json()["seat_kind"] == "provider"
    assert response.json()["status"] == "pending"
    # Not yet confirmed: it may not ask.
    response = post_json(client, f"/api/v1/stages/{stage.pk}/market-dialogue/questions", {"text": "Kuinka monta?"})
    assert response.status_code == 403 and not WrittenQuestion.objects.exists()
    client.force_login(official)
    response = post_json(client, f"/api/v1/dialogue-registrations/{DialogueRegistration.objects.get().pk}/decision",
                         {"confirm": True})
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    registered(official, stage, patients)
    client.force_login(company)
    response = post_json(client, f"/api/v1/stages/{stage.pk}/market-dialogue/questions",
                         {"text": "Kuinka monta asiakasta vuodessa?", "may_name_asker": False})
    assert response.status_code == 201
    client.force_login(official)
    response = post_json(client, f"/api/v1/dialogue-questions/{response.json()['id']}/answer", {"answer": "Noin 300."})
    assert response.status_code == 200 and response.json()["asker"] is None
    recipients = set(Message.objects.filter(cause__startswith="market_dialogue.answer").values_list("recipient", flat=True))
    assert recipients == {"kalle@example.fi", f"{patients.pk}@example.fi"}
    client.logout()
    public = client.get(f"/api/v1/stages/{stage.pk}/market-dialogue").json()
    assert public["answers"][0]["answer"] == "Noin 300." and public["answers"][0]["asker"] is None
    assert {s["seat_kind"] for s in public["seated"]} == {"provider", "user_association"}
    page = client.get(f"/stages/{stage.pk}/market-dialogue/").content.decode()
    assert "Noin 300." in page and "Potilasyhdistys ry" in page and "kalle@example.fi" not in page
    assert client.get(f"/api/v1/stages/{stage.pk}/market-dialogue/registrations").status_code == 401
    client.force_login(official)
    staff_view = client.get(f"/api/v1/stages/{stage.pk}/market-dialogue/registrations").json()
    assert [(r["organisation"], r["asked"], r["answered"]) for r in staff_view][0] == (company.organisation.name, 1, 1)
    assert AuditEntry.objects.filter(action__startswith="market_dialogue.").count() == 6


def test_answer_twice_is_refused_and_sends_nothing_more(official):
    stage = dialogue_stage(official)
    company = provider()
    registered(official, stage, company)
    question = services.ask(company, stage, {"text": "Kysymys?"})
    services.answer(official, question, "Vastaus.")
    with pytest.raises(Exception) as refused:
        services.answer(official, question, "Toinen vastaus.")
    assert refused.value.status == 409
    question.refresh_from_db()
    assert question.answer == "Vastaus." and Message.objects.count() == 1


def test_an_unregistered_or_refused_organisation_cannot_ask(client, official):
    stage = dialogue_stage(official)
    outsider = provider("Ulkopuolinen Oy")
    client.force_login(outsider)
    response = client.post(f"/stages/{stage.pk}/market-dialogue/questions/", {"text": "Saanko kysyä?"})
    assert response.status_code == 403 and not WrittenQuestion.objects.exists()
    # The authority's own people do not register as organisations.
    client.force_login(official)
    response = post_json(client, f"/api/v1/stages/{stage.pk}/market-dialogue/registrations",
                         {"contact_name": "Virkailija", "contact_email": "v@example.fi"})
    assert response.status_code == 403 and not DialogueRegistration.objects.exists()


def test_registration_after_the_deadline_is_refused_with_nothing_stored(client, official):
    stage = dialogue_stage(official)
    pass_deadline(stage)
    client.force_login(provider())
    response = post_json(client, f"/api/v1/stages/{stage.pk}/market-dialogue/registrations",
                         {"contact_name": "Kalle", "contact_email": "kalle@example.fi"})
    assert response.status_code == 409 and "määräaikaan" in response.json()["errors"][0]["message"]
    assert not DialogueRegistration.objects.exists()


def test_seats_are_kept_per_kind_and_a_user_association_is_not_refused_while_they_are_free(client, official):
    stage = dialogue_stage(official)
    services.save_seats(official, stage, {"provider_seats": 1, "user_association_seats": 1})
    first, second, patients = provider("Eka Oy"), provider("Toka Oy"), association()
    registered(official, stage, first)
    waiting = services.register(second, stage, {"contact_name": "T", "contact_email": "t@example.fi"})
    client.force_login(official)
    response = post_json(client, f"/api/v1/dialogue-registrations/{waiting.pk}/decision", {"confirm": True})
    assert response.status_code == 409
    waiting.refresh_from_db()
    assert waiting.status == "pending"
    own = services.register(patients, stage, {"contact_name": "P", "contact_email": "p@example.fi"})
    response = post_json(client, f"/api/v1/dialogue-registrations/{own.pk}/decision", {"confirm": False})
    assert response.status_code == 409 and "yhdistyksille" in response.json()["errors"][0]["message"]
    own.refresh_from_db()
    assert own.status == "pending"
    response = post_json(client, f"/api/v1/dialogue-registrations/{own.pk}/decision", {"confirm": True})
    assert response.status_code == 200


def test_another_procurements_stage_id_and_objective_are_refused(client, official):
    stage = dialogue_stage(official)
    other_official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    other_stage = dialogue_stage(other_official)
    client.force_login(official)
    response = post_json(client, f"/api/v1/stages/{other_stage.pk}/market-dialogue/sessions",
                         {"starts_at": "2030-01-01T10:00:00+02:00", "agenda": "Asialista"})
    assert response.status_code == 403
    foreign = Objective.objects.create(procurement=other_stage.procurement, statement=text("Vieras tavoite"))
    response = post_json(client, f"/api/v1/stages/{stage.pk}/market-dialogue/learnings",
                         {"text": "Opimme jotain.", "objectives": [foreign.pk]})
    assert response.status_code == 422 and not DialogueLearning.objects.exists()
    tenders_stage = stage.procurement.procedure_stages.get(kind="tenders")
    assert client.get(f"/api/v1/stages/{tenders_stage.pk}/market-dialogue").status_code == 404


def test_sessions_minutes_and_learnings_on_the_public_page(client, official):
    stage = dialogue_stage(official)
    objective = Objective.objects.create(procurement=stage.procurement, statement=text("Asiakas pääsee hoitoon viikossa"))
    client.force_login(official)
    response = post_json(client, f"/api/v1/stages/{stage.pk}/market-dialogue/sessions",
                         {"starts_at": "2030-01-01T10:00:00+02:00", "online": True, "agenda": "Palvelun tavoitteet"})
    assert response.status_code == 201 and response.json()["minutes"] == ""
    session_id = response.json()["id"]
    assert post_json(client, f"/api/v1/dialogue-sessions/{session_id}/minutes", {"minutes": " "}, "put").status_code == 422
    response = post_json(client, f"/api/v1/dialogue-sessions/{session_id}/minutes",
                         {"minutes": "Potilasyhdistys toivoi iltavastaanottoa.", "confidential_minutes": "Hintataso 12 €"},
                         "put")
    assert response.status_code == 200 and response.json()["confidential_minutes"] == "Hintataso 12 €"
    response = post_json(client, f"/api/v1/stages/{stage.pk}/market-dialogue/learnings",
                         {"text": "Iltavastaanotto on tarpeen.", "objectives": [objective.pk],
                          "documents_changed": "Palvelukuvaus, luku 3"})
    assert response.status_code == 201 and response.json()["objectives"] == [objective.pk]
    client.logout()
    page = client.get(f"/stages/{stage.pk}/market-dialogue/").content.decode()
    assert "Potilasyhdistys toivoi iltavastaanottoa." in page and "Hintataso" not in page
    assert "Asiakas pääsee hoitoon viikossa" in page and "Palvelukuvaus, luku 3" in page
    public = client.get(f"/api/v1/stages/{stage.pk}/market-dialogue").json()
    assert public["sessions"][0]["confidential_minutes"] == ""


def test_a_learning_is_on_the_procurements_public_trail_with_the_objective_it_changed(client, official):
    stage = dialogue_stage(official)
    objective = Objective.objects.create(procurement=stage.procurement, statement=text("Ilta-aukiolo arkisin"))
    services.add_learning(official, stage, {"text": "Potilaat tarvitsevat iltavastaanoton.", "objectives": [objective],
                                            "documents_changed": "Palvelukuvaus"})
    page = client.get(f"/procurements/{stage.procurement.pk}/evaluation/trail/").content.decode()
    assert "Potilaat tarvitsevat iltavastaanoton." in page and "Ilta-aukiolo arkisin" in page
    assert f"/stages/{stage.pk}/market-dialogue/" in page


def test_the_page_refuses_with_the_services_status_and_keeps_the_form(client, official):
    """A form posted to the stage's page answers as the API does (web.forms.post_form): 409 for a
    registration after the deadline, 422 for the form's own mistakes; nothing is stored."""
    stage = dialogue_stage(official)
    client.force_login(provider())
    response = client.post(f"/stages/{stage.pk}/market-dialogue/register/", {"contact_name": "Kalle"})
    assert response.status_code == 422
    pass_deadline(stage)
    response = client.post(f"/stages/{stage.pk}/market-dialogue/register/",
                           {"contact_name": "Kalle", "contact_email": "kalle@example.fi"})
    assert response.status_code == 409 and "määräaikaan" in response.content.decode()
    assert 'value="kalle@example.fi"' in response.content.decode()
    assert not DialogueRegistration.objects.exists()
