"""The demo procurements, written through the services like any user's work."""

from __future__ import annotations

from decimal import Decimal

from coprocure.core import services
from coprocure.core.models import Procurement, TargetGroup, User


def t(fi: str, sv: str, en: str) -> dict:
    return {lang: {"text": text, "origin": "human"} for lang, text in (("fi", fi), ("sv", sv), ("en", en))}


def _groups(*codes: str):
    return list(TargetGroup.objects.filter(code__in=codes))


def substance_abuse(official: User, staff: User) -> Procurement:
    procurement = services.create_procurement(official, {
        "title": t(
            "Innovatiiviset päihdepalvelut aikuisille",
            "Innovativa missbrukartjänster för vuxna",
            "Innovative substance-abuse services for adults",
        ),
        "summary": t(
            "Hankimme aikuisten päihdepalvelut kokonaisuutena: matalan kynnyksen tukea, kuntoutusta ja asumista tukevia palveluja. "
            "Palvelumuotoilussa päihdepalvelujen käyttäjät kertoivat tarvitsevansa yhteisöä, kokemusasiantuntijoita ja vertaistukea. "
            "Näistä toiveista tuli markkinavuoropuhelua ja neuvottelumenettelyä ohjanneet tavoitteet ja laadun vertailuperusteet. "
            "Tarjouksia pyydettiin palveluntuottajien ryhmittymiltä, ja sopimukset ovat pitkäkestoisia kumppanuussopimuksia.",
            "Vi upphandlar missbrukartjänster för vuxna som en helhet: lågtröskelstöd, rehabilitering och boendestöd. "
            "I tjänstedesignen berättade användarna att de behöver gemenskap, erfarenhetsexperter och kamratstöd. "
            "Dessa önskemål blev mål som styrde marknadsdialogen och det förhandlade förfarandet samt jämförelsegrunder för kvalitet. "
            "Anbud begärdes av grupper av tjänsteproducenter och avtalen är långsiktiga partnerskapsavtal.",
            "We procure adult substance-abuse services as a whole: low-threshold support, rehabilitation and housing support. "
            "In service design, people who use the services said they need community, experts by experience and peer support. "
            "These wishes became the objectives that steered the market dialogue and the negotiated procedure, and quality award criteria. "
            "Bids were requested from consortia of providers, and the contracts are long-term partnership contracts.",
        ),
        "plain_summary": t(
            "Ostamme päihdepalveluja aikuisille. Palvelujen käyttäjät kertoivat, mitä he tarvitsevat. Heidän toiveensa vaikuttivat siihen, mikä palvelu valittiin.",
            "Vi köper missbrukartjänster för vuxna. De som använder tjänsterna berättade vad de behöver. Deras önskemål påverkade vilken tjänst som valdes.",
            "We buy substance-abuse services for adults. The people who use the services told us what they need. Their wishes affected which service was chosen.",
        ),
        "service_area": "substance_abuse",
        "procedure": "light",  # a negotiated procedure composed under the light regime (demo/negotiated.py)
        "target_groups": _groups("substance_use", "mental_health", "homeless"),
        "estimated_value": Decimal("24000000.00"),
        "is_public": True,
        "accountable_official": official,
        "partnership_4p": t(
            "Hyvinvointialue, yritykset, järjestöt sekä palvelujen käyttäjät ja heidän läheisensä kehittävät palvelua yhdessä ohjausryhmässä.",
            "Välfärdsområdet, företag, organisationer samt tjänsteanvändare och deras närstående utvecklar tjänsten tillsammans i en styrgrupp.",
            "The wellbeing services county, companies, NGOs, and service users and their relatives develop the service together in a steering group.",
        ),
        "co_production": t(
            "Kokemusasiantuntijat ja vertaiset osallistuvat palvelun suunnitteluun, tuottamiseen ja arviointiin ammattilaisten rinnalla.",
            "Erfarenhetsexperter och kamrater deltar i planering, produktion och utvärdering av tjänsten vid sidan av yrkesfolk.",
            "Experts by experience and peers take part in designing, producing and evaluating the service alongside professionals.",
        ),
        "outcome_based": t(
            "Tavoitteena on päihteettömyyden ja elämänhallinnan paraneminen, asumisen pysyvyys ja osallisuus yhteisössä – ei käyntikertojen määrä.",
            "Målet är bättre nykterhet och livskontroll, stabilt boende och delaktighet i gemenskapen – inte antalet besök.",
            "The aim is better recovery and control of one's life, stable housing and belonging to a community – not the number of visits.",
        ),
    })
    services.assign_role(official, procurement, staff, "staff")
    services.change_phase(official, procurement, "tendering")
    services.change_phase(official, procurement, "contract")
    return procurement


