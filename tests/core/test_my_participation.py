"""My participation and "My data" (issue 19 item 5): a person sees and downloads everything kept
about them — sign-up needs included — edits the needs of their own sign-ups and nobody else's,
and never finds an anonymous answer there."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.contracts import services as contracts
from coprocure.contracts.models import DevelopmentProposal, SteeringMember
from coprocure.core import gdpr
from coprocure.core.models import User
from coprocure.followup.models import UpdateOptOut
from coprocure.panels.models import Membership, Panel, Volunteer
from coprocure.participation import services as participation
from coprocure.participation.models import Answer, Contribution, PublishedAnswer, Registration, Response

from .. import factories
from ..contracts.conftest import contract, provider  # noqa: F401 (fixtures)
from ..participation.conftest import keys, make_survey

NEEDS = {"dietary": "gluteeniton", "assistance": True, "interpreter": "viittomakieli", "needs": "Hiljainen paikka"}


@pytest.fixture
def event(official, procurement):
    return participation.create_activity(official, procurement, {
        "kind": "discussion_event", "phase": "preparation", "title": factories.text("Asukasilta"),
        "setting": "service_centre", "capacity": 10, "registration": True, "place": "Kirjasto",
        "starts_at": timezone.now() + timedelta(days=3), "ends_at": timezone.now() + timedelta(days=3, hours=2),
    })


@pytest.fixture
def person(db):
    return factories.UserFactory(email="asukas@example.invalid")


@pytest.fixture
def everything(official, procurement, event, person, contract):  # noqa: F811
    """The person has one of each thing the service keeps about a signed-in participant."""
    sign_up = participation.register(person, event, {**NEEDS, "target_group": "", "age_band": ""})
    identified = make_survey(official, event, mode="identified", title=factories.text("Raadin kysely"))
    response = participation.submit_response(
        identified, {keys(identified)[0]: 4, keys(identified)[-1]: "Tunnistettu vastaus"}, participant=person)
    question = identified.questions.order_by("ordering").last()
    PublishedAnswer.objects.create(question=question, text="Tunnistettu vastaus", author=person, chosen_by=official)
    idea = contracts.submit_proposal(contract, {"text": "Kirjaston aukiolo", "proposer_kind": "service_user"}, person)
    Contribution.objects.create(activity=event, person=person, hours=2, fee=40, work="Puheenvuoro")
    contracts.add_member(official, contract, {
        "name": "Asukas", "role": "client_representative", "organisation": None, "user": person,
        "term_starts": timezone.localdate(), "term_ends": None, "deputy_for": None})
    UpdateOptOut.objects.create(procurement=procurement, user=person)
    ApiToken.issue(person, "oma")
    panel = Panel.objects.create(procurement=procurement, kind="resident", title=factories.text("Asukasraati"),
                                 purpose=factories.text("Kuulla asukkaita."), seats=12, term_starts=timezone.localdate(),
                                 term_ends=timezone.localdate() + timedelta(days=365))
    Membership.objects.create(panel=panel, role="deputy", person=person, started_at=timezone.now())
    Volunteer.objects.create(panel=panel, code="V001", name="Asukas", contact="asukas@example.invalid",
                             consent_at=timezone.now(), account=person)
    return {"sign_up": sign_up, "response": response, "idea": idea}


def test_my_participation_lists_sign_ups_with_needs_answers_and_ideas(client, person, everything):
    client.force_login(person)
    page = client.get(reverse("my_participation"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Asukasilta" in html and "gluteeniton" in html and "Hiljainen paikka" in html and "viittomakieli" in html
    assert "Raadin kysely" in html and "Tunnistettu vastaus" in html
    idea = everything["idea"]
    assert idea.reference in html and idea.get_status_display() in html
    assert f'href="{reverse("idea_status", args=[idea.reference])}"' in html
    assert f'href="{reverse("my_sign_up_needs", args=[everything["sign_up"].pk])}"' in html
    assert "Asukasraati" in html


def test_a_person_edits_the_needs_of_their_own_sign_up(client, person, everything):
    sign_up = everything["sign_up"]
    client.force_login(person)
    path = reverse("my_sign_up_needs", args=[sign_up.pk])
    assert "Hiljainen paikka" in client.get(path).content.decode()
    saved = client.post(path, {"dietary": "", "interpreter": "", "needs": "Pyörätuolipaikka, soita 040 123 4567"})
    assert saved.status_code == 302 and saved.url == reverse("my_participation")
    sign_up.refresh_from_db()
    assert (sign_up.dietary, sign_up.assistance, sign_up.interpreter) == ("", False, "")
    assert sign_up.needs.startswith("Pyörätuolipaikka") and "040" not in sign_up.needs
    assert sign_up.status == "confirmed"
    entry = AuditEntry.objects.get(action="participation.registration_needs")
    assert entry.after == {"changed": ["assistance", "dietary", "interpreter", "needs"]}
    assert "Pyörätuolipaikka" not in json.dumps(entry.after)

    _token, raw = ApiToken.issue(person, "api")
    patched = client.patch(f"/api/v1/me/sign-ups/{sign_up.pk}", json.dumps({"dietary": "vegaani"}),
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert patched.status_code == 200, patched.content
    assert patched.json()["dietary"] == "vegaani" and patched.json()["needs"].startswith("Pyörätuolipaikka")
    too_long = client.patch(f"/api/v1/me/sign-ups/{sign_up.pk}", json.dumps({"dietary": "x" * 301}),
                            content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "dietary"
    sign_up.refresh_from_db()
    assert sign_up.dietary == "vegaani"


def test_another_persons_sign_up_is_not_found_to_see_or_edit(client, person, everything):
    sign_up = everything["sign_up"]
    intruder = factories.UserFactory()
    client.force_login(intruder)
    path = reverse("my_sign_up_needs", args=[sign_up.pk])
    assert client.get(path).status_code == 404
    assert client.post(path, {"dietary": "murrettu", "needs": "murrettu"}).status_code == 404
    assert "gluteeniton" not in client.get(reverse("my_participation")).content.decode()
    _token, raw = ApiToken.issue(intruder, "api")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.patch(f"/api/v1/me/sign-ups/{sign_up.pk}", json.dumps({"needs": "murrettu"}),
                        content_type="application/json", **auth).status_code == 404
    assert client.patch(f"/api/v1/me/sign-ups/{sign_up.pk + 999}", json.dumps({"needs": "x"}),
                        content_type="application/json", **auth).status_code == 404
    assert client.get("/api/v1/me/participation", **auth).json()["sign_ups"] == []
    sign_up.refresh_from_db()
    assert sign_up.dietary == "gluteeniton" and sign_up.needs == "Hiljainen paikka"
    client.logout()
    assert client.get(path).status_code == 302
    assert client.patch(f"/api/v1/me/sign-ups/{sign_up.pk}", json.dumps({}), content_type="application/json").status_code == 401
    assert client.get("/api/v1/me/participation").status_code == 401


def test_a_cancelled_sign_up_keeps_its_needs_as_they_were(client, person, everything):
    sign_up = participation.cancel_registration(person, everything["sign_up"])
    client.force_login(person)
    refused = client.post(reverse("my_sign_up_needs", args=[sign_up.pk]), {"needs": "uusi"})
    assert refused.status_code == 422
    sign_up.refresh_from_db()
    assert sign_up.needs == "Hiljainen paikka"


def test_anonymous_answers_never_appear_even_from_a_signed_in_person(client, official, event, person):
    anonymous = make_survey(official, event)
    token = participation.issue_token(anonymous)
    participation.submit_response(anonymous, {keys(anonymous)[0]: 2, keys(anonymous)[-1]: "Salainen nimetön vastaus"},
                                  token=token, participant=person)
    client.force_login(person)
    for path in (reverse("my_participation"), reverse("my_data"), reverse("my_data_download"),
                 "/api/v1/me/participation"):
        assert "Salainen nimetön vastaus" not in client.get(path).content.decode(), path
    assert gdpr.export_person(person)["survey_answers"] == []


def test_the_api_lists_the_same_as_the_page(client, person, everything):
    _token, raw = ApiToken.issue(person, "api")
    body = client.get("/api/v1/me/participation", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert [row["id"] for row in body["sign_ups"]] == [everything["sign_up"].pk]
    assert body["sign_ups"][0]["needs"] == "Hiljainen paikka"
    assert body["ideas"][0]["reference"] == everything["idea"].reference
    assert "Tunnistettu vastaus" in [answer["value"] for answer in body["survey_answers"][0]["answers"]]


# Rows about a person, the section of "My data" that exports them, and the fields left out with
# the reason. A field added to one of these models reaches the download or fails here.
PERSONAL = {
    User: ("profile", {"password": "a salted hash, a credential"}),
    Registration: ("sign_ups", {"participant": "the person themselves"}),
    Response: ("survey_answers", {"participant": "the person themselves"}),
    Answer: (None, {"response": "nested under its response"}),
    PublishedAnswer: ("published_answers", {"author": "the person themselves"}),
    DevelopmentProposal: ("ideas", {"submitted_by": "the person themselves"}),
    Contribution: ("contributions", {"person": "the person themselves"}),
    SteeringMember: ("steering_seats", {"user": "the person themselves"}),
    UpdateOptOut: ("update_opt_outs", {"user": "the person themselves"}),
    ApiToken: ("api_tokens", {"user": "the person themselves", "digest": "a credential"}),
    Membership: ("panel_seats", {"person": "the person themselves"}),
    Volunteer: ("panel_volunteering", {"account": "the person themselves"}),
}


def test_the_download_holds_every_field_of_every_row_about_the_person(client, person, everything):
    client.force_login(person)
    data = json.loads(client.get(reverse("my_data_download")).content)
    for model, (section, left_out) in PERSONAL.items():
        if section is None:
            rows = [answer for response in data["survey_answers"] for answer in response["answers"]]
        else:
            rows = data[section] if isinstance(data[section], list) else [data[section]]
        assert rows, f"{model.__name__}: nothing exported"
        stored = {field.attname for field in model._meta.concrete_fields if field.name not in left_out}
        missing = stored - set(rows[0])
        assert missing == set(), f"{model.__name__} fields not in the download: {sorted(missing)}"


def test_the_page_says_everything_in_the_download_including_sign_up_needs(client, person, everything):
    client.force_login(person)
    html = client.get(reverse("my_data")).content.decode()
    for value in ("gluteeniton", "viittomakieli", "Hiljainen paikka"):
        assert value in html
    assert everything["idea"].reference in html and "Puheenvuoro" in html and "Tunnistettu vastaus" in html


# Every link from a row to a person's account is either a row about them (exported above) or a
# record of work done in a role, which stays as public administration's record and shows in the
# person's recorded actions. A new link to an account fails until it is placed in one of these.
WORK_RECORDS = {
    "admin.LogEntry.user", "audit.AuditEntry.actor", "ops.Job.owner",
    "core.PhaseChange.changed_by", "core.Procurement.accountable_official", "core.Procurement.created_by",
    "core.ProcurementRole.user",  # exported as "roles"
    "participation.AnswerBatch.entered_by", "participation.Contribution.recorded_by", "participation.Insight.created_by",
    "participation.ParticipationPlan.accountable_official", "participation.PublishedAnswer.chosen_by",
    "partners.TableSeat.invited_by", "partners.TableSeat.signed_up_by",
    "tendering.AwardDecision.accountable_official", "tendering.Bid.submitted_by", "tendering.Clarification.answered_by",
    "tendering.Clarification.asked_by", "tendering.Complaint.answered_by", "tendering.Complaint.filed_by",
    "tendering.ConflictDeclaration.evaluator", "tendering.DocumentSection.updated_by",
    "tendering.DocumentVersion.published_by", "tendering.FinalScore.settled_by", "tendering.Score.evaluator",
    "tendering.SectionComment.author", "tendering.Tender.opened_by", "tendering.Tender.opening_requested_by",
    "contracts.Amendment.created_by", "contracts.Decision.accountable_official", "contracts.Decision.recorded_by",
    "contracts.DevelopmentProposal.owner", "contracts.FigureFlag.cleared_by", "contracts.InvitationBatch.issued_by",
    "contracts.Measurement.reported_by", "contracts.MemberPosition.recorded_by",
    "alliance.AuditReport.auditor", "alliance.Auditor.appointed_by", "alliance.Auditor.user",
    "alliance.CostLine.decided_by", "alliance.CostLine.reported_by", "alliance.Statement.approved_by",
    "evaluation.SelfAssessment.updated_by", "notices.Submission.sent_by",
    "panels.Draw.committed_by", "panels.Draw.drawn_by", "panels.Volunteer.entered_by",
    "procedures.ProcedureVersion.published_by", "procedures.CallForParticipation.opened_by",
    "procedures.CallForParticipation.opening_requested_by", "procedures.ParticipationRequest.submitted_by",
    "procedures.RequirementCheck.checked_by", "procedures.SelectionDecision.accountable_official",
    "procedures.RoundBid.submitted_by", "procedures.SealedRound.opened_by", "procedures.SealedRound.opening_requested_by",
    "procedures.ReductionDecision.accountable_official",
    "procedures.FinalTenderInvitation.issued_by", "procedures.InitialBidsAward.accountable_official",
    "procedures.DecisionComplaint.filed_by", "procedures.DecisionComplaint.answered_by",
    "market_dialogue.DialogueRegistration.decided_by", "market_dialogue.WrittenQuestion.answered_by",
    "negotiation.DialogueSolution.submitted_by", "negotiation.NegotiationMeeting.confirmed_by",
    "negotiation.WrittenInformation.sent_by", "negotiation.DialogueClosure.decided_by",
    "negotiation.MilestoneDecision.decided_by", "negotiation.MilestoneResult.submitted_by",
    "negotiation.PartnershipEnd.decided_by",
    # A user representative's seat at a negotiation meeting, with the commitment that let them see
    # the candidate's material: the record of who saw it, kept with the meeting and in the audit
    # trail of the naming. Not yet a section of "My data" (the closing note says so).
    "negotiation.UserRepresentative.person",
    "alliance.DevelopmentDraft.proposed_by", "alliance.DevelopmentPhase.frozen_by", "alliance.DraftPosition.given_by",
}
EXPORTED = {f"{model._meta.app_label}.{model.__name__}.{field}" for model, (_s, left_out) in PERSONAL.items()
            for field in left_out if field in {"participant", "submitted_by", "person", "user", "author", "account"}}
# Credentials (a second factor's secret, a one-time enrolment code) are never handed out; the
# Suomi.fi link is exported by accounts in its own section.
ELSEWHERE = {"otp_totp.TOTPDevice.user", "accounts.EnrolmentCode.user", "accounts.SuomiFiIdentity.user"}


def test_every_link_to_an_account_is_either_exported_or_a_work_record():
    links = {f"{model._meta.app_label}.{model.__name__}.{field.name}"
             for model in apps.get_models() for field in model._meta.concrete_fields
             if field.is_relation and field.related_model is not None
             and field.related_model._meta.label == settings.AUTH_USER_MODEL}
    unplaced = links - WORK_RECORDS - EXPORTED - ELSEWHERE
    assert unplaced == set(), f"say whether these are the person's data or work records: {sorted(unplaced)}"


def test_erasing_the_account_clears_needs_and_unlinks_the_rest(client, person, everything):
    client.force_login(person)
    assert client.post(reverse("my_data"), {"confirm": "on"}).status_code == 302
    sign_up = Registration.objects.get(pk=everything["sign_up"].pk)
    assert (sign_up.dietary, sign_up.assistance, sign_up.interpreter, sign_up.needs) == ("", False, "", "")
    assert sign_up.status == "confirmed"  # still counted for attendance and the equality figures
    assert DevelopmentProposal.objects.get(pk=everything["idea"].pk).submitted_by is None
    assert Response.objects.get(pk=everything["response"].pk).participant is None
    assert not PublishedAnswer.objects.filter(author=person).exists()
    assert not UpdateOptOut.objects.filter(user=person).exists() and not person.api_tokens.exists()
    assert not SteeringMember.objects.filter(user=person).exists() and not Membership.objects.filter(person=person).exists()
    left = gdpr.export_person(User.objects.get(pk=person.pk), ("sign_ups", "survey_answers", "published_answers",
                                                                "ideas", "steering_seats", "panel_seats",
                                                                "update_opt_outs", "api_tokens"))
    assert {section: rows for section, rows in left.items() if rows and section != "sign_ups"} == {}
    assert all(not row["needs"] and not row["dietary"] for row in left["sign_ups"])
