"""The substance-abuse procurement's tendering history: insights from service design, the
objectives agreed in a panel, quality criteria drawn from them, two bids (one from a
consortium), blind scores by a staff evaluator and an expert by experience, and the
published award. The service description was written with an expert by experience and
published twice; the minimum requirements once.

The tender is historical: it is written through the services (which refuse past deadlines),
and then its dates are moved into the past with model writes before each step that reads them,
so the published comparison carries the same submission times as the bids.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from coprocure.core import services as core
from coprocure.core.models import Organisation, Procurement, User
from coprocure.participation import services as participation
from coprocure.partners.models import ConsortiumInvitation, ExpressionOfInterest
from coprocure.tendering import services
from coprocure.tendering.models import AwardDecision, Bid, Complaint, DocumentVersion, Tender

from .procurements import t

HELSINKI = ZoneInfo("Europe/Helsinki")
DEADLINE = datetime(2026, 2, 16, 12, 0, tzinfo=HELSINKI)
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
        "deadline": timezone.now() + timedelta(days=1), "consortia_allowed": True,
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


def _documents(official: User, expert: User, tender: Tender) -> None:
    """The service description co-written with an expert by experience (two versions, the second
    widening the opening hours after the expert's comment) and the minimum requirements."""
    goal = services.add_section(official, tender, "service_description", {
        "heading": t("Palvelun tavoite", "Tjänstens mål", "Aim of the service"),
        "text": t("Asiakas pääsee kuntoutukseen ilman jonoa ja saa vertaistukea koko kuntoutuksen ajan.",
                  "Klienten kommer till rehabilitering utan kö och får kamratstöd under hela rehabiliteringen.",
                  "The client gets into rehabilitation without a queue and has peer support throughout."),
    })
    hours = services.add_section(official, tender, "service_description", {
        "heading": t("Aukiolo", "Öppettider", "Opening hours"),
        "text": t("Yhteisökoti on auki arkisin klo 8–16.", "Gemenskapshemmet är öppet vardagar kl. 8–16.",
                  "The community home is open on weekdays from 8 to 16."),
    })
    services.publish_document(official, tender, "service_description")
    services.comment_section(expert, hours, "Illat ja viikonloput ovat vaikeimpia. Silloin tukea tarvitaan eniten.")
    services.update_section(expert, hours, {
        "heading": hours.heading,
        "text": t("Yhteisökoti on auki joka päivä klo 8–22, myös viikonloppuisin.",
                  "Gemenskapshemmet är öppet varje dag kl. 8–22, också veckoslut.",
                  "The community home is open every day from 8 to 22, at weekends too."),
    })
    services.comment_section(official, goal, "Jonoton pääsy kirjataan myös vähimmäisvaatimuksiin.")
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
    for number, days_before in ((1, 50), (2, 40)):
        DocumentVersion.objects.filter(document__tender=tender, document__kind="service_description", number=number).update(
            published_at=DEADLINE - timedelta(days=days_before))
    DocumentVersion.objects.filter(document__tender=tender, document__kind="minimum_requirements").update(
        published_at=DEADLINE - timedelta(days=50))


def _consent(lead: User, procurement: Procurement, members: list) -> None:
    """Nobody is made a consortium member without consent: each member's own representative
    accepted the lead's invitation before the bid. The procurement has moved past the phases in
    which the partners' services take expressions of interest, so this history is written with
    model writes, dated before the deadline."""
    interest = ExpressionOfInterest.objects.create(
        procurement=procurement, organisation=lead.organisation,
        can_provide=t("Päihdekuntoutus ja asumisen tuki", "Missbrukarrehabilitering och boendestöd",
                      "Substance-abuse rehabilitation and housing support"),
        looking_for=t("Yhteisökoti, vertaisohjaajat ja kokemusasiantuntijat",
                      "Gemenskapshem, kamratstödjare och erfarenhetsexperter",
                      "A community home, peer instructors and experts by experience"),
        formed_at=DEADLINE - timedelta(days=10),
    )
    for organisation, role in members:
        ConsortiumInvitation.objects.create(interest=interest, organisation=organisation, role=role,
                                            accepted_at=DEADLINE - timedelta(days=12))


def _bidder(name: str, organisation: Organisation) -> User:
    """A provider's representative for the demo history; they cannot sign in."""
    user = User(username=name, first_name="Demo", last_name=organisation.name, organisation=organisation,
                position="representative")
    user.set_unusable_password()
    user.save()
    return user


def substance_abuse(procurement: Procurement, users: dict[str, User], organisations: dict[str, Organisation]) -> Tender:
    official = users["virkailija"]
    insights = _insights(official, procurement)
    objectives = _objectives(official, procurement, insights)
    tender = _tender(official, procurement, objectives)
    _documents(official, users["kokemus"], tender)
    criteria = list(tender.criteria.all())

    _consent(users["tuottaja"], procurement, [
        (organisations["sillanrakentajat"], "Yhteisökoti ja vertaisohjaajat"),
        (organisations["vertaisvoima"], "Kokemusasiantuntijoiden koulutus ja työnohjaus")])
    consortium = services.submit_bid(users["tuottaja"], tender, {
        "price": Decimal("23400000"),
        "answers": {criteria[0].key: "Vertaisohjaajat ja yhteisökoti ovat auki joka päivä klo 8–22.",
                    criteria[1].key: "Jokaisessa tiimissä on kaksi palkattua kokemusasiantuntijaa."},
        "members": [(organisations["sillanrakentajat"], "Yhteisökoti ja vertaisohjaajat"),
                    (organisations["vertaisvoima"], "Kokemusasiantuntijoiden koulutus ja työnohjaus")],
    })
    single = services.submit_bid(_bidder("toipumo-demo", organisations["toipumo"]), tender, {
        "price": Decimal("21900000"),
        "answers": {criteria[0].key: "Vertaisryhmät kolmesti viikossa.",
                    criteria[1].key: "Kokemusasiantuntija vierailee tiimeissä kuukausittain."},
    })
    Bid.objects.filter(pk=consortium.pk).update(submitted_at=DEADLINE - timedelta(days=3, hours=2))
    Bid.objects.filter(pk=single.pk).update(submitted_at=DEADLINE - timedelta(days=1, hours=5))
    Tender.objects.filter(pk=tender.pk).update(deadline=DEADLINE, published_at=DEADLINE - timedelta(days=45))
    tender.refresh_from_db()
    # Two officials of the authority open the bids: one asks, the other confirms.
    core.assign_role(official, procurement, users["hankinta"], "official")
    services.open_bids(official, tender)
    services.open_bids(users["hankinta"], tender)
    Tender.objects.filter(pk=tender.pk).update(opened_at=DEADLINE + timedelta(minutes=30))

    # The panel: a staff evaluator and an expert by experience, who declare before scoring.
    panel = [users["arvioija"], users["kokemus"]]
    for person in panel:
        core.assign_role(official, procurement, person, "evaluator")
        services.declare_conflict(person, tender, False)
    scores = {
        (consortium.pk, 0): ((Decimal(5), "Vertaistukea joka päivä myös iltaisin."), (Decimal(5), "Juuri sitä mitä toivoimme.")),
        (consortium.pk, 1): ((Decimal(4), "Kaksi kokemusasiantuntijaa tiimissä."), (Decimal(5), "Palkattu työ, ei vapaaehtoisuutta.")),
        (single.pk, 0): ((Decimal(3), "Ryhmät vain kolmesti viikossa."), (Decimal(2), "Viikonloput jäävät tyhjiksi.")),
        (single.pk, 1): ((Decimal(2), "Vierailut harvoin."), (Decimal(2), "Kerran kuussa ei riitä.")),
    }
    for (bid_pk, index), pair in scores.items():
        bid = Bid.objects.get(pk=bid_pk)
        for person, (value, justification) in zip(panel, pair):
            services.record_score(person, bid, criteria[index], value, justification)
        if (bid_pk, index) == (consortium.pk, 1):
            services.settle_score(official, bid, criteria[index], Decimal(5),
                                  "Paneeli totesi yhdessä, että palkatut kokemusasiantuntijat täyttävät tason 5 kuvauksen.")
        else:
            services.settle_score(official, bid, criteria[index])

    decision = services.decide_award(official, tender, {
        "accountable_official": official, "decided_on": DECIDED_ON,
        "reasons": t("Ryhmittymän tarjous oli kokonaistaloudellisesti edullisin: laatu vastasi käyttäjien toiveita parhaiten.",
                     "Gruppens anbud var det ekonomiskt mest fördelaktiga: kvaliteten motsvarade användarnas önskemål bäst.",
                     "The consortium's bid was the most economically advantageous: its quality best met the users' wishes."),
    })
    services.publish_award(official, decision)
    type(decision).objects.filter(pk=decision.pk).update(
        published_at=datetime(2026, 3, 9, 14, 0, tzinfo=HELSINKI))
    _complaint(official, decision, single.submitted_by)
    return tender


def _complaint(official: User, decision: AwardDecision, bidder: User) -> None:
    """The losing bidder's request for rectification, answered during the standstill.

    The services date a complaint today and accept it only within the complaint days, so the
    decision is dated today while the complaint is written, and every date is then put back.
    """
    AwardDecision.objects.filter(pk=decision.pk).update(decided_on=timezone.localdate(), sent_on=timezone.localdate())
    complaint = services.file_complaint(bidder, decision, {
        "kind": "rectification_request",
        "grounds": "Laatupisteissä kokemusasiantuntijoiden taso 5 annettiin ryhmittymälle, vaikka "
                   "tarjous ei kerro heidän koulutuksestaan.",
    })
    services.answer_complaint(official, complaint, {
        "outcome": "rejected",
        "answer": "Tason 5 kuvaus edellyttää palkattuja kokemusasiantuntijoita jokaisessa tiimissä, ja ryhmittymän "
                  "tarjous lupaa kaksi kuhunkin tiimiin. Paneelin yhteinen pistemäärä on perusteltu, joten päätös pysyy.",
    })
    AwardDecision.objects.filter(pk=decision.pk).update(decided_on=DECIDED_ON, sent_on=DECIDED_ON)
    Complaint.objects.filter(pk=complaint.pk).update(
        filed_on=DECIDED_ON + timedelta(days=4), answered_on=DECIDED_ON + timedelta(days=10))
