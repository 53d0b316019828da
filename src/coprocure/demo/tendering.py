"""The substance-abuse procurement's tendering history: insights from service design, the
objectives agreed in a panel, quality criteria drawn from them, the invitation to tender sent to
the selected candidates, the final tenders of the two consortia, blind scores by a staff
evaluator and an expert by experience, and the published award. The service description was
written with an expert by experience and published twice (the second version as a change told to
every candidate during the negotiation, demo/negotiated.py); the minimum requirements once.

The tender is historical: every step goes through the services at the moment it happened
(demo/clock.py), so the published comparison carries the bids' own submission times.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from coprocure.core import services as core
from coprocure.core.models import Organisation, Procurement, User
from coprocure.participation import services as participation
from coprocure.partners.models import ConsortiumInvitation, ExpressionOfInterest
from coprocure.tendering import services
from coprocure.tendering.models import AwardDecision, Bid, Tender

from .clock import at, moment
from .people import representative
from .procurements import t

DEADLINE = moment(2026, 2, 16, 12)
DECIDED_ON = date(2026, 3, 9)


def _insights(official: User, procurement: Procurement) -> list:
    statements = [
        t("Toipuminen onnistuu yhteisössä: yksin jääminen vie takaisin päihteisiin.",
          "Återhämtning lyckas i gemenskap: ensamhet leder tillbaka till missbruk.",
          "Recovery works in a community: being left alone leads back to substance use."),
        t("Kokemusasiantuntijat ymmärtävät ja heihin luotetaan.",
          "Erfarenhetsexperter förstår och man litar på dem.",
          "Experts by experience understand, and people trust them."),
        t("Vertaistukea pitää saada silloinkin, kun palvelu on kiinni.",
          "Kamratstöd behövs också när tjänsten är stängd.",
          "Peer support is needed also when the service is closed."),
    ]
    return [participation.create_insight(official, procurement, {"statement": statement, "themes": ["yhteisö"]})
            for statement in statements]


def _objectives(official: User, procurement: Procurement, insights: list) -> list:
    agreed = t("Sovittu palvelumuotoilun paneelissa, jossa oli kokemusasiantuntijoita, vertaisia ja työntekijöitä.",
               "Överenskommet i en panel i tjänstedesignen med erfarenhetsexperter, kamrater och personal.",
               "Agreed in a service-design panel of experts by experience, peers and staff.")
    community = services.create_objective(official, procurement, {
        "statement": t("Asiakas kuuluu yhteisöön ja saa vertaistukea joka päivä.",
                       "Klienten hör till en gemenskap och får kamratstöd varje dag.",
                       "The client belongs to a community and gets peer support every day."),
        "insights": [insights[0], insights[2]], "agreed_how": agreed, "agreed_on": date(2025, 10, 14),
    })
    experts = services.create_objective(official, procurement, {
        "statement": t("Kokemusasiantuntijat työskentelevät palvelussa ammattilaisten rinnalla.",
                       "Erfarenhetsexperter arbetar i tjänsten vid sidan av yrkesfolk.",
                       "Experts by experience work in the service alongside professionals."),
        "insights": [insights[1]], "agreed_how": agreed, "agreed_on": date(2025, 10, 14),
    })
    return [community, experts]


def _tender(official: User, procurement: Procurement, objectives: list) -> Tender:
    tender = services.save_tender(official, procurement, {
        "service_description": t(
            "Aikuisten päihdekuntoutus yhteisöllisenä palveluna Tampereella: matalan kynnyksen tuki, kuntoutus ja asumisen tuki.",
            "Rehabilitering för vuxna med missbruk som en gemenskapsbaserad tjänst i Tammerfors: lågtröskelstöd, rehabilitering och boendestöd.",
            "Adult substance-abuse rehabilitation as a community-based service in Tampere: low-threshold support, rehabilitation and housing support."),
        "deadline": DEADLINE, "consortia_allowed": True,
        "quality_method": "absolute", "tie_rule": "quality_then_earlier", "price_weight": Decimal("40"),
    })
    services.add_criterion(official, tender, {
        "name": t("Yhteisö ja vertaistuki", "Gemenskap och kamratstöd", "Community and peer support"),
        "description": t("Miten asiakas saa vertaistukea joka päivä, myös iltaisin ja viikonloppuisin.",
                         "Hur klienten får kamratstöd varje dag, också kvällar och veckoslut.",
                         "How the client gets peer support every day, also in the evenings and at weekends."),
        "weight": Decimal("35"), "scale_max": 5,
        "levels": {"0": "Ei vertaistukea", "3": "Vertaistukea arkisin", "5": "Vertaistukea joka päivä"},
        "objectives": [objectives[0]],
    })
    services.add_criterion(official, tender, {
        "name": t("Kokemusasiantuntijuus", "Erfarenhetsexpertis", "Expertise by experience"),
        "description": t("Kuinka kokemusasiantuntijat työskentelevät tiimeissä ja miten heille maksetaan.",
                         "Hur erfarenhetsexperter arbetar i teamen och hur de får betalt.",
                         "How experts by experience work in the teams and how they are paid."),
        "weight": Decimal("25"), "scale_max": 5,
        "levels": {"0": "Ei kokemusasiantuntijoita", "5": "Palkattuja kokemusasiantuntijoita jokaisessa tiimissä"},
        "objectives": [objectives[1]],
    })
    return services.publish_tender(official, tender)


def _documents(official: User, tender: Tender) -> None:
    """The service description's first version and the minimum requirements."""
    services.add_section(official, tender, "service_description", {
        "heading": t("Palvelun tavoite", "Tjänstens mål", "Aim of the service"),
        "text": t("Asiakas pääsee kuntoutukseen ilman jonoa ja saa vertaistukea koko kuntoutuksen ajan.",
                  "Klienten kommer till rehabilitering utan kö och får kamratstöd under hela rehabiliteringen.",
                  "The client gets into rehabilitation without a queue and has peer support throughout."),
    })
    services.add_section(official, tender, "service_description", {
        "heading": t("Aukiolo", "Öppettider", "Opening hours"),
        "text": t("Yhteisökoti on auki arkisin klo 8–16.", "Gemenskapshemmet är öppet vardagar kl. 8–16.",
                  "The community home is open on weekdays from 8 to 16."),
    })
    services.publish_document(official, tender, "service_description")
    for heading, text in (
        (t("Toimilupa", "Tillstånd", "Licence"),
         t("Palveluntuottajalla on voimassa oleva lupa päihdekuntoutukseen.",
           "Tjänsteproducenten har ett giltigt tillstånd för missbrukarrehabilitering.",
           "The provider holds a valid licence for substance-abuse rehabilitation.")),
        (t("Pääsy ilman jonoa", "Tillträde utan kö", "Access without a queue"),
         t("Asiakas pääsee aloittamaan kuntoutuksen viimeistään seitsemän päivän kuluttua.",
           "Klienten kan börja rehabiliteringen senast sju dagar efter beslutet.",
           "The client can start rehabilitation within seven days.")),
    ):
        services.add_section(official, tender, "minimum_requirements", {"heading": heading, "text": text})
    services.publish_document(official, tender, "minimum_requirements")


