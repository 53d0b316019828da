"""Demo contract period: the substance-abuse partnership with a year of steering and three
years of monthly outcomes, and the housing alliance made from its award (its KRAs are agreed in its
development phase, demo/alliance.py). Written through the services."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from coprocure.contracts import award, services
from coprocure.participation import services as participation
from coprocure.contracts.models import Contract
from coprocure.core.models import Organisation, Procurement, User
from coprocure.tendering.models import AwardDecision

from .clock import at, moment
from .procurements import t

MONTHS = 36


def _months_back(today: date, months: int) -> date:
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def substance_abuse(procurement: Procurement, users: dict[str, User], organisations: dict[str, Organisation]) -> Contract:
    official, staff, provider = users["virkailija"], users["valmistelija"], users["tuottaja"]
    today = timezone.localdate()
    starts_on = _months_back(today, MONTHS)
    # The contract comes from the published award, as in the product: the winning consortium
    # (Kulma, Sillanrakentajat, Vertaisvoima) becomes its parties, each member with its role.
    decision = AwardDecision.objects.get(tender__procurement=procurement)
    contract = award.conclude_award(official, decision, {
        "kind": "partnership",
        "title": t("Päihdepalvelujen kumppanuussopimus", "Partnerskapsavtal om missbrukartjänster",
                   "Partnership contract for substance-abuse services"),
        "description": t(
            "Pitkäkestoinen kumppanuus: palvelua kehitetään jatkuvasti yhdessä asiakkaiden, kokemusasiantuntijoiden ja vertaisten kanssa.",
            "Ett långsiktigt partnerskap: tjänsten utvecklas fortlöpande tillsammans med klienter, erfarenhetsexperter och kamrater.",
            "A long-term partnership: the service is developed continuously with clients, experts by experience and peers.",
        ),
        "starts_on": starts_on, "ends_on": date(starts_on.year + 5, starts_on.month, 1) - timedelta(days=1),
        "options": t("Kaksi yhden vuoden optiota.", "Två optioner på ett år.", "Two one-year options."),
    })
    services.add_document(official, contract, {"title": "Kumppanuussopimus (PDF)", "url": "https://example.org/demo/kumppanuussopimus.pdf"})
    services.add_document(official, contract, {"title": "Palvelukuvaus selkokielellä", "url": "https://example.org/demo/palvelukuvaus-selko.pdf"})

    term_ends = date(today.year + 1, 12, 31)
    member = _member_adder(official, contract, today - timedelta(days=400), term_ends)
    chair = member("Hanna Virtanen", "chair", user=official, organisation=official.organisation)
    member("Mikko Laine", "secretary", user=staff, organisation=staff.organisation)
    member("Jari Heikkinen", "provider_representative", user=provider, organisation=organisations["kulma"])
    member("Outi Saarinen", "provider_representative", organisation=organisations["sillanrakentajat"])
    sari = member("Sari Koskinen", "client_representative", user=users["kokemus"])
    mika = member("Mika Rantanen", "client_representative")
    member("Leena Aho", "client_representative", deputy_for=sari)
    antti = member("Antti Mäkelä", "peer", user=users["vertainen"])
    compensated = (sari, mika, antti)

    kras = _substance_abuse_kras(official, contract)
    _monthly_outcomes(provider, contract, starts_on)
    meetings = _meetings(official, contract, today, [chair, sari, mika, antti], compensated)
    _decisions_and_backlog(official, contract, meetings, kras, {"chair": chair, "sari": sari, "mika": mika})
    _user_reported(official, staff, contract, kras[0])
    return contract


def _user_reported(official, staff, contract, kra):
    """A user-reported indicator: one Likert question asked again every month, this month's
    round answered by eight clients and next month's round already open."""
    indicator = services.add_indicator(official, kra, {
        "code": "asiakaskokemus", "name": t("Asiakkaiden arvio avusta (1–5)", "Klienternas bedömning av hjälpen (1–5)",
                                            "Clients' rating of the help (1–5)"),
        "unit": "score", "direction": "higher_is_better", "baseline": None, "minimum": Decimal("3"),
        "target": Decimal("3.8"), "excellent": Decimal("4.5"), "frequency": "monthly", "data_source": "survey",
        "reported_by": None,
    })
    activity = participation.create_activity(staff, contract.procurement, {
        "kind": "survey", "phase": "contract",
        "title": t("Kuukausikysely asiakkaille", "Månadsenkät för klienter", "Monthly survey for clients"),
        "setting": "online", "plain_language": True, "languages": ["fi", "sv", "en"],
    })
    today = timezone.localdate()
    survey = participation.create_survey(staff, activity, {
        "title": t("Miten sait apua tässä kuussa?", "Hur fick du hjälp den här månaden?", "How did you get help this month?"),
        "intro": t("Yksi kysymys. Vastaat nimettömänä.", "En fråga. Du svarar anonymt.", "One question. You answer anonymously."),
        "opens_at": timezone.now() - timedelta(days=1), "closes_at": timezone.now() + timedelta(days=40),
        "mode": "anonymous", "k_threshold": 5,
    })
    question = participation.add_question(staff, survey, {
        "kind": "likert", "required": True,
        "text": t("Miten hyvin sait apua tässä kuussa?", "Hur bra fick du hjälp den här månaden?",
                  "How well did you get help this month?"),
    })
    services.link_survey_question(official, indicator, {"question": question, "period_start": today})
    # The answers that make the figure come with invitation codes the authority gave clients on
    # paper; the survey's open link counts for nothing here.
    _batch, codes = services.issue_codes(official, indicator, {"count": 10, "channel": "paper"})
    for code, score in zip(codes, (4, 5, 3, 4, 4, 5, 3, 4)):
        services.answer_with_code(code, score)
    services.open_next_round(official, indicator)


