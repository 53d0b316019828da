"""The substance-abuse procurement's procedure as Tampere ran it (issue 21): the objectives from
service design steer a market dialogue where a patients' association sits beside the providers;
three consortia ask to participate and two are selected; two negotiation rounds follow, each with
sealed initial bids opened by two officials, a meeting per candidate with a service user at the
table and minutes the candidate confirms, and written information sent to both; between the rounds
the service description's second version is published to both. Then the final tenders on
invitation, compared by the tender's blind evaluation and awarded (demo/tendering.py).

Social and health services fall under the light regime (1397/2016 sections 107–111), so the
county composes this negotiated procedure itself: a market dialogue and a second round are stages
only a composed procedure can hold. Every step goes through the services at the moment it
happened (demo/clock.py)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from coprocure.core import services as core
from coprocure.core.models import Organisation, Procurement, User
from coprocure.market_dialogue import services as dialogue
from coprocure.negotiation import services as negotiation
from coprocure.procedures import services
from coprocure.procedures.models import Stage

from .clock import at, moment
from .people import representative
from .procurements import t
from . import tendering
from .tendering import consent

# (kind, opens, closes): the published sequence, ending in the tender's own deadline.
STAGES = [
    ("market_dialogue", moment(2025, 10, 27, 9), moment(2025, 11, 14, 16)),
    ("participation_requests", moment(2025, 11, 17, 9), moment(2025, 12, 1, 12)),
    ("negotiation_round", moment(2025, 12, 8, 9), moment(2025, 12, 19, 12)),
    ("negotiation_round", moment(2026, 1, 7, 9), moment(2026, 1, 19, 12)),
    ("final_tenders", moment(2026, 2, 2, 9), tendering.DEADLINE),
]
MINUTE = timedelta(minutes=1)
OFFER = (t("Päihdekuntoutus ja asumisen tuki", "Missbrukarrehabilitering och boendestöd",
           "Substance-abuse rehabilitation and housing support"),
         t("Yhteisökoti, vertaisohjaajat ja kokemusasiantuntijat", "Gemenskapshem, kamratstödjare och erfarenhetsexperter",
           "A community home, peer instructors and experts by experience"))


def _compose(official: User, procurement: Procurement) -> list[Stage]:
    with at(moment(2025, 10, 20, 10)):
        stages = [services.add_stage(official, procurement, {"kind": kind, "opens_at": opens, "closes_at": closes})
                  for kind, opens, closes in STAGES]
        call = services.save_call(official, stages[1], {"min_candidates": 2, "max_candidates": 2,
                                                         "consortia_allowed": True})
        for text in (t("Voimassa oleva lupa päihdekuntoutukseen.", "Giltigt tillstånd för missbrukarrehabilitering.",
                       "A valid licence for substance-abuse rehabilitation."),
                     t("Vähintään kolmen vuoden kokemus aikuisten päihdepalveluista.",
                       "Minst tre års erfarenhet av missbrukartjänster för vuxna.",
                       "At least three years' experience of adult substance-abuse services.")):
            services.add_requirement(official, call, text)
        services.add_requirement(official, call, t(
            "Kokemusasiantuntijoiden ja vertaisten työ: kuinka monta, missä tehtävissä ja millä palkalla.",
            "Erfarenhetsexperters och kamraters arbete: hur många, i vilka uppgifter och med vilken lön.",
            "The work of experts by experience and peers: how many, in which tasks and how they are paid."),
            criterion=True)
        services.publish(official, procurement)
        dialogue.save_seats(official, stages[0], {"provider_seats": 6, "user_association_seats": 2})
    return stages


def run_stage(official: User, stage: Stage, body) -> None:
    """Open the stage at its time, do what happened in it, close it at its deadline."""
    with at(stage.opens_at + MINUTE):
        services.open_stage(official, stage)
    body(Stage.objects.get(pk=stage.pk))
    with at(stage.closes_at + MINUTE):
        services.close_stage(official, stage)


def open_by_two(official: User, second: User, box, opener, closes_at) -> None:
    """Two officials open a sealed box after its deadline: one asks, the other confirms."""
    with at(closes_at + 30 * MINUTE):
        opener(official, box)
    with at(closes_at + 45 * MINUTE):
        opener(second, box)


def _market_dialogue(stage: Stage, official: User, people: dict[str, User], objectives: list) -> None:
    with at(moment(2025, 10, 28, 10)):
        registrations = [dialogue.register(people[key], stage, {"contact_name": people[key].get_full_name(),
                                                                 "contact_email": people[key].email})
                         for key in ("kulma", "toipumo", "arjentuki", "vertaisvoima")]
    with at(moment(2025, 10, 29, 9)):
        for registration in registrations:
            dialogue.decide_registration(official, registration, True)
    with at(moment(2025, 11, 3, 14)):
        question = dialogue.ask(people["toipumo"], stage, {
            "text": "Voiko palvelun tuottaa usean palveluntuottajan ryhmittymä, jossa järjestö vastaa vertaistuesta?",
            "may_name_asker": True})
    with at(moment(2025, 11, 5, 11)):
        dialogue.answer(official, question, "Voi. Osallistumishakemuksen voi jättää ryhmittymä, jonka jäsenet ovat "
                                            "hyväksyneet kutsun. Jokaisen jäsenen tehtävä kerrotaan hakemuksessa.")
    with at(moment(2025, 11, 6, 12)):
        session = dialogue.add_session(official, stage, {
            "starts_at": moment(2025, 11, 6, 13), "place": "Tampereen pääkirjasto Metso, kokoushuone (esteetön)",
            "online": False, "agenda": "1. Palvelumuotoilun tavoitteet\n2. Vertaistuki iltaisin ja viikonloppuisin\n"
                                       "3. Ryhmittymät ja kumppanuussopimus"})
    with at(moment(2025, 11, 10, 10)):
        dialogue.publish_minutes(official, session, {
            "minutes": "Vertaisvoima ry kertoi, että ilta ja viikonloppu ovat toipujalle vaikeimpia aikoja. "
                       "Palveluntuottajat pitivät vertaistukea iltaisin mahdollisena, jos järjestöt ovat mukana "
                       "ryhmittymässä. Kaupunki kertoi pyytävänsä osallistumishakemuksia ryhmittymiltä.",
            "confidential_minutes": "Kulma Oy kertoi alustavasti henkilöstökuluistaan."})
    with at(moment(2025, 11, 12, 15)):
        dialogue.add_learning(official, stage, {
            "text": "Vertaistukea tarvitaan eniten iltaisin ja viikonloppuisin. Tavoite yhteisöstä ja "
                    "vertaistuesta joka päivä koskee siksi myös iltoja ja viikonloppuja, ja vertaistuen "
                    "laatuperuste arvioi sen.",
            "objectives": [objectives[0]], "documents_changed": "Palvelukuvaus: aukiolo"})


def _requests(stage: Stage, official: User, second: User, people: dict[str, User],
              consortia: dict[str, list]) -> None:
    call = stage.call
    evidence = {
        "kulma": ("Lupa 2019/118, Pirkanmaan hyvinvointialue.", "Päihdepalveluja vuodesta 2012.",
                  "Kaksi palkattua kokemusasiantuntijaa jokaisessa tiimissä, vertaisohjaajat yhteisökodissa."),
        "toipumo": ("Lupa 2015/42.", "Päihdekuntoutusta vuodesta 1998.",
                    "Vertaisryhmät kolmesti viikossa, kokemusasiantuntija vierailee tiimeissä."),
        "arjentuki": ("Lupa 2021/7.", "Asumisen tukea päihdeasiakkaille vuodesta 2020.",
                      "Vapaaehtoiset vertaiset kerran viikossa."),
    }
    for day, key in enumerate(("kulma", "toipumo", "arjentuki")):
        with at(moment(2025, 11, 24 + day, 10)):
            services.submit_request(people[key], call, {
                "evidence": {1: evidence[key][0], 2: f"{evidence[key][1]} {evidence[key][2]}"},
                "members": consortia[key]})
    open_by_two(official, second, call, services.open_requests, stage.closes_at)
    call.refresh_from_db()
    requests = {request.lead_id: request for request in call.requests.all()}
    with at(moment(2025, 12, 2, 10)):
        for request in requests.values():
            services.check_requirement(official, call, request.pk, 1, True, "Lupa tarkistettu lupavirastosta.")
            services.check_requirement(official, call, request.pk, 2, True, "Kokemus näkyy referensseistä.")
    reasons = {
        "kulma": (True, "Palkattuja kokemusasiantuntijoita jokaisessa tiimissä: valintaperuste täyttyy parhaiten."),
        "toipumo": (True, "Vertaisryhmät ja kokemusasiantuntijan työ tiimeissä: toiseksi paras valintaperusteessa."),
        "arjentuki": (False, "Vertaistuki vain vapaaehtoisten varassa kerran viikossa: kolmas valintaperusteessa, "
                             "ja neuvotteluihin kutsutaan kaksi."),
    }
    with at(moment(2025, 12, 3, 14)):
        services.decide_selection(official, call, {
            "candidates": {requests[people[key].organisation_id].pk: reason for key, reason in reasons.items()},
            "reasons": "Kaikki kolme ryhmittymää täyttävät soveltuvuusvaatimukset. Neuvotteluihin kutsutaan "
                       "ilmoitetusti kaksi, joiden kokemusasiantuntijoiden ja vertaisten työ on vahvinta.",
            "channel": "electronic"})


ROUNDS = [
    {"bids": {"kulma": ("24900000", "Yhteisökoti ja vertaisohjaajat joka päivä klo 8–20; kaksi kokemusasiantuntijaa tiimissä."),
              "toipumo": ("22800000", "Vertaisryhmät kolmesti viikossa; kokemusasiantuntija tiimeissä kuukausittain.")},
     "meeting": moment(2025, 12, 22, 10),
     "minutes": {"kulma": "Käytiin läpi alustava tarjous. Asiakasedustaja kysyi, miten iltaisin pääsee yhteisökotiin "
                          "ilman ajanvarausta. Ryhmittymä selvittää aukiolon pidentämistä klo 22:een.",
                 "toipumo": "Käytiin läpi alustava tarjous. Asiakasedustaja toivoi vertaistukea myös viikonloppuisin. "
                            "Säätiö harkitsee viikonlopun vertaisryhmää."},
     "information": "Molemmille ehdokkaille: aukiolon pidentäminen iltaan ja viikonloppuihin on mahdollista ottaa "
                    "mukaan tarkistettuun tarjoukseen. Hinnat esitetään koko sopimuskaudelle."},
    {"bids": {"kulma": ("23600000", "Yhteisökoti ja vertaisohjaajat joka päivä klo 8–22, myös viikonloppuisin."),
              "toipumo": ("22100000", "Vertaisryhmät kolmesti viikossa ja lauantaisin; kokemusasiantuntija tiimeissä.")},
     "meeting": moment(2026, 1, 21, 10),
     "minutes": {"kulma": "Tarkistettu tarjous käytiin läpi. Asiakasedustaja piti iltojen ja viikonloppujen aukioloa "
                          "tärkeimpänä muutoksena. Kokemusasiantuntijoiden palkkaus kirjataan sopimukseen.",
                 "toipumo": "Tarkistettu tarjous käytiin läpi. Asiakasedustaja kysyi, miksi kokemusasiantuntija käy "
                            "tiimeissä vain kuukausittain. Säätiö vastasi, ettei se laajenna tätä."},
     "information": "Molemmille ehdokkaille: neuvottelut päättyvät. Kutsu lopullisten tarjousten jättämiseen "
                    "lähetetään, kun viimeinen vaihe avautuu 2.2.2026."},
]


def _round(stage: Stage, round_: dict, official: User, second: User, people: dict[str, User], client: User) -> None:
    box = stage.sealed_round
    for hours, (key, (price, offer)) in enumerate(round_["bids"].items()):
        with at(stage.closes_at - timedelta(days=3, hours=hours)):
            services.submit_round_bid(people[key], box, {"price": Decimal(price), "offer": offer})
    open_by_two(official, second, box, services.open_round_bids, stage.closes_at)
    for hours, key in enumerate(round_["minutes"]):
        starts = round_["meeting"] + timedelta(hours=3 * hours)
        with at(starts - timedelta(days=2)):
            meeting = negotiation.add_meeting(official, stage, {
                "organisation": people[key].organisation_id, "starts_at": starts,
                "place": "Tampereen kaupungintalo, neuvotteluhuone 2", "online": False,
                "participants": f"Hanna Virtanen, Ville Koivisto (kaupunki); {people[key].get_full_name()} "
                                f"({people[key].organisation.name}); Tiina Järvinen (asiakasedustaja)"})
            negotiation.name_representative(official, meeting, {
                "person": client, "commitment_signed_on": date(2025, 12, 18), "commitment_version": "1.0"})
        with at(starts + timedelta(days=1)):
            negotiation.write_minutes(official, meeting, {
                "minutes": round_["minutes"][key],
                "confidential_minutes": "Hinnoittelun yksityiskohdat käsiteltiin ilman asiakasedustajaa."})
        with at(starts + timedelta(days=3)):
            negotiation.respond_to_minutes(people[key], meeting, True)
    with at(round_["meeting"] + timedelta(days=4)):
        negotiation.send_information(official, stage, round_["information"])


def substance_abuse(procurement: Procurement, users: dict[str, User], organisations: dict[str, Organisation],
                    objectives: list) -> None:
    official = users["virkailija"]
    second = users["hankinta"]
    core.assign_role(official, procurement, second, "official")
    people = {"kulma": users["tuottaja"],
              **{key: representative(f"{key}-demo", organisations[key])
                 for key in ("toipumo", "arjentuki", "vertaisvoima")}}
    consortia = {
        "kulma": [(organisations["sillanrakentajat"], "Yhteisökoti ja vertaisohjaajat"),
                  (organisations["vertaisvoima"], "Kokemusasiantuntijoiden koulutus ja työnohjaus")],
        "toipumo": [(organisations["uusisuunta"], "Asumisen tuki")],
        "arjentuki": [(organisations["kotipolku"], "Vapaaehtoiset vertaiset")],
    }
    for key, members in consortia.items():
        consent(people[key], procurement, members, moment(2025, 11, 20, 12), OFFER)
    stages = _compose(official, procurement)
    run_stage(official, stages[0], lambda stage: _market_dialogue(stage, official, people, objectives))
    run_stage(official, stages[1], lambda stage: _requests(stage, official, second, people, consortia))
    tender = tendering.invitation_to_tender(procurement, users, objectives)
    run_stage(official, stages[2], lambda stage: _round(stage, ROUNDS[0], official, second, people, users["asiakas"]))
    tendering.expert_edit(users, tender)

    def second_round(stage: Stage) -> None:
        with at(stage.opens_at + timedelta(hours=1)):
            negotiation.publish_tender_change(official, stage, "service_description")
        _round(stage, ROUNDS[1], official, second, people, users["asiakas"])

    run_stage(official, stages[3], second_round)
    bids = []

    def final(stage: Stage) -> None:
        with at(stage.opens_at + timedelta(hours=1)):
            services.invite_final_tenders(official, stage, {"message": (
                "Kutsumme teidät jättämään lopullisen tarjouksen tarjouspyynnön mukaisesti 16.2.2026 klo 12 mennessä. "
                "Palvelukuvauksesta on voimassa toinen versio.")})
        bids.extend(tendering.final_tenders(tender, users, organisations))

    run_stage(official, stages[4], final)
    tendering.award(tender, users, bids)
