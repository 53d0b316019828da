"""About thirty providers with comparable services in the two demo areas (Pirkanmaa around
Tampere, Länsi-Uusimaa around Espoo)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from coprocure.core.models import Organisation, OrganisationKind, TargetGroup
from coprocure.partners import services as partner_services
from coprocure.partners.models import ProviderProfile, Service

from .people import ADDRESSES, business_id
from .procurements import t

AREAS = {
    "Tampere": ["Tampere", "Nokia", "Ylöjärvi", "Kangasala", "Pirkkala"],
    "Espoo": ["Espoo", "Kauniainen", "Kirkkonummi", "Lohja"],
}

# service class, (fi, sv, en) name, (fi, sv, en) summary, target groups, price basis
SERVICE_KINDS = [
    ("P10.6", ("Päihdekuntoutus", "Missbrukarrehabilitering", "Substance-abuse rehabilitation"),
     ("Yhteisöllistä päihdekuntoutusta kokemusasiantuntijoiden kanssa.", "Gemenskapsbaserad rehabilitering med erfarenhetsexperter.", "Community-based rehabilitation with experts by experience."),
     ["substance_use"], "per_day"),
    ("P10.6", ("Matalan kynnyksen päihdetyö", "Lågtröskelarbete inom missbruk", "Low-threshold substance-abuse work"),
     ("Päiväkeskus ja vertaistukea ilman ajanvarausta.", "Dagcenter och kamratstöd utan tidsbokning.", "A day centre and peer support without an appointment."),
     ["substance_use", "homeless"], "per_month"),
    ("P10.3", ("Asumisen tuki", "Boendestöd", "Housing support"),
     ("Tukea kodin saamiseen ja pitämiseen.", "Stöd för att få och behålla ett hem.", "Support to find and keep a home."),
     ["homeless", "children_young_people"], "per_month"),
    ("P10.5", ("Mielenterveyskuntoutujien klubitalo", "Klubbhus för personer med psykisk ohälsa", "Clubhouse for mental-health rehabilitation"),
     ("Työpainotteista yhteisöllistä kuntoutusta.", "Arbetsinriktad gemenskapsrehabilitering.", "Work-oriented community rehabilitation."),
     ["mental_health"], "per_month"),
    ("P10.2", ("Kotihoidon tukipalvelut", "Stödtjänster för hemvård", "Home-care support services"),
     ("Siivous-, asiointi- ja ulkoiluapua ikääntyneille.", "Hjälp med städning, ärenden och utevistelse för äldre.", "Help with cleaning, errands and outdoor walks for older people."),
     ["older_people", "relatives"], "per_hour"),
    ("P10.7", ("Kuntouttava työtoiminta", "Arbetsverksamhet i rehabiliteringssyfte", "Rehabilitative work activity"),
     ("Työtoimintaa omaan tahtiin ja ohjausta kohti työtä tai opiskelua.", "Arbetsverksamhet i egen takt och handledning mot arbete eller studier.", "Work at one's own pace and guidance towards work or study."),
     ["substance_use", "mental_health"], "per_day"),
]

PROVIDERS = [
    # name, kind, area, profits to public benefit
    ("Päihdepalvelut Kulma Oy", OrganisationKind.COMPANY, "Tampere", False),
    ("Sillanrakentajat ry", OrganisationKind.ASSOCIATION, "Tampere", True),
    ("Toipumon säätiö sr", OrganisationKind.FOUNDATION, "Tampere", True),
    ("Vertaisvoima ry", OrganisationKind.USER_ASSOCIATION, "Tampere", True),
    ("Asumisen Tuki Aalto Oy", OrganisationKind.COMPANY, "Espoo", False),
    ("Nuorisosäätiö Polku sr", OrganisationKind.FOUNDATION, "Espoo", True),
    ("Kotisatama-säätiö sr", OrganisationKind.FOUNDATION, "Espoo", True),
    ("Kotipolku ry", OrganisationKind.ASSOCIATION, "Espoo", True),
    ("Arjentuki osk", OrganisationKind.SOCIAL_ENTERPRISE, "Espoo", True),
    ("Hervannan Kotiapu Oy", OrganisationKind.COMPANY, "Tampere", False),
    ("Pispalan Klubitalo ry", OrganisationKind.ASSOCIATION, "Tampere", True),
    ("Pirkan Työpaja osk", OrganisationKind.SOCIAL_ENTERPRISE, "Tampere", True),
    ("Näsin Hoiva Oy", OrganisationKind.COMPANY, "Tampere", False),
    ("Tampereen Seudun A-kilta ry", OrganisationKind.ASSOCIATION, "Tampere", True),
    ("Kalevan Kumppanit Oy", OrganisationKind.COMPANY, "Tampere", False),
    ("Omaishoitajat Pirkanmaa ry", OrganisationKind.USER_ASSOCIATION, "Tampere", True),
    ("Ylöjärven Palveluosuuskunta", OrganisationKind.SOCIAL_ENTERPRISE, "Tampere", True),
    ("Kangasalan Kotikulma Oy", OrganisationKind.COMPANY, "Tampere", False),
    ("Nokian Nuorten Tuki ry", OrganisationKind.ASSOCIATION, "Tampere", True),
    ("Leppävaaran Asumispalvelut Oy", OrganisationKind.COMPANY, "Espoo", False),
    ("Espoonlahden Klubitalo ry", OrganisationKind.ASSOCIATION, "Espoo", True),
    ("Länsiväylän Työvalmennus osk", OrganisationKind.SOCIAL_ENTERPRISE, "Espoo", True),
    ("Tapiolan Hoivakodit Oy", OrganisationKind.COMPANY, "Espoo", False),
    ("Kirkkonummen Kotiavut Oy", OrganisationKind.COMPANY, "Espoo", False),
    ("Lohjan Seudun Päihdetyö ry", OrganisationKind.ASSOCIATION, "Espoo", True),
    ("Asunto ensin -säätiö sr", OrganisationKind.FOUNDATION, "Espoo", True),
    ("Mielen Tuki Espoo ry", OrganisationKind.USER_ASSOCIATION, "Espoo", True),
    ("Kauniaisten Vanhustyö sr", OrganisationKind.FOUNDATION, "Espoo", True),
    ("Matinkylän Vertaiset ry", OrganisationKind.ASSOCIATION, "Espoo", True),
    ("Suvelan Arkiapu Oy", OrganisationKind.COMPANY, "Espoo", False),
]


def create_providers() -> list[Organisation]:
    """Profiles and services; two profiles are left unconfirmed for a year to show staleness."""
    now = timezone.now()
    groups = {group.code: group for group in TargetGroup.objects.all()}
    created = []
    for index, (name, kind, area, public_benefit) in enumerate(PROVIDERS):
        organisation = Organisation.objects.filter(name=name).first() or Organisation.objects.create(
            name=name, kind=kind, business_id=business_id(2400000 + index * 7919), municipality=area,
            postcode=ADDRESSES[area][0], nuts_region=ADDRESSES[area][1],
        )
        municipalities = AREAS[area][: 2 + index % 3]
        profile = ProviderProfile.objects.create(
            organisation=organisation,
            description=t(
                f"{name} tuottaa sosiaali- ja hyvinvointipalveluja {area}n seudulla yhdessä palvelujen käyttäjien kanssa.",
                f"{name} producerar social- och välfärdstjänster i {area}regionen tillsammans med tjänsteanvändarna.",
                f"{name} provides social and wellbeing services in the {area} region together with the people who use them.",
            ),
            areas_served=municipalities,
            languages=["fi", "sv"] if area == "Espoo" and index % 2 else ["fi"],
            quality_certifications="ISO 9001" if kind == OrganisationKind.COMPANY else "",
            ownership={OrganisationKind.COMPANY: "private", OrganisationKind.SOCIAL_ENTERPRISE: "cooperative"}.get(kind, "non_profit"),
            profits_to_public_benefit=public_benefit,
            last_confirmed_at=now - timedelta(days=400 if index in (12, 23) else 10 + index),
        )
        for offset in range(1 + index % 2):
            service_class, names, summaries, target_codes, price_basis = SERVICE_KINDS[(index + offset * 3) % len(SERVICE_KINDS)]
            service = profile.organisation.services.create(
                name=t(*names), summary=t(*summaries),
                description=t(
                    f"{summaries[0]} Palvelu toimii {', '.join(municipalities)} alueella.",
                    f"{summaries[1]} Tjänsten verkar i {', '.join(municipalities)}.",
                    f"{summaries[2]} The service operates in {', '.join(municipalities)}.",
                ),
                service_class=service_class, areas=municipalities, languages=profile.languages,
                capacity=20 + index * 3, capacity_available=(index * 7) % 6, price_basis=price_basis,
                outcome_measurement=t("Asiakkaiden oma arvio elämänlaadusta puolen vuoden välein.",
                                      "Klienternas egen bedömning av livskvaliteten varje halvår.",
                                      "Clients' own rating of their quality of life every six months."),
                evidence=t("Vuoden 2025 asiakaskyselyn tulokset.", "Resultaten av klientenkäten 2025.",
                           "Results of the 2025 client survey."),
                accessibility=t("Esteetön sisäänkäynti.", "Tillgänglig entré.", "Step-free entrance."),
            )
            service.target_groups.set([groups[code] for code in target_codes if code in groups])
            service.channels.create(kind="ServiceLocation", name=t("Toimipiste", "Verksamhetsställe", "Office"),
                                    address=f"{municipalities[0]}, Keskuskatu {index + 1}")
            service.channels.create(kind="Phone", name=t("Puhelin", "Telefon", "Phone"), phone=f"040 {100 + index} {2000 + index}")
        created.append(organisation)
    partner_services.refresh_search(Service.objects.values_list("pk", flat=True))
    return created


def competence_network(coordinator_representative) -> None:
    """Tampere-area NGOs that make their substance-abuse and housing competence visible together."""
    network = partner_services.create_network(coordinator_representative, {
        "name": t("Pirkanmaan päihde- ja asumistyön järjestöverkosto", "Organisationsnätverket för missbruks- och boendearbete i Birkaland",
                  "Pirkanmaa NGO network for substance-abuse and housing work"),
        "theme": t("Yhteisöllinen toipuminen ja asumisen tuki", "Gemenskapsbaserad återhämtning och boendestöd",
                   "Community-based recovery and housing support"),
        "description": t(
            "Verkosto kokoaa järjestöjen osaamisen näkyväksi ja tekee yhteisiä tarjouksia hyvinvointialueen hankintoihin.",
            "Nätverket synliggör organisationernas kompetens och lämnar gemensamma anbud i välfärdsområdets upphandlingar.",
            "The network makes the NGOs' competence visible and makes joint offers in the county's procurements.",
        ),
    })
    competences = {
        "Toipumon säätiö sr": t("Yhteisöhoito ja kuntoutus", "Gemenskapsvård och rehabilitering", "Community care and rehabilitation"),
        "Vertaisvoima ry": t("Vertaistuki ja kokemusasiantuntijat", "Kamratstöd och erfarenhetsexperter", "Peer support and experts by experience"),
        "Tampereen Seudun A-kilta ry": t("Raittiustyö ja päiväkeskukset", "Nykterhetsarbete och dagcenter", "Sobriety work and day centres"),
    }
    for name in competences:
        organisation = Organisation.objects.get(name=name)
        member = partner_services.add_member(coordinator_representative, network, organisation.business_id)
        member.competences = competences[name]
        member.save(update_fields=["competences"])
    partner_services.publish_offer(coordinator_representative, network, {
        "title": t("Yhteisöllisen toipumisen palvelukokonaisuus", "Helhet för gemenskapsbaserad återhämtning",
                   "Community-based recovery service package"),
        "description": t(
            "Päiväkeskus, vertaistuki ja yhteisöhoito yhdessä: asiakas saa tuen yhdestä paikasta.",
            "Dagcenter, kamratstöd och gemenskapsvård tillsammans: klienten får stödet från ett ställe.",
            "A day centre, peer support and community care together: the client gets support from one place.",
        ),
        "services": list(Service.objects.filter(provider__network_memberships__network=network)),
    })


def partnership_table(official, staff, provider_representative, procurement) -> None:
    """The older-people procurement's partnership table: matching providers invited in one
    step, the older people's association at the table, minutes and action points."""
    from datetime import date

    from coprocure.participation import services as participation

    activity = participation.create_activity(official, procurement, {
        "kind": "partnership_table", "phase": "preparation", "setting": "institutional",
        "title": t("Kumppanuuspöytä: ikäihmisten kotiin annettavat palvelut", "Partnerskapsbord: tjänster i hemmet för äldre",
                   "Partnership table: services at home for older people"),
        "starts_at": timezone.now() - timedelta(days=14), "place": "Tampere-talo, sali 2",
    })
    table = partner_services.save_table(official, activity, {
        "agenda": t(
            "1. Mitä ikäihmiset toivovat kotiin tulevalta avulta.\n2. Mitä palveluntuottajat voivat tarjota yhdessä.\n"
            "3. Miten järjestöt ja pienet yritykset pääsevät mukaan tarjouskilpailuun.",
            "1. Vad äldre önskar av hjälpen i hemmet.\n2. Vad serviceproducenterna kan erbjuda tillsammans.\n"
            "3. Hur organisationer och små företag kan delta i anbudstävlingen.",
            "1. What older people hope for from help at home.\n2. What providers can offer together.\n"
            "3. How NGOs and small companies can take part in the tender.",
        ),
        "minutes": t(
            "Paikalla hyvinvointialue, kuusi palveluntuottajaa ja Vertaisvoima ry. Sovittiin, että tarjouspyyntöön "
            "lisätään iltakäynnit ja että pienet tuottajat voivat tarjota yhdessä.",
            "Närvarande var välfärdsområdet, sex serviceproducenter och Vertaisvoima ry. Vi kom överens om att "
            "kvällsbesök läggs till i anbudsförfrågan och att små producenter kan lämna anbud tillsammans.",
            "The county, six providers and Vertaisvoima ry took part. We agreed to add evening visits to the call "
            "for tenders and that small providers may bid together.",
        ),
    })
    partner_services.invite_matching_providers(official, table)
    partner_services.invite_to_table(official, table, Organisation.objects.get(name="Vertaisvoima ry").business_id)
    partner_services.sign_up_for_table(provider_representative, table)
    partner_services.add_action_point(staff, table, {
        "what": t("Lisää iltakäynnit tarjouspyynnön luonnokseen", "Lägg till kvällsbesök i utkastet till anbudsförfrågan",
                  "Add evening visits to the draft call for tenders"),
        "who": "Mikko Laine", "due_on": date(2027, 1, 15),
    })
    done = partner_services.add_action_point(staff, table, {
        "what": t("Lähetä muistio kaikille osallistujille", "Skicka protokollet till alla deltagare",
                  "Send the minutes to everyone who took part"),
        "who": "Hanna Virtanen", "due_on": date(2026, 12, 1),
    })
    partner_services.set_action_point_done(staff, done, True)


