"""How Espoo chose its housing-support alliance "through a negotiated procedure" (issue 21): the
negotiated procedure's default sequence published, requests to participate from the providers'
group and from a single provider, the checks and the selection decision, and a negotiation round
with the group's sealed initial bid and a meeting whose minutes the group confirms. Then the group
is invited to final tenders and submits its final tender as the consortium of its request; two
officials open it, an evaluator scores it blind and the published award (with its instructions)
is what the alliance contract is made from (demo/contracts.py). What the parties then agreed (the
target cost, the KRAs and the operating model) is the alliance's development phase
(demo/alliance.py). Written through the services at the moments it happened (demo/clock.py)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from coprocure.core import services as core
from coprocure.core.models import Organisation, Procurement, User
from coprocure.negotiation import services as negotiation
from coprocure.procedures import services
from coprocure.procedures.models import Stage
from coprocure.tendering import services as tendering
from coprocure.tendering.models import AwardDecision, Tender

from .clock import at, moment
from .negotiated import open_by_two, run_stage
from .procurements import t
from .tendering import consent

OFFER = (t("Asumisen tuki, yöaikainen tuki ja vertaistuki", "Boendestöd, stöd nattetid och kamratstöd",
           "Housing support, support at night and peer support"),
         t("Allianssin osapuolet", "Alliansens parter", "The alliance's parties"))
MEMBERS = {"polku": "Nuorten asumisen tuki", "kotisatama": "Tuettu asuminen ja yöaikainen tuki",
           "kotipolku": "Vertaistuki ja asukastoiminta"}


def _colleague(official: User, procurement: Procurement, username: str, name: tuple[str, str],
               position: str, role: str) -> User:
    """One of the county's people in this history, not a demo login: the second official who
    confirms the openings, or the evaluator who scores the final tender blind."""
    person = User(username=username, first_name=name[0], last_name=name[1], position=position,
                  organisation=official.organisation, email=f"{username}@demo.invalid")
    person.set_unusable_password()
    person.save()
    core.assign_role(official, procurement, person, role)
    return person


def _selection(stage: Stage, official: User, second: User, lead: User, single: User, members: list) -> None:
    call = stage.call
    with at(moment(2024, 9, 10, 10)):
        services.submit_request(lead, call, {
            "evidence": {1: "Kaikilla jäsenillä on asumisen tuen palvelujen luvat ja kokemusta asunnottomien tuesta.",
                         2: "Yhteinen tiimi: yritys, kaksi säätiötä ja yhdistys, joiden tehtävät on kuvattu."},
            "members": members})
    with at(moment(2024, 9, 12, 14)):
        services.submit_request(single, call, {
            "evidence": {1: "Asumisen tuen palveluja Vantaalla vuodesta 2020.",
                         2: "Palvelemme itse; yhteistyö muiden kanssa sovitaan myöhemmin."}})
    open_by_two(official, second, call, services.open_requests, stage.closes_at)
    call.refresh_from_db()
    requests = {request.lead_id: request for request in call.requests.all()}
    group, alone = requests[lead.organisation_id], requests[single.organisation_id]
    with at(moment(2024, 9, 17, 10)):
        for request in (group, alone):
            services.check_requirement(official, call, request.pk, 1, True, "Luvat ja kokemus tarkistettu.")
        services.check_requirement(official, call, group.pk, 2, True,
                                   "Ryhmittymä kattaa asumisen tuen, yöaikaisen tuen ja vertaistuen.")
        services.check_requirement(official, call, alone.pk, 2, False,
                                   "Allianssiin tarvitaan usean osapuolen yhteinen organisaatio; hakemus ei kuvaa sitä.")
    with at(moment(2024, 9, 18, 14)):
        services.decide_selection(official, call, {
            "candidates": {group.pk: (True, "Täyttää kaikki soveltuvuusvaatimukset."),
                           alone.pk: (False, "Ei täytä vaatimusta 2: allianssin yhteinen organisaatio puuttuu.")},
            "reasons": "Neuvotteluihin valitaan jokainen soveltuva hakija; soveltuvia on yksi.",
            "channel": "electronic"})


def _round(stage: Stage, official: User, second: User, lead: User) -> None:
    box = stage.sealed_round
    with at(stage.closes_at - timedelta(days=2)):
        services.submit_round_bid(lead, box, {
            "price": Decimal("3600000"),
            "offer": "Allianssin alustava tavoitekustannus neljälle vuodelle ja palkkiomalli. Tavoitteet, "
                     "toimintamalli ja kustannukset tarkennetaan yhdessä kehitysvaiheessa."})
    open_by_two(official, second, box, services.open_round_bids, stage.closes_at)
    starts = stage.closes_at + timedelta(days=1, hours=1)
    with at(starts - timedelta(days=2)):
        meeting = negotiation.add_meeting(official, stage, {
            "organisation": lead.organisation_id, "starts_at": starts, "place": "Espoon valtuustotalo",
            "online": False, "participants": f"Liisa Nieminen, Pekka Rinne (hyvinvointialue); {lead.get_full_name()} "
                                             "ja jäsenten edustajat (ryhmittymä)"})
    with at(starts + timedelta(hours=4)):
        negotiation.write_minutes(official, meeting, {
            "minutes": "Sovittiin, että tavoitekustannus, avaintulosalueet ja toimintamalli laaditaan yhdessä "
                       "kehitysvaiheessa. Ryhmittymä kertoi yöaikaisen tuen tarpeesta.",
            "confidential_minutes": "Palkkioprosentin neuvotteluvara."})
    with at(starts + timedelta(days=2)):
        negotiation.respond_to_minutes(lead, meeting, True)


def _tender(official: User, procurement: Procurement, deadline) -> Tender:
    """Sent to the selected group after the selection: the deadline is the final tenders stage's."""
    with at(moment(2024, 9, 19, 10)):
        tender = tendering.save_tender(official, procurement, {
            "service_description": t(
                "Asunnottomien nuorten ja aikuisten asumisen tuki allianssina: tavoitekustannus, avaintulosalueet "
                "ja toimintamalli sovitaan kehitysvaiheessa.",
                "Boendestöd för bostadslösa unga och vuxna som en allians: målkostnaden, nyckelresultatområdena "
                "och verksamhetsmodellen avtalas i utvecklingsfasen.",
                "Housing support for homeless young people and adults as an alliance: the target cost, the key "
                "result areas and the operating model are agreed in the development phase."),
            "deadline": deadline, "consortia_allowed": True, "quality_method": "absolute",
            "tie_rule": "quality_then_earlier", "price_weight": Decimal("30")})
        tendering.add_criterion(official, tender, {
            "name": t("Allianssin yhteinen toimintamalli", "Alliansens gemensamma verksamhetsmodell",
                      "The alliance's joint operating model"),
            "description": t("Miten osapuolet johtavat palvelua yhdessä ja miten asukkaat ovat mukana.",
                             "Hur parterna leder tjänsten tillsammans och hur de boende deltar.",
                             "How the parties run the service together and how residents take part."),
            "weight": Decimal("70"), "scale_max": 5,
            "levels": {"0": "Ei yhteistä mallia", "3": "Yhteinen tiimi", "5": "Yhteinen tiimi ja asukkaat mukana"}})
        return tendering.publish_tender(official, tender)