def _member_adder(official, contract, term_starts, term_ends):
    def add(name, role, user=None, organisation=None, deputy_for=None):
        return services.add_member(official, contract, {
            "name": name, "role": role, "user": user, "organisation": organisation,
            "term_starts": term_starts, "term_ends": term_ends, "deputy_for": deputy_for,
        })
    return add


def _substance_abuse_kras(official, contract):
    def kra(name, weight, indicator):
        area = services.add_kra(official, contract, {"name": name, "description": {}, "weight": Decimal(weight)})
        services.add_indicator(official, area, {"reported_by": contract.parties.get(role="consortium_lead"), **indicator})
        return area

    return [
        kra(t("Päihteettömyys ja elämänhallinta", "Nykterhet och livskontroll", "Recovery and control of one's life"), "0.4", {
            "code": "elamanhallinta", "name": t("Oma arvio elämänhallinnasta (0–10)", "Egen bedömning av livskontrollen (0–10)",
                                                "Own rating of control of one's life (0–10)"),
            "unit": "score", "direction": "higher_is_better", "baseline": Decimal("5.2"), "minimum": Decimal("5"),
            "target": Decimal("6.5"), "excellent": Decimal("8"), "frequency": "monthly", "data_source": "survey"}),
        kra(t("Asumisen pysyvyys", "Stabilt boende", "Stable housing"), "0.3", {
            "code": "asuminen", "name": t("Asiakkaista asuu omassa kodissa (%)", "Andel klienter som bor i eget hem (%)",
                                          "Clients living in their own home (%)"),
            "unit": "percent", "direction": "higher_is_better", "baseline": Decimal("68"), "minimum": Decimal("70"),
            "target": Decimal("80"), "excellent": Decimal("90"), "frequency": "monthly", "data_source": "provider_report"}),
        kra(t("Nopea apu", "Snabb hjälp", "Help without delay"), "0.3", {
            "code": "odotus", "name": t("Odotus ensimmäiseen tapaamiseen (päivää)", "Väntetid till första mötet (dagar)",
                                        "Days waiting for the first appointment"),
            "unit": "days", "direction": "lower_is_better", "baseline": Decimal("16"), "minimum": Decimal("14"),
            "target": Decimal("7"), "excellent": Decimal("2"), "frequency": "monthly", "data_source": "register"}),
    ]