def invitation_to_tender(procurement: Procurement, users: dict[str, User], objectives: list) -> Tender:
    """Sent to the selected candidates before the first round: the tender whose deadline is the
    final tenders' (the published procedure's), its criteria and documents."""
    official = users["virkailija"]
    with at(moment(2025, 12, 5, 10)):
        tender = _tender(official, procurement, objectives)
        _documents(official, tender)
    return tender


def expert_edit(users: dict[str, User], tender: Tender) -> None:
    """After the first round the expert by experience widens the opening hours in the draft; the
    negotiation publishes it as the second version (demo/negotiated.py)."""
    official, expert = users["virkailija"], users["kokemus"]
    goal, hours = tender.documents.get(kind="service_description").sections.order_by("number")
    with at(moment(2025, 12, 30, 10)):
        services.comment_section(expert, hours, "Illat ja viikonloput ovat vaikeimpia. Silloin tukea tarvitaan eniten.")
        services.update_section(expert, hours, {
            "heading": hours.heading,
            "text": t("Yhteisökoti on auki joka päivä klo 8–22, myös viikonloppuisin.",
                      "Gemenskapshemmet är öppet varje dag kl. 8–22, också veckoslut.",
                      "The community home is open every day from 8 to 22, at weekends too."),
        })
        services.comment_section(official, goal, "Jonoton pääsy kirjataan myös vähimmäisvaatimuksiin.")


def consent(lead: User, procurement: Procurement, members: list, formed_at: datetime, offer: tuple[dict, dict]) -> None:
    """Nobody is made a consortium member without consent: each member's own representative
    accepted the lead's invitation before the request to participate (``offer``: what the lead
    can provide and what it looks for). The procurement has moved
    past the phases in which the partners' services take expressions of interest, so this history
    is written with model writes, dated when it happened."""
    interest = ExpressionOfInterest.objects.create(
        procurement=procurement, organisation=lead.organisation,
        can_provide=offer[0], looking_for=offer[1], formed_at=formed_at,
    )
    for organisation, role in members:
        ConsortiumInvitation.objects.create(interest=interest, organisation=organisation, role=role,
                                            accepted_at=formed_at - timedelta(days=2))


def preparation(procurement: Procurement, users: dict[str, User]) -> list:
    """Service design's insights and the objectives agreed from them, before the procedure."""
    official = users["virkailija"]
    with at(moment(2025, 10, 14, 15)):
        return _objectives(official, procurement, _insights(official, procurement))


