"""What a visitor of the demo sees of its procedures (issue 21 "Done when"): the Tampere-like
substance-abuse procurement run from the market dialogue through the selection and two
negotiation rounds to the award, the Espoo-like alliance chosen through a negotiated procedure
and its final tender, its contract made from the award, before its development and service phases, and the light-regime procedure still ahead. The demo
loads once (it is slow); each part is checked by its own function."""

import json
from datetime import timedelta

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from coprocure.alliance.models import DevelopmentPhase, Statement
from coprocure.contracts.models import Contract
from coprocure.core.models import Procurement, User
from coprocure.interop.ocds import validation
from coprocure.negotiation.models import NegotiationMeeting, WrittenInformation
from coprocure.procedures.models import ProcedureVersion, Stage
from coprocure.procedures.models_final import FinalTenderInvitation
from coprocure.tendering.models import AwardDecision, DocumentVersion, Tender


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _selected(stage: Stage) -> dict[str, bool]:
    return {c.request.lead.name: c.selected for c in stage.call.decision.candidates.select_related("request__lead")}


def _tampere(visitor: Client, candidate: Client) -> None:
    procurement = Procurement.objects.get(title__fi__text="Innovatiiviset päihdepalvelut aikuisille")
    stages = list(Stage.objects.filter(procurement=procurement).order_by("order"))
    assert [s.kind for s in stages] == ["market_dialogue", "participation_requests", "negotiation_round",
                                        "negotiation_round", "final_tenders"]
    assert all(s.state == "closed" and s.closes_at < timezone.now() for s in stages)
    dialogue, call, *rounds = stages[:4]

    # The market dialogue: the patients' association at the table, an answer sent to all, the
    # minutes without their confidential part, and what was learned, tied to an objective.
    page = _page(visitor, f"/stages/{dialogue.pk}/market-dialogue/")
    assert "Vertaisvoima ry" in page and "Voi. Osallistumishakemuksen voi jättää ryhmittymä" in page
    assert "ilta ja viikonloppu ovat toipujalle vaikeimpia" in page and "henkilöstökuluistaan" not in page
    assert dialogue.dialogue_learnings.get().objectives.count() == 1

    # Three consortia asked; the published decision selected two, with its reasons.
    assert call.call.requests.count() == 3
    assert _selected(call) == {"Päihdepalvelut Kulma Oy": True, "Toipumon säätiö sr": True, "Arjentuki osk": False}
    assert "Neuvotteluihin kutsutaan ilmoitetusti kaksi" in _page(visitor, f"/stages/{call.pk}/call/")

    # Two rounds: sealed initial bids opened by two officials, a meeting per candidate with the
    # service user at the table, minutes the candidate confirmed, and information sent to both.
    for stage, told in zip(rounds, (1, 2), strict=True):
        box = stage.sealed_round
        assert box.bids.count() == 2 and box.opened_by_id != box.opening_requested_by_id and box.opened_at
        meetings = NegotiationMeeting.objects.filter(stage=stage)
        assert meetings.count() == 2 and all(m.confirmed_at for m in meetings)
        assert all(r.person.username == "asiakas" and r.committed for m in meetings for r in m.representatives.all())
        information = WrittenInformation.objects.filter(stage=stage)
        assert information.count() == told and all(i.recipients.count() == 2 for i in information)
    # Between the rounds the service description's second version, told to both candidates.
    version = DocumentVersion.objects.get(document__tender__procurement=procurement,
                                          document__kind="service_description", number=2)
    assert rounds[1].opens_at < version.published_at < rounds[1].closes_at
    assert "klo 8–22" in json.dumps(version.sections, ensure_ascii=False)
    # The candidate sees its own minutes, never the other candidate's nor the confidential part.
    page = _page(candidate, f"/stages/{rounds[0].pk}/negotiation/")
    assert "Ryhmittymä selvittää aukiolon pidentämistä" in page
    assert "Säätiö harkitsee viikonlopun vertaisryhmää" not in page and "Hinnoittelun yksityiskohdat" not in page
    # A visitor and the consortium left out see no minutes, and neither sees an initial bid's offer.
    left_out = Client()
    left_out.force_login(User.objects.get(username="arjentuki-demo"))
    for outsider in (visitor, left_out):
        page = _page(outsider, f"/stages/{rounds[0].pk}/negotiation/")
        assert "Ryhmittymä selvittää" not in page and "Säätiö harkitsee" not in page
        assert "Yhteisökoti ja vertaisohjaajat joka päivä klo 8–20" not in outsider.get(
            f"/stages/{rounds[0].pk}/round/").content.decode()

    # Final tenders only from the two invited, by the deadline the procedure and tender share;
    # then the blind evaluation's award.
    final = stages[4]
    invitation = FinalTenderInvitation.objects.get(stage=final)
    assert {o.name for o in invitation.invited.all()} == {"Päihdepalvelut Kulma Oy", "Toipumon säätiö sr"}
    tender = Tender.objects.get(procurement=procurement)
    assert tender.deadline == final.closes_at and final.state == "closed"
    assert all(invitation.issued_at < bid.submitted_at < tender.deadline for bid in tender.bids.all())
    award = AwardDecision.objects.get(tender=tender)
    assert award.published_at and award.winner.lead.name == "Päihdepalvelut Kulma Oy"
    page = _page(visitor, f"/procurements/{procurement.pk}/procedure/")
    assert "Kutsumme teidät jättämään lopullisen tarjouksen" in page