def consortium(procurement, coordinator_representative, organisations: dict) -> None:
    """In the older-people procurement (still being prepared) Sillanrakentajat ry looks for
    partners and forms a consortium with a home-care provider and the users' association."""
    from coprocure.core.models import User

    interest = partner_services.express_interest(coordinator_representative, procurement, {
        "can_provide": t("Kohtaamispaikka ja vertaistoiminta ikäihmisille", "Mötesplats och kamratverksamhet för äldre",
                         "A meeting place and peer activities for older people"),
        "looking_for": t("Kotihoidon tukipalvelut ja kokemusasiantuntijat", "Stödtjänster för hemvård och erfarenhetsexperter",
                         "Home-care support services and experts by experience"),
    })
    home_care = next(service.provider for service in Service.objects.filter(service_class="P10.2").select_related("provider")
                     .order_by("provider__name") if "Tampere" in service.areas)
    partners = [(home_care, "Kotihoidon tukipalvelut ja iltakäynnit"),
                (organisations["vertaisvoima"], "Kokemusasiantuntijat ja asiakasraati")]
    for organisation, role in partners:
        partner_services.invite_partner(coordinator_representative, interest, organisation.business_id, role)
        # The partners' representatives exist only for the demo history and cannot sign in.
        person = User(username=f"kumppani-{organisation.pk}", first_name="Demo", last_name=organisation.name,
                      organisation=organisation, position="representative")
        person.set_unusable_password()
        person.save()
        partner_services.accept_invitation(person, interest)
    partner_services.form_consortium(coordinator_representative, interest)