def final_tenders(tender: Tender, users: dict[str, User], organisations: dict[str, Organisation]) -> list[Bid]:
    """The two invited candidates' final tenders, each consortium with the members named in its request."""
    criteria = list(tender.criteria.all())
    with at(DEADLINE - timedelta(days=3, hours=2)):
        consortium = services.submit_bid(users["tuottaja"], tender, {
            "price": Decimal("23400000"),
            "answers": {criteria[0].key: "Vertaisohjaajat ja yhteisökoti ovat auki joka päivä klo 8–22.",
                        criteria[1].key: "Jokaisessa tiimissä on kaksi palkattua kokemusasiantuntijaa."},
            "members": [(organisations["sillanrakentajat"], "Yhteisökoti ja vertaisohjaajat"),
                        (organisations["vertaisvoima"], "Kokemusasiantuntijoiden koulutus ja työnohjaus")],
        })
    with at(DEADLINE - timedelta(days=1, hours=5)):
        single = services.submit_bid(representative("toipumo-demo", organisations["toipumo"]), tender, {
            "price": Decimal("21900000"),
            "answers": {criteria[0].key: "Vertaisryhmät kolmesti viikossa.",
                        criteria[1].key: "Kokemusasiantuntija vierailee tiimeissä kuukausittain."},
            "members": [(organisations["uusisuunta"], "Asumisen tuki")],
        })
    return [consortium, single]


def award(tender: Tender, users: dict[str, User], bids: list[Bid]) -> None:
    """Two officials open the final tenders, the panel scores them blind, the award is published
    and the losing bidder's request for rectification is answered."""
    official, procurement = users["virkailija"], tender.procurement
    consortium, single = bids
    criteria = list(tender.criteria.all())
    with at(DEADLINE + timedelta(minutes=30)):
        services.open_bids(official, tender)
    with at(DEADLINE + timedelta(minutes=45)):
        services.open_bids(users["hankinta"], tender)

    # The panel: a staff evaluator and an expert by experience, who declare before scoring.
    panel = [users["arvioija"], users["kokemus"]]
    scores = {
        (consortium.pk, 0): ((Decimal(5), "Vertaistukea joka päivä myös iltaisin."), (Decimal(5), "Juuri sitä mitä toivoimme.")),
        (consortium.pk, 1): ((Decimal(4), "Kaksi kokemusasiantuntijaa tiimissä."), (Decimal(5), "Palkattu työ, ei vapaaehtoisuutta.")),
        (single.pk, 0): ((Decimal(3), "Ryhmät vain kolmesti viikossa."), (Decimal(2), "Viikonloput jäävät tyhjiksi.")),
        (single.pk, 1): ((Decimal(2), "Vierailut harvoin."), (Decimal(2), "Kerran kuussa ei riitä.")),
    }
    with at(moment(2026, 2, 23, 10)):
        for person in panel:
            core.assign_role(official, procurement, person, "evaluator")
            services.declare_conflict(person, tender, False)
        for (bid_pk, index), pair in scores.items():
            bid = Bid.objects.get(pk=bid_pk)
            for person, (value, justification) in zip(panel, pair):
                services.record_score(person, bid, criteria[index], value, justification)
            if (bid_pk, index) == (consortium.pk, 1):
                services.settle_score(official, bid, criteria[index], Decimal(5),
                                      "Paneeli totesi yhdessä, että palkatut kokemusasiantuntijat täyttävät tason 5 kuvauksen.")
            else:
                services.settle_score(official, bid, criteria[index])
    with at(moment(2026, 3, 9, 14)):
        decision = services.decide_award(official, tender, {
            "accountable_official": official, "decided_on": DECIDED_ON,
            "reasons": t("Ryhmittymän tarjous oli kokonaistaloudellisesti edullisin: laatu vastasi käyttäjien toiveita parhaiten.",
                         "Gruppens anbud var det ekonomiskt mest fördelaktiga: kvaliteten motsvarade användarnas önskemål bäst.",
                         "The consortium's bid was the most economically advantageous: its quality best met the users' wishes."),
        })
        services.publish_award(official, decision)
    _complaint(official, decision, single.submitted_by)


def _complaint(official: User, decision: AwardDecision, bidder: User) -> None:
    """The losing bidder's request for rectification, answered during the standstill."""
    with at(moment(2026, 3, 13, 11)):
        complaint = services.file_complaint(bidder, decision, {
            "kind": "rectification_request",
            "grounds": "Laatupisteissä kokemusasiantuntijoiden taso 5 annettiin ryhmittymälle, vaikka "
                       "tarjous ei kerro heidän koulutuksestaan.",
        })
    with at(moment(2026, 3, 19, 11)):
        services.answer_complaint(official, complaint, {
            "outcome": "rejected",
            "answer": "Tason 5 kuvaus edellyttää palkattuja kokemusasiantuntijoita jokaisessa tiimissä, ja ryhmittymän "
                      "tarjous lupaa kaksi kuhunkin tiimiin. Paneelin yhteinen pistemäärä on perusteltu, joten päätös pysyy.",
        })
