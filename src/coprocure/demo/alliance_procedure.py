"""How Espoo chose its housing-support alliance "through a negotiated procedure" (issue 21): the
negotiated procedure's default sequence published, requests to participate from the providers'
group and from a single provider, the checks and the selection decision, and a negotiation round
with the group's sealed initial bid and a meeting whose minutes the group confirms. What the
parties then agreed (the target cost, the KRAs and the operating model) is the alliance's
development phase (demo/alliance.py). Written through the services at the moments it happened
(demo/clock.py)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from coprocure.core import services as core
from coprocure.core.models import Organisation, Procurement, User
from coprocure.negotiation import services as negotiation
from coprocure.procedures import services
from coprocure.procedures.models import Stage

from .clock import at, moment
from .negotiated import open_by_two, run_stage
from .procurements import t
from .tendering import consent

OFFER = (t("Asumisen tuki, yöaikainen tuki ja vertaistuki", "Boendestöd, stöd nattetid och kamratstöd",
           "Housing support, support at night and peer support"),
         t("Allianssin osapuolet", "Alliansens parter", "The alliance's parties"))
MEMBERS = {"polku": "Nuorten asumisen tuki", "kotisatama": "Tuettu asuminen ja yöaikainen tuki",
           "kotipolku": "Vertaistuki ja asukastoiminta"}


def _second_official(official: User, procurement: Procurement) -> User:
    """The county's second official, who confirms the openings; this history's, not a demo login."""
    second = User(username="espoo-hankinta", first_name="Pekka", last_name="Rinne", position="official",
                  organisation=official.organisation, email="espoo-hankinta@demo.invalid")
    second.set_unusable_password()
    second.save()
    core.assign_role(official, procurement, second, "official")
    return second


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
    starts = stage.closes_at + timedelta(days=1, hours=-3)
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


def housing_alliance(procurement: Procurement, official: User, lead: User, single: User,
                     organisations: dict[str, Organisation]) -> None:
    members = [(organisations[key], role) for key, role in MEMBERS.items()]
    consent(lead, procurement, members, moment(2024, 8, 30, 12), OFFER)
    second = _second_official(official, procurement)
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
    run_stage(official, stages[1], lambda stage: _round(stage, official, second, lead))