def _monthly_outcomes(provider, contract, starts_on):
    """Three years of monthly values that improve slowly, with the ups and downs real data has."""
    table = [["mittari", "jakso", "arvo"]]
    wobble = [0, 1, -1, 2, 0, -2, 1, 0, -1, 1, 2, -1]
    for month in range(MONTHS):
        period = _months_back(starts_on, -month)
        label = f"{period.year}-{period.month:02d}"
        table.append(["elamanhallinta", label, f"{Decimal('5.1') + Decimal(month) * Decimal('0.06') + Decimal(wobble[month % 12]) / 10:.1f}".replace(".", ",")])
        table.append(["asuminen", label, f"{min(Decimal(95), Decimal(69) + Decimal(month) * Decimal('0.45') + wobble[(month + 3) % 12]):.1f}".replace(".", ",")])
        table.append(["odotus", label, str(max(2, 16 - month // 3 + wobble[(month + 6) % 12]))])
    services.report_measurements(provider, contract, table, source="upload")


def _meetings(official, contract, today, attendees, compensated):
    agendas = [
        ("Tervetuloa. Käydään läpi, miten palvelu on alkanut. Asiakkaiden palaute.", "Välkommen. Hur tjänsten har kommit i gång. Klienternas respons.", "Welcome. How the service has started. Clients' feedback."),
        ("Ilta-aukiolo: asiakasedustajien ehdotus.", "Kvällsöppet: klientrepresentanternas förslag.", "Evening opening: the client representatives' proposal."),
        ("Vertaistuki ryhmissä. Tulokset kolmelta kuukaudelta.", "Kamratstöd i grupper. Resultat för tre månader.", "Peer support in groups. Results for three months."),
        ("Odotusajat. Miten apua saa nopeammin?", "Väntetider. Hur får man hjälp snabbare?", "Waiting times. How to get help sooner?"),
    ]
    meetings = []
    for index in range(12):
        starts = _at(today - timedelta(days=30 * (12 - index)), 14)
        fi, sv, en = agendas[index % len(agendas)]
        meeting = services.schedule_meeting(official, contract, {
            "starts_at": starts, "place": "Tampereen sosiaali- ja terveysasema, kokoushuone Kuusi (esteetön)",
            "agenda": t(fi, sv, en),
            "materials": [{"title": "Esityslista selkokielellä", "url": "https://example.org/demo/esityslista-selko.pdf"}],
        })
        services.publish_agenda(official, meeting, now=starts - timedelta(days=7))
        services.record_minutes(official, meeting, {
            "minutes": t("Käsiteltiin asialistan asiat. Asiakasedustajat kertoivat asiakkaiden palautteen.",
                         "Ärendena på listan behandlades. Klientrepresentanterna berättade om klienternas respons.",
                         "The items on the agenda were discussed. The client representatives reported clients' feedback."),
            "attendees": attendees,
        })
        for member in compensated:
            services.record_compensation(official, meeting, {"member": member, "hours": Decimal("2.5"), "fee": Decimal("75.00")})
        meetings.append(meeting)
    return meetings


def _decisions_and_backlog(official, contract, meetings, kras, members):
    def decide(meeting, title, decided, reasoning, proposed_by, role, client_view=None, **extra):
        return services.record_decision(official, contract, {
            "title": title, "decided": decided, "reasoning": reasoning, "proposed_by": proposed_by, "proposer_role": role,
            "client_view": client_view or {}, "meeting": meeting, "accountable_official": official,
            "decided_on": timezone.localtime(meeting.starts_at).date(), "is_confidential": False, "confidentiality_reason": "",
            **extra,
        })

    evening = decide(
        meetings[1], t("Ilta-aukiolo tiistaisin ja torstaisin", "Kvällsöppet tisdagar och torsdagar", "Evening opening on Tuesdays and Thursdays"),
        t("Matalan kynnyksen piste on auki tiistaisin ja torstaisin klo 20 asti.", "Lågtröskelpunkten har öppet till kl. 20 på tisdagar och torsdagar.",
          "The low-threshold centre is open until 8 pm on Tuesdays and Thursdays."),
        t("Moni asiakas käy töissä tai kuntoutuksessa päivällä.", "Många klienter arbetar eller är i rehabilitering på dagen.",
          "Many clients work or are in rehabilitation during the day."),
        "Sari Koskinen ja Mika Rantanen", "client_representative",
        t("Ehdotimme tätä, koska ilta on vaikein aika olla yksin.", "Vi föreslog detta eftersom kvällen är den svåraste tiden att vara ensam.",
          "We proposed this because the evening is the hardest time to be alone."),
    )
    services.amend_contract(official, contract, {
        "summary": t("Palvelukuvaukseen lisättiin ilta-aukiolo.", "Kvällsöppet lades till i tjänstebeskrivningen.",
                     "Evening opening was added to the service description."),
        "reason": t("Asiakasedustajien ehdotus ja ohjausryhmän päätös.", "Klientrepresentanternas förslag och styrgruppens beslut.",
                    "The client representatives' proposal and the steering group's decision."),
        "decision": evening, "new_ends_on": None,
    })
    decide(meetings[2], t("Vertaisryhmät kaikkiin toimipisteisiin", "Kamratgrupper på alla verksamhetsställen", "Peer groups at every site"),
           t("Jokaisessa toimipisteessä on viikoittainen vertaisryhmä.", "Varje verksamhetsställe har en kamratgrupp varje vecka.",
             "Every site has a weekly peer group."),
           t("Vertaistuki paransi elämänhallintaa kokeilussa.", "Kamratstödet förbättrade livskontrollen i försöket.",
             "Peer support improved control of one's life in the trial."),
           "Antti Mäkelä", "peer")
    for member in members.values():
        services.record_position(official, evening, {"member": member, "position": "supports", "view": ""})
    services.record_position(official, evening, {
        "member": members["mika"], "position": "supports",
        "view": "Ilta on vaikein aika. Nyt on paikka, jonne mennä, kun kotona alkaa ahdistaa.",
    })
    first_appointment = decide(meetings[3], t("Ensimmäinen tapaaminen viikon sisällä", "Första mötet inom en vecka", "First appointment within a week"),
           t("Uusi asiakas tapaa työntekijän viikon sisällä yhteydenotosta.", "En ny klient träffar en anställd inom en vecka.",
             "A new client meets a worker within a week of getting in touch."),
           t("Odottaminen lisää retkahtamisen riskiä.", "Väntan ökar risken för återfall.", "Waiting raises the risk of relapse."),
           "Päihdepalvelut Kulma Oy", "provider")
    services.record_position(official, first_appointment, {"member": members["chair"], "position": "supports", "view": ""})
    services.record_position(official, first_appointment, {
        "member": members["sari"], "position": "dissent",
        "view": "Viikkokin on pitkä aika, kun on päättänyt hakea apua. Tavoitteen pitäisi olla kolme päivää.",
    })
    decide(meetings[5], t("Työntekijän henkilöstöasia", "Personalärende", "A staff matter"),
           t("Henkilöstöasia ratkaistiin.", "Personalärendet avgjordes.", "The staff matter was settled."),
           t("Henkilöstöasia.", "Personalärende.", "A staff matter."), "Hanna Virtanen", "authority",
           is_confidential=True, confidentiality_reason="Julkisuuslaki 24 § 1 mom. 32 kohta")

    ideas = [
        ("Iltaisin pitäisi olla auki, päivällä olen töissä.", "adopted", t(
            "Piste on nyt auki tiistaisin ja torstaisin klo 20 asti.", "Punkten har nu öppet till kl. 20 på tisdagar och torsdagar.",
            "The centre is now open until 8 pm on Tuesdays and Thursdays."), None),
        ("Vertaisryhmä auttoi minua eniten. Lisää niitä!", "adopted", t(
            "Jokaisessa toimipisteessä on nyt viikoittainen vertaisryhmä.", "Varje verksamhetsställe har nu en kamratgrupp varje vecka.",
            "Every site now has a weekly peer group."), None),
        ("Ajan saaminen kesti kolme viikkoa. Liian kauan.", "adopted", t(
            "Ensimmäinen tapaaminen järjestetään nyt viikon sisällä.", "Det första mötet ordnas nu inom en vecka.",
            "The first appointment is now arranged within a week."), None),
        ("Tekstiviestimuistutus tapaamisesta auttaisi.", "trial", t(
            "Kokeilemme muistutusviestejä kolme kuukautta.", "Vi prövar påminnelser per sms i tre månader.",
            "We are trying reminder messages for three months."), None),
        ("Ilmaiset bussiliput kaikille asiakkaille.", "rejected", {}, t(
            "Bussiliput eivät kuulu tähän sopimukseen. Sosiaalityöntekijä voi myöntää niitä harkinnan mukaan.",
            "Bussbiljetter ingår inte i detta avtal. Socialarbetaren kan bevilja dem efter prövning.",
            "Bus tickets are not part of this contract. A social worker can grant them case by case.")),
        ("Odotustilaan voisi tuoda kahvia.", "new", {}, None),
    ]
    linked = {0: kras[0], 1: kras[0], 2: kras[2], 3: kras[2]}
    for index, (text, status, outcome, reason) in enumerate(ideas):
        proposal = services.submit_proposal(contract, {"text": text, "proposer_kind": "service_user"})
        if status != "new":
            services.decide_proposal(official, proposal, {
                "status": status, "owner": official, "kras": [linked[index]] if index in linked else [],
                "outcome": outcome, "status_reason": reason or {},
            })


def housing_alliance(decision: AwardDecision, official: User) -> Contract:
    """Made from the published award after the standstill: the group that won the final tenders
    becomes the alliance's parties, its lead and each member with the role named in its tender."""
    today = timezone.localdate()
    with at(moment(2024, 11, 18, 10)):
        return award.conclude_award(official, decision, {
            "kind": "alliance",
            "title": t("Asumisen tuen allianssisopimus", "Alliansavtal om boendestöd", "Housing-support alliance contract"),
            "description": t(
                "Hyvinvointialue ja neljä palveluntuottajaa johtavat palvelua yhdessä ja jakavat riskit ja hyödyt.",
                "Välfärdsområdet och fyra producenter leder tjänsten tillsammans och delar risker och nyttor.",
                "The county and four providers run the service together and share risks and benefits.",
            ),
            "starts_on": date(today.year - 1, 1, 1), "ends_on": date(today.year + 4, 12, 31),
            "options": t("Kolmen vuoden optio.", "En option på tre år.", "A three-year option."),
        })