def housing_alliance(official: User) -> Procurement:
    procurement = services.create_procurement(official, {
        "title": t(
            "Asumisen tuen allianssi nuorille ja aikuisille",
            "Allians för boendestöd för unga och vuxna",
            "Housing-support alliance for young people and adults",
        ),
        "summary": t(
            "Asunnottomien nuorten ja aikuisten asumisen tuki hankittiin allianssimallilla. Neuvottelumenettelyllä valittiin palveluntuottajien ryhmä: "
            "yritys, kaksi säätiötä ja yhdistys. Tavoitteista, toimintamalleista ja kustannuksista sovittiin jatkoneuvotteluissa. "
            "Osapuolet johtavat palvelua yhteisessä allianssiorganisaatiossa ja jakavat riskit ja hyödyt.",
            "Boendestöd för bostadslösa unga och vuxna upphandlades med alliansmodellen. Med ett förhandlat förfarande valdes en grupp producenter: "
            "ett företag, två stiftelser och en förening. Mål, verksamhetsmodeller och kostnader avtalades i fortsatta förhandlingar. "
            "Parterna leder tjänsten i en gemensam alliansorganisation och delar risker och nyttor.",
            "Housing support for homeless young people and adults was procured with the alliance model. A negotiated procedure chose a group of providers: "
            "a company, two foundations and an association. Objectives, operating models and costs were agreed in further negotiation. "
            "The parties run the service through a joint alliance organisation and share risks and benefits.",
        ),
        "plain_summary": t(
            "Autamme asunnottomia nuoria ja aikuisia saamaan kodin ja pitämään sen. Neljä palveluntuottajaa tekee työtä yhdessä.",
            "Vi hjälper bostadslösa unga och vuxna att få ett hem och behålla det. Fyra producenter arbetar tillsammans.",
            "We help homeless young people and adults to find a home and keep it. Four providers work together.",
        ),
        "service_area": "housing_support",
        "procedure": "negotiated",
        "intended_contract_kind": "alliance",
        "target_groups": _groups("homeless", "children_young_people", "mental_health"),
        "estimated_value": Decimal("18500000.00"),
        "is_public": True,
        "accountable_official": official,
        "partnership_4p": t(
            "Allianssissa hyvinvointialue ja palveluntuottajat päättävät yhdessä, ja asukkaiden ääni kuuluu allianssin johtoryhmässä.",
            "I alliansen beslutar välfärdsområdet och producenterna tillsammans, och invånarnas röst hörs i alliansens ledningsgrupp.",
            "In the alliance the county and the providers decide together, and residents' voices are heard in the alliance's leadership group.",
        ),
        "co_production": t(
            "Asukkaat ja kokemusasiantuntijat arvioivat palvelua ja tekevät kehittämisehdotuksia.",
            "Invånare och erfarenhetsexperter utvärderar tjänsten och lämnar utvecklingsförslag.",
            "Residents and experts by experience evaluate the service and make development proposals.",
        ),
        "outcome_based": t(
            "Avaintulosalueet: asumisen pysyvyys, osallisuus ja elämänhallinta, asiakaskokemus sekä kustannukset suhteessa tavoitekustannukseen.",
            "Nyckelresultatområden: stabilt boende, delaktighet och livskontroll, klientupplevelse samt kostnader i förhållande till målkostnaden.",
            "Key result areas: stable housing, participation and control of one's life, client experience, and costs against the target cost.",
        ),
    })
    services.change_phase(official, procurement, "tendering")
    services.change_phase(official, procurement, "contract")
    return procurement


def older_people(official: User, staff: User) -> Procurement:
    procurement = services.create_procurement(staff, {
        "title": t(
            "Kotona asumista tukevat palvelut ikääntyneille",
            "Tjänster som stöder äldres boende hemma",
            "Services that help older people live at home",
        ),
        "summary": t(
            "Valmistelemme ikääntyneiden kotona asumista tukevien palvelujen hankintaa. Kuulemme ikääntyneitä ja heidän läheisiään palvelukeskuksissa, "
            "kotikäynneillä ja asiakasraadissa ennen kuin tavoitteet kirjoitetaan.",
            "Vi bereder upphandlingen av tjänster som stöder äldres boende hemma. Vi hör äldre och deras närstående på servicecentraler, "
            "vid hembesök och i en klientpanel innan målen skrivs.",
            "We are preparing the procurement of services that help older people live at home. We hear older people and their relatives at service centres, "
            "on home visits and in a customer panel before the objectives are written.",
        ),
        "plain_summary": t(
            "Haluamme kuulla, mikä auttaa sinua asumaan kotona. Tule kertomaan palvelukeskukseen tai vastaa kyselyyn.",
            "Vi vill höra vad som hjälper dig att bo hemma. Kom och berätta på servicecentralen eller svara på enkäten.",
            "We want to hear what helps you live at home. Come and tell us at the service centre or answer the survey.",
        ),
        "service_area": "older_people",
        "procedure": "light",
        "target_groups": _groups("older_people", "relatives"),
        "estimated_value": Decimal("6200000.00"),
        "is_public": True,
        "accountable_official": official,
    })
    return procurement


PARTICIPANT_ROLES = [
    ("kokemus", "expert_by_experience"),
    ("vertainen", "peer"),
    ("asiakas", "service_user"),
    ("omainen", "relative"),
    ("asukas", "resident"),
    ("arvioija", "evaluator"),
    ("tuottaja", "provider_representative"),
]


def give_roles(official: User, procurement: Procurement, users: dict[str, User]) -> None:
    """One demo user per role, so every role's view of a procurement can be tried."""
    for username, role in PARTICIPANT_ROLES:
        services.assign_role(official, procurement, users[username], role)