def _final(stage: Stage, official: User, lead: User, members: list, tender: Tender) -> None:
    with at(moment(2024, 10, 4, 10)):
        services.invite_final_tenders(official, stage, {"message": (
            "Kutsumme ryhmittymän jättämään lopullisen tarjouksen tarjouspyynnön mukaisesti 14.10.2024 klo 9 "
            "mennessä. Neuvottelussa sovitusti tavoitekustannus ja avaintulosalueet sovitaan kehitysvaiheessa.")})
    criterion = tender.criteria.get()
    with at(moment(2024, 10, 11, 14)):
        tendering.submit_bid(lead, tender, {
            "price": Decimal("3400000"), "members": members,
            "answers": {criterion.key: "Yksi yhteinen tiimi, johon jokainen osapuoli antaa työntekijänsä; "
                                       "kokemusasiantuntijat allianssin kehittämisryhmässä."}})


def _award(tender: Tender, official: User, second: User, evaluator: User) -> AwardDecision:
    """Two officials open the final tender, the evaluator scores it blind and the award is published."""
    open_by_two(official, second, tender, tendering.open_bids, tender.deadline)
    bid, criterion = tender.bids.get(), tender.criteria.get()
    with at(moment(2024, 10, 16, 10)):
        tendering.declare_conflict(evaluator, tender, False)
        tendering.record_score(evaluator, bid, criterion, Decimal(4),
                               "Yhteinen tiimi ja kokemusasiantuntijat kehittämisessä; asukkaiden rooli tarkentuu.")
        tendering.settle_score(official, bid, criterion)
    with at(moment(2024, 10, 21, 14)):
        decision = tendering.decide_award(official, tender, {
            "accountable_official": official, "decided_on": date(2024, 10, 21),
            "reasons": t(
                "Ryhmittymän lopullinen tarjous täyttää tarjouspyynnön, ja sen toimintamalli sopii allianssiin.",
                "Gruppens slutliga anbud uppfyller anbudsförfrågan och dess verksamhetsmodell passar en allians.",
                "The group's final tender meets the invitation to tender and its operating model suits an alliance.")})
        return tendering.publish_award(official, decision)


def housing_alliance(procurement: Procurement, official: User, lead: User, single: User,
                     organisations: dict[str, Organisation]) -> AwardDecision:
    members = [(organisations[key], role) for key, role in MEMBERS.items()]
    consent(lead, procurement, members, moment(2024, 8, 30, 12), OFFER)
    second = _colleague(official, procurement, "espoo-hankinta", ("Pekka", "Rinne"), "official", "official")
    with at(moment(2024, 8, 26, 10)):
        stages = services.accept_default(official, procurement, moment(2024, 9, 2, 9))
        call = services.save_call(official, stages[0], {"min_candidates": 3, "max_candidates": None,
                                                         "consortia_allowed": True})
        for text in (t("Lupa ja kokemus asunnottomien asumisen tuesta.",
                       "Tillstånd och erfarenhet av boendestöd för bostadslösa.",
                       "A licence and experience of housing support for homeless people."),
                     t("Valmius allianssiin: osapuolten yhteinen organisaatio ja jaettu vastuu.",
                       "Beredskap för en allians: parternas gemensamma organisation och delat ansvar.",
                       "Ready for an alliance: the parties' joint organisation and shared responsibility.")):
            services.add_requirement(official, call, text)
        services.publish(official, procurement)
    run_stage(official, stages[0], lambda stage: _selection(stage, official, second, lead, single, members))
    tender = _tender(official, procurement, stages[2].closes_at)
    run_stage(official, stages[1], lambda stage: _round(stage, official, second, lead))
    run_stage(official, stages[2], lambda stage: _final(stage, official, lead, members, tender))
    evaluator = _colleague(official, procurement, "espoo-arvioija", ("Maija", "Lehto"), "staff", "evaluator")
    return _award(tender, official, second, evaluator)