def _espoo(visitor: Client) -> None:
    housing = Procurement.objects.get(intended_contract_kind="alliance")
    assert housing.procedure == "negotiated"
    stages = list(Stage.objects.filter(procurement=housing).order_by("order"))
    assert [s.kind for s in stages] == ["participation_requests", "negotiation_round", "final_tenders"]
    assert _selected(stages[0]) == {"Asumisen Tuki Aalto Oy": True, "Arjentuki osk": False}
    assert "soveltuvia on yksi" in _page(visitor, f"/stages/{stages[0].pk}/call/")
    meeting = NegotiationMeeting.objects.get(stage=stages[1])
    assert meeting.confirmed_at and stages[1].sealed_round.opened_at
    # The procedure ended: every stage closed, the group invited to final tenders, its final
    # tender the consortium of its request, and the award published with its instructions.
    assert all(s.state == "closed" and s.closes_at < timezone.now() for s in stages)
    invitation = FinalTenderInvitation.objects.get(stage=stages[2])
    assert [o.name for o in invitation.invited.all()] == ["Asumisen Tuki Aalto Oy"]
    request = stages[0].call.requests.get(lead__name="Asumisen Tuki Aalto Oy")
    tender = Tender.objects.get(procurement=housing)
    bid = tender.bids.get()
    assert tender.deadline == stages[2].closes_at and invitation.issued_at < bid.submitted_at < tender.deadline
    consortium = {(m.organisation.name, m.role) for m in bid.members.select_related("organisation")}
    assert consortium == {(name, role) for _pk, name, role in request.content["members"]} and len(consortium) == 3
    award = AwardDecision.objects.get(tender=tender, winner=bid)
    assert award.published_at and award.published_at < meeting.confirmed_at + timedelta(days=30)
    page = _page(visitor, f"/tenders/{tender.pk}/award/")
    assert "Valitusosoitus: valitus markkinaoikeuteen" in page and "Oikaisuohje: hankintaoikaisu" in page
    # The alliance contract was made from that award: its parties are the winning consortium.
    contract = Contract.objects.get(procurement=housing)
    assert {(p.name, p.role) for p in contract.parties.exclude(role="authority")} == {
        (bid.lead.name, "consortium_lead"), *((name, "consortium_member") for name, _role in consortium)}
    assert award.standstill_ends_on < timezone.localtime(contract.created_at).date()
    # The development phase began after the selection and ended in the service phase's settlements.
    phase = DevelopmentPhase.objects.get(contract__procurement=housing)
    assert stages[0].call.decision.published_at < phase.frozen_at < Statement.objects.earliest("approved_at").approved_at


def _older_people() -> None:
    older = Procurement.objects.get(title__fi__text="Kotona asumista tukevat palvelut ikääntyneille")
    stages = list(Stage.objects.filter(procurement=older))
    assert [s.kind for s in stages] == ["participation_requests", "negotiation_round", "negotiation_round",
                                        "final_tenders"]
    assert ProcedureVersion.objects.filter(procurement=older, number=1).exists()
    assert stages[0].call.requirements.count() == 2 and stages[0].call.criteria.count() == 1


def _ocds(visitor: Client) -> None:
    response = visitor.get("/api/v1/ocds/releases")
    package = json.loads(b"".join(response.streaming_content))
    assert validation.errors(package) == []
    releases = {r["tender"]["title"]: r for r in package["releases"]}
    for title in ("Innovatiiviset päihdepalvelut aikuisille", "Asumisen tuen allianssi nuorille ja aikuisille"):
        release = releases[title]
        assert validation.undeclared_fields(release) == []
        assert release["tender"]["selectionCriteria"]["criteria"]
        assert {m["code"] for m in release["tender"]["milestones"]} >= {"participation_requests", "negotiation_round"}
    assert any(d["documentType"] == "marketStudies"
               for d in releases["Innovatiiviset päihdepalvelut aikuisille"]["tender"]["documents"])


def test_the_demo_shows_both_seed_procedures_and_a_light_procedure_ahead(reference_data):
    call_command("demo", verbosity=0)
    candidate = Client()
    candidate.force_login(User.objects.get(username="tuottaja"))
    _tampere(Client(), candidate)
    _espoo(Client())
    _older_people()
    _ocds(Client())
