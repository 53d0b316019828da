"""Realistic synthetic data for every part of CoProcure, in bulk.

Everything is written with ``bulk_create`` in batches, straight to the tables: the services
would make one audit entry per row, and generated rows are not anybody's activity, so the
audit trail stays as it was (and ``audit-verify`` still passes). The same seed gives the same
data, apart from what is random by design: row timestamps, each tender's sealing keys and the
sealed bids made with them (sealed with ``tendering.sealing.seal`` exactly as a bidder's bid is).
"""

from __future__ import annotations

import math
import random
import sys
import uuid
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from coprocure.alliance import selectors as alliance_selectors
from coprocure.alliance.models import CostLine, CostStatus, ProviderSplit, SettlementPeriod, Statement
from coprocure.contracts.models import Contract, Indicator, Kra, Measurement, Party
from coprocure.core.models import (
    Organisation, OrganisationKind, Phase, PhaseChange, Procedure, Procurement, ProcurementRole, ServiceArea,
    TargetGroup, User,
)
from coprocure.domain import settlement
from coprocure.domain.errors import DomainError
from coprocure.domain.identifiers import business_id_check_digit
from coprocure.participation.models import (
    Activity, Answer, Insight, InsightStatus, ParticipationPlan, Question, Response, Survey, SurveyMode,
)
from coprocure.partners.models import ProviderProfile, Service
from coprocure.partners.services import refresh_search
from coprocure.tendering import sealing
from coprocure.tendering.models import Bid, Objective, QualityCriterion, Tender

from .scales import Scale

BATCH = 5_000
UNUSABLE_PASSWORD = "!generated"  # nobody signs in as a generated person

COUNTIES = [
    "Helsingin kaupunki", "Itä-Uudenmaan hyvinvointialue", "Keski-Uudenmaan hyvinvointialue",
    "Länsi-Uudenmaan hyvinvointialue", "Vantaan ja Keravan hyvinvointialue", "Varsinais-Suomen hyvinvointialue",
    "Satakunnan hyvinvointialue", "Kanta-Hämeen hyvinvointialue", "Pirkanmaan hyvinvointialue",
    "Päijät-Hämeen hyvinvointialue", "Kymenlaakson hyvinvointialue", "Etelä-Karjalan hyvinvointialue",
    "Etelä-Savon hyvinvointialue", "Pohjois-Savon hyvinvointialue", "Pohjois-Karjalan hyvinvointialue",
    "Keski-Suomen hyvinvointialue", "Etelä-Pohjanmaan hyvinvointialue", "Pohjanmaan hyvinvointialue",
    "Keski-Pohjanmaan hyvinvointialue", "Pohjois-Pohjanmaan hyvinvointialue", "Kainuun hyvinvointialue",
    "Lapin hyvinvointialue", "HUS-yhtymä", "Ahvenanmaan maakunta", "Hyvinvointialueiden yhteishankinta",
]
MUNICIPALITIES = ["Helsinki", "Espoo", "Tampere", "Vantaa", "Oulu", "Turku", "Jyväskylä", "Kuopio", "Lahti",
                  "Pori", "Kouvola", "Joensuu", "Lappeenranta", "Hämeenlinna", "Vaasa", "Seinäjoki", "Rovaniemi",
                  "Mikkeli", "Kotka", "Salo", "Porvoo", "Kokkola", "Kajaani", "Rauma"]
FIRST_NAMES = ["Aino", "Eino", "Helmi", "Väinö", "Saara", "Juho", "Kerttu", "Ilmari", "Siiri", "Onni", "Elli", "Toivo"]
LAST_NAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen"]

# Service area: the procurement's title, the survey's question, what people said and the KRA.
AREAS = {
    ServiceArea.SUBSTANCE_ABUSE: (("Päihdepalvelut aikuisille", "Missbrukartjänster för vuxna", "Substance-abuse services for adults"),
                                  "P10.6", "substance_users"),
    ServiceArea.MENTAL_HEALTH: (("Mielenterveyspalvelut nuorille", "Mentalvårdstjänster för unga", "Mental-health services for young people"),
                                "P10.5", "young_people"),
    ServiceArea.HOUSING_SUPPORT: (("Asumisen tuki", "Boendestöd", "Housing support"), "P10.3", "homeless"),
    ServiceArea.OLDER_PEOPLE: (("Kotihoito ikääntyneille", "Hemvård för äldre", "Home care for older people"),
                               "P10.2", "older_people"),
    ServiceArea.DISABILITY: (("Vammaisten asumispalvelut", "Boendeservice för personer med funktionsnedsättning",
                              "Housing services for disabled people"), "P10.4", "disabled_people"),
}
PROCEDURES = [Procedure.NEGOTIATED, Procedure.LIGHT, Procedure.COMPETITIVE_DIALOGUE, Procedure.OPEN, Procedure.ALLIANCE]
PHASES = [(Phase.PREPARATION, 30), (Phase.TENDERING, 20), (Phase.CONTRACT, 40), (Phase.CLOSED, 10)]
SAID = [
    ("Tarvitsen apua nopeammin, jonotus on liian pitkä.", "Jag behöver hjälp snabbare, kön är för lång.", "I need help sooner; the queue is too long."),
    ("Vertaistuki auttaa minua eniten.", "Kamratstöd hjälper mig mest.", "Peer support helps me most."),
    ("Haluan saman työntekijän joka kerta.", "Jag vill ha samma arbetare varje gång.", "I want the same worker every time."),
    ("Tietoa pitää saada selkokielellä.", "Information ska finnas på lättläst språk.", "Information must be in plain language."),
]


def t(fi: str, sv: str, en: str) -> dict:
    return {lang: {"text": text, "origin": "human"} for lang, text in (("fi", fi), ("sv", sv), ("en", en))}


def business_id(body: int) -> str:
    while (check := business_id_check_digit(f"{body:07d}")) is None:
        body += 1
    return f"{body:07d}-{check}"


def first_of_month(day: date, months_later: int) -> date:
    month = day.month - 1 + months_later
    return date(day.year + month // 12, month % 12 + 1, 1)


def batched(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Progress:
    """One line on stderr per stage, redrawn in place: the stage, a bar and the rows done."""

    def __init__(self, stream=None, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.enabled = enabled

    def __call__(self, label: str, items: Iterable, total: int) -> Iterator:
        done = 0
        for item in items:
            yield item
            done += len(item) if isinstance(item, list) else 1
            self._draw(label, done, total)
        if self.enabled:
            self._draw(label, total, total)
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, label: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        filled = 30 * done // max(total, 1)
        self.stream.write(f"\r{label:<24} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        self.stream.flush()


def insert(model, rows: list, label: str, progress: Progress) -> list:
    created = []
    for chunk in progress(label, batched(rows), len(rows)):
        created += model.objects.bulk_create(chunk)
    return created


class Generator:
    def __init__(self, scale: Scale, seed: int = 1, progress: Progress | None = None):
        self.scale = scale
        self.rng = random.Random(seed)
        self.progress = progress or Progress(enabled=False)
        self.now = timezone.now().replace(microsecond=0)
        self.today = self.now.date()

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def pick_phase(self) -> str:
        return self.rng.choices([p for p, _w in PHASES], weights=[w for _p, w in PHASES])[0]

    @transaction.atomic
    def run(self) -> dict[str, int]:
        self.groups = {group.code: group for group in TargetGroup.objects.all()}
        if not self.groups:
            raise ValueError("no target groups: run `coprocure migrate` first")
        self.organisations()
        self.people()
        self.procurements()
        self.participation()
        self.tendering()
        self.contracts()
        self.alliance()
        return self.counts

    # Organisations, providers and their services ---------------------------------------------

    def organisations(self) -> None:
        s = self.scale
        first = Organisation.objects.order_by("-id").values_list("id", flat=True).first() or 0
        base = 2_000_000 + 3 * first  # bodies never collide with an earlier run's
        self.authorities = insert(Organisation, [
            Organisation(name=COUNTIES[i % len(COUNTIES)] + ("" if i < len(COUNTIES) else f" {i}"),
                         kind=OrganisationKind.AUTHORITY, business_id=business_id(base + 3 * i),
                         municipality=MUNICIPALITIES[i % len(MUNICIPALITIES)])
            for i in range(s.authorities)
        ], "authorities", self.progress)
        kinds = [OrganisationKind.COMPANY, OrganisationKind.ASSOCIATION, OrganisationKind.FOUNDATION,
                 OrganisationKind.SOCIAL_ENTERPRISE, OrganisationKind.USER_ASSOCIATION]
        suffix = {OrganisationKind.COMPANY: "Oy", OrganisationKind.ASSOCIATION: "ry", OrganisationKind.FOUNDATION: "sr",
                  OrganisationKind.SOCIAL_ENTERPRISE: "osk", OrganisationKind.USER_ASSOCIATION: "ry"}
        rows = []
        for i in range(s.organisations):
            kind = self.rng.choice(kinds)
            rows.append(Organisation(
                name=f"{self.rng.choice(['Hoiva', 'Tuki', 'Arki', 'Polku', 'Silta', 'Koti'])}palvelu {i} {suffix[kind]}",
                kind=kind, business_id=business_id(base + 3 * (s.authorities + i)),
                municipality=self.rng.choice(MUNICIPALITIES)))
        self.providers = insert(Organisation, rows, "organisations", self.progress)
        insert(ProviderProfile, [
            ProviderProfile(organisation=org, description=t(f"{org.name} tuottaa sosiaali- ja terveyspalveluja.",
                                                            f"{org.name} producerar social- och hälsovårdstjänster.",
                                                            f"{org.name} provides social and health services."),
                            areas_served=[org.municipality], languages=["fi", "sv"][: 1 + self.rng.randint(0, 1)],
                            ownership=self.rng.choice(["private", "non_profit", "cooperative"]),
                            last_confirmed_at=self.now - timedelta(days=self.rng.randint(0, 400)))
            for org in self.providers
        ], "provider profiles", self.progress)
        services, tags = [], []
        areas = list(AREAS.values())
        for org in self.providers:
            for _n in range(s.services_each):
                (fi, sv, en), service_class, group = self.rng.choice(areas)
                where = self.rng.sample(MUNICIPALITIES, 2)
                services.append(Service(
                    provider=org, name=t(fi, sv, en), summary=t(f"{fi}: {where[0]}", f"{sv}: {where[0]}", f"{en}: {where[0]}"),
                    description=t(f"{fi} alueella {', '.join(where)}.", f"{sv} i {', '.join(where)}.", f"{en} in {', '.join(where)}."),
                    service_class=service_class, areas=where, languages=["fi"], capacity=20,
                    capacity_available=self.rng.randint(0, 5), price_basis=self.rng.choice(["per_day", "per_month", "per_visit"])))
                tags.append(group)
        through = Service.target_groups.through
        for chunk, groups in self.progress("services", zip(batched(services), batched(tags), strict=True), len(services)):
            created = Service.objects.bulk_create(chunk)
            through.objects.bulk_create([through(service_id=service.pk, targetgroup_id=self.groups[group].pk)
                                         for service, group in zip(created, groups, strict=True) if group in self.groups])
            refresh_search([service.pk for service in created])
        self.counts = {"organisations": len(self.authorities) + len(self.providers), "services": len(services)}

    def people(self) -> None:
        start = User.objects.order_by("-id").values_list("id", flat=True).first() or 0

        def person(n: int, username: str, organisation, position: str) -> User:
            return User(username=f"{username}-{start + n}", first_name=self.rng.choice(FIRST_NAMES),
                        last_name=self.rng.choice(LAST_NAMES), email=f"{username}-{start + n}@generated.invalid",
                        organisation=organisation, position=position, password=UNUSABLE_PASSWORD)

        rows = []
        for authority in self.authorities:
            rows += [person(len(rows), "virkailija", authority, "official"), person(len(rows) + 1, "valmistelija", authority, "staff")]
        # One representative for every fifth provider: those are the ones that bid.
        rows += [person(len(rows) + i, "edustaja", org, "representative") for i, org in enumerate(self.providers[::5])]
        rows += [person(len(rows) + i, "asukas", None, "") for i in range(self.scale.residents)]
        users = insert(User, rows, "people", self.progress)
        count = 2 * len(self.authorities)
        self.officials = {u.organisation_id: u for u in users[:count:2]}
        self.staff = {u.organisation_id: u for u in users[1:count:2]}
        self.representatives = [u for u in users if u.position == "representative"]
        self.residents = users[-self.scale.residents:] if self.scale.residents else []
        self.counts["people"] = len(users)

    # Procurements ------------------------------------------------------------------------------

    def procurements(self) -> None:
        rows = []
        for i in range(self.scale.procurements):
            authority = self.authorities[i % len(self.authorities)]
            area = self.rng.choice(list(AREAS))
            (fi, sv, en), _class, _group = AREAS[area]
            year = 2024 + self.rng.randint(0, 2)
            official = self.officials[authority.pk]
            rows.append(Procurement(
                reference=f"GEN-{i}-{self.rng.getrandbits(32):08x}", authority=authority,
                title=t(f"{fi} {year}", f"{sv} {year}", f"{en} {year}"),
                summary=t(f"{authority.name} hankkii palvelun yhdessä sen käyttäjien kanssa.",
                          f"{authority.name} upphandlar tjänsten tillsammans med användarna.",
                          f"{authority.name} procures the service together with the people who use it."),
                plain_summary=t("Kerro meille, mikä auttaa sinua.", "Berätta för oss vad som hjälper dig.", "Tell us what helps you."),
                service_area=area, procedure=self.rng.choice(PROCEDURES),
                estimated_value=Decimal(self.rng.randrange(100_000, 20_000_000, 1000)), phase=self.pick_phase(),
                is_public=self.rng.random() < 0.95, accountable_official=official, created_by=official))
        self.procurement_rows = insert(Procurement, rows, "procurements", self.progress)
        for procurement in self.procurement_rows:
            procurement.reference = f"CP-{procurement.created_at:%Y}-{procurement.pk:05d}"
        Procurement.objects.bulk_update(self.procurement_rows, ["reference"], batch_size=BATCH)
        through = Procurement.target_groups.through
        roles, changes, tags = [], [], []
        order = [Phase.PREPARATION, Phase.TENDERING, Phase.CONTRACT, Phase.CLOSED]
        for procurement in self.procurement_rows:
            group = AREAS[procurement.service_area][2]
            if group in self.groups:
                tags.append(through(procurement_id=procurement.pk, targetgroup_id=self.groups[group].pk))
            roles += [ProcurementRole(procurement=procurement, user=self.officials[procurement.authority_id], role="official"),
                      ProcurementRole(procurement=procurement, user=self.staff[procurement.authority_id], role="staff")]
            reached = order.index(procurement.phase)
            changes += [PhaseChange(procurement=procurement, source=order[n], target=order[n + 1],
                                    changed_by=self.officials[procurement.authority_id]) for n in range(reached)]
        through.objects.bulk_create(tags)
        insert(ProcurementRole, roles, "roles", self.progress)
        insert(PhaseChange, changes, "phase changes", self.progress)
        self.counts["procurements"] = len(self.procurement_rows)

    # Participation -----------------------------------------------------------------------------

    def participation(self) -> None:
        procurements = self.procurement_rows
        insert(ParticipationPlan, [
            ParticipationPlan(
                procurement=p, aims=["participation_wellbeing", "better_services"],
                participant_roles=t("Palvelujen käyttäjät ja läheiset kertovat kokemuksistaan.",
                                    "Tjänsternas användare och närstående berättar om sina erfarenheter.",
                                    "People who use the services and their relatives tell of their experience."),
                phases=["preparation", "contract"], methods=t("Kysely ja asiakasraati.", "Enkät och klientpanel.",
                                                              "A survey and a customer panel."),
                reach={AREAS[p.service_area][2]: 100}, accountable_official=p.accountable_official, k_threshold=5)
            for p in procurements
        ], "participation plans", self.progress)
        activities = []
        for p in procurements:
            starts = self.now - timedelta(days=self.rng.randint(-30, 300))
            activities += [
                Activity(procurement=p, kind="survey", phase=Phase.PREPARATION, setting="online",
                         title=t("Kysely palvelun käyttäjille", "Enkät till användarna", "Survey for the people who use the service"),
                         plain_language=True, languages=["fi", "sv"]),
                Activity(procurement=p, kind="customer_panel", phase=Phase.PREPARATION, setting="service_centre",
                         title=t("Asiakasraati", "Klientpanel", "Customer panel"), starts_at=starts,
                         ends_at=starts + timedelta(hours=2), place=f"Palvelukeskus, {self.rng.choice(MUNICIPALITIES)}",
                         step_free=True, induction_loop=self.rng.random() < 0.5, languages=["fi"], capacity=20),
            ]
        activities = insert(Activity, activities, "activities", self.progress)
        surveys = insert(Survey, [
            Survey(activity=activity, title=t("Mikä auttaa sinua?", "Vad hjälper dig?", "What helps you?"),
                   opens_at=self.now - timedelta(days=60), closes_at=self.now + timedelta(days=self.rng.randint(-30, 60)),
                   mode=SurveyMode.IDENTIFIED if (n % 10 == 9 and self.residents) else SurveyMode.ANONYMOUS, k_threshold=5)
            for n, activity in enumerate(activities[::2])
        ], "surveys", self.progress)
        questions = []
        for survey in surveys:
            questions += [
                Question(survey=survey, kind="likert", required=True, ordering=1,
                         text=t("Miten hyvin saat apua nyt?", "Hur bra får du hjälp nu?", "How well do you get help now?")),
                Question(survey=survey, kind="multiple", ordering=2, choices=t(
                    "Vertaistuki\nSama työntekijä\nNopeampi apu", "Kamratstöd\nSamma arbetare\nSnabbare hjälp",
                    "Peer support\nThe same worker\nHelp sooner"),
                    text=t("Mikä auttaisi eniten?", "Vad skulle hjälpa mest?", "What would help most?")),
                Question(survey=survey, kind="text", ordering=3,
                         text=t("Mitä muuta haluat sanoa?", "Vad mer vill du säga?", "What else would you like to say?")),
            ]
        questions = insert(Question, questions, "questions", self.progress)
        self.questions = {survey.pk: questions[3 * n:3 * n + 3] for n, survey in enumerate(surveys)}
        self.answers(surveys)
        insights = []
        for p, survey in zip(procurements, surveys, strict=True):
            rating, helps, words = self.questions[survey.pk]
            for n in range(3):
                said = SAID[(p.pk + n) % len(SAID)]
                status = [InsightStatus.TAKEN_UP, InsightStatus.OPEN, InsightStatus.NOT_TAKEN_UP][n]
                insights.append(Insight(
                    procurement=p, statement=t(*said), activity=survey.activity, question=[rating, helps, words][n],
                    excerpts=[said[0]], themes=["saatavuus"], status=status, created_by=self.staff[p.authority_id],
                    status_reason=t("Ei mahdu tämän hankinnan budjettiin.", "Ryms inte i budgeten.",
                                    "It does not fit this procurement's budget.") if status == InsightStatus.NOT_TAKEN_UP else {}))
        self.insights = insert(Insight, insights, "insights", self.progress)
        self.counts.update(activities=len(activities), surveys=len(surveys), insights=len(insights))

    def answers(self, surveys: list[Survey]) -> None:
        """Responses spread unevenly over the surveys, as attention is: a few get most answers.
        Written a batch at a time, so national scale never holds a million answers in memory."""
        total = round(self.scale.answers / 2.3)  # two answers each, a free text from three in ten
        weights = [self.rng.paretovariate(1.5) for _survey in surveys]
        bands = ["18_29", "30_64", "65_74", "75_plus"]
        groups = list(self.groups)
        answered = 0

        def batches():
            nonlocal answered
            for start in range(0, total, BATCH):
                responses, answers = [], []
                for _n in range(min(BATCH, total - start)):
                    survey = self.rng.choices(surveys, weights=weights)[0]
                    identified = survey.mode == SurveyMode.IDENTIFIED
                    response = Response(id=self.uuid(), survey=survey, mode=survey.mode, channel="online",
                                        answered_on=self.today - timedelta(days=self.rng.randint(0, 59)),
                                        participant=self.rng.choice(self.residents) if identified else None,
                                        target_group=self.rng.choice(groups), age_band=self.rng.choice(bands))
                    responses.append(response)
                    rating, helps, words = self.questions[survey.pk]
                    answers += [Answer(id=self.uuid(), response=response, question=rating, value=self.rng.randint(1, 5)),
                                Answer(id=self.uuid(), response=response, question=helps,
                                       value=sorted(self.rng.sample(["1", "2", "3"], self.rng.randint(1, 2))))]
                    if self.rng.random() < 0.3:
                        answers.append(Answer(id=self.uuid(), response=response, question=words,
                                              value=self.rng.choice(SAID)[0]))
                Response.objects.bulk_create(responses)
                Answer.objects.bulk_create(answers, batch_size=BATCH)
                answered += len(answers)
                yield responses

        for _batch in self.progress("survey responses", batches(), total):
            pass
        self.counts.update(responses=total, answers=answered)

    # Tendering ---------------------------------------------------------------------------------

    def tendering(self) -> None:
        tendered = [p for p in self.procurement_rows if p.phase != Phase.PREPARATION]
        insight_of = {}
        for insight in self.insights:
            insight_of.setdefault(insight.procurement_id, []).append(insight)
        objectives = insert(Objective, [
            Objective(procurement=p, statement=t(*said), agreed_on=self.today - timedelta(days=200),
                      agreed_how=t("Sovittiin asiakasraadissa.", "Överenskommet i klientpanelen.", "Agreed in the customer panel."))
            for p in tendered for said in (
                ("Asiakas saa apua viikon sisällä.", "Klienten får hjälp inom en vecka.", "Clients get help within a week."),
                ("Asiakas tapaa saman työntekijän.", "Klienten träffar samma arbetare.", "Clients meet the same worker."))
        ], "objectives", self.progress)
        through = Objective.insights.through
        through.objects.bulk_create([through(objective_id=o.pk, insight_id=insight_of[o.procurement_id][n % 2].pk)
                                     for n, o in enumerate(objectives)])
        tenders = []
        for p in tendered:
            public, wrapped = sealing.new_tender_keys()
            opened = p.phase in (Phase.CONTRACT, Phase.CLOSED)
            deadline = self.now - timedelta(days=self.rng.randint(60, 700)) if opened else self.now + timedelta(days=self.rng.randint(5, 60))
            tenders.append(Tender(
                procurement=p, service_description=t("Palvelukuvaus: katso tavoitteet.", "Tjänstebeskrivning: se målen.",
                                                     "Service description: see the objectives."),
                deadline=deadline, price_weight=Decimal("40"), published_at=deadline - timedelta(days=45),
                public_key=public, wrapped_private_key=wrapped, opened_at=deadline + timedelta(days=1) if opened else None,
                opened_by=self.officials[p.authority_id] if opened else None))
        tenders = insert(Tender, tenders, "tenders", self.progress)
        criteria = insert(QualityCriterion, [
            QualityCriterion(tender=tender, name=t(*name), weight=Decimal("30"), ordering=n,
                             levels={"0": t("Ei kuvattu", "Inte beskrivet", "Not described"),
                                     "5": t("Erinomainen", "Utmärkt", "Excellent")})
            for tender in tenders for n, name in enumerate((("Kokemusasiantuntijoiden osuus", "Erfarenhetsexperternas roll", "Experts by experience"),
                                                           ("Palvelun jatkuvuus", "Tjänstens kontinuitet", "Continuity of care")))
        ], "quality criteria", self.progress)
        objective_of = {}
        for objective in objectives:
            objective_of.setdefault(objective.procurement_id, []).append(objective)
        procurement_of = {tender.pk: tender.procurement_id for tender in tenders}
        through = QualityCriterion.objectives.through
        through.objects.bulk_create([
            through(qualitycriterion_id=c.pk, objective_id=objective_of[procurement_of[c.tender_id]][c.ordering].pk)
            for c in criteria])
        self.bids(tenders, criteria)
        self.tenders = tenders
        self.counts.update(tenders=len(tenders), objectives=len(objectives))

    def bids(self, tenders: list[Tender], criteria: list[QualityCriterion]) -> None:
        keys = {}
        for criterion in criteria:
            keys.setdefault(criterion.tender_id, []).append(criterion.key)
        rows, contents = [], []
        for tender in tenders:
            for representative in self.rng.sample(self.representatives, min(3, len(self.representatives))):
                content = {"price": str(Decimal(self.rng.randrange(50_000_000, 900_000_000, 100)) / 100),
                           "answers": {key: "Kuvaus toteutuksesta ja siitä, miten käyttäjät osallistuvat." for key in keys[tender.pk]}}
                rows.append(Bid(tender=tender, lead_id=representative.organisation_id, submitted_by=representative,
                                submitted_at=tender.deadline - timedelta(days=self.rng.randint(1, 20)), sealed_content=b""))
                contents.append(content)
        bids = insert(Bid, rows, "bids", self.progress)
        by_tender = {tender.pk: tender for tender in tenders}
        for bid, content in zip(bids, contents, strict=True):
            tender = by_tender[bid.tender_id]
            bid.sealed_content = sealing.seal(bytes(tender.public_key), tender.pk, bid.pk, content)
            if tender.opened_at:
                bid.price, bid.answers = Decimal(content["price"]), content["answers"]
        Bid.objects.bulk_update(bids, ["sealed_content", "price", "answers"], batch_size=1000)
        self.winners = {}
        for bid in bids:
            if by_tender[bid.tender_id].opened_at:
                self.winners.setdefault(bid.tender_id, bid)
        self.counts["bids"] = len(bids)

    # Contracts and outcomes --------------------------------------------------------------------

    def contracts(self) -> None:
        rows, winners = [], []
        for tender in self.tenders:
            if tender.pk not in self.winners:
                continue
            p = tender.procurement
            starts = first_of_month(tender.deadline.date() + timedelta(days=30), 1)
            kind = "alliance" if p.procedure == Procedure.ALLIANCE else "partnership"
            rows.append(Contract(procurement=p, kind=kind, title=p.title, starts_on=starts,
                                 ends_on=starts + timedelta(days=365 * 4)))
            winners.append(self.winners[tender.pk])
        self.contract_rows = insert(Contract, rows, "contracts", self.progress)
        parties = []
        provider_names = {org.pk: org.name for org in self.providers}
        authority_names = {org.pk: org.name for org in self.authorities}
        for contract, bid in zip(self.contract_rows, winners, strict=True):
            parties.append(Party(contract=contract, organisation_id=contract.procurement.authority_id,
                                 name=authority_names[contract.procurement.authority_id], role="authority"))
            parties.append(Party(contract=contract, organisation_id=bid.lead_id, name=provider_names[bid.lead_id],
                                 role="consortium_lead" if contract.kind == "alliance" else "provider"))
            if contract.kind == "alliance":
                partner = self.rng.choice([r for r in self.representatives if r.organisation_id != bid.lead_id])
                parties.append(Party(contract=contract, organisation_id=partner.organisation_id,
                                     name=provider_names[partner.organisation_id], role="consortium_member"))
        self.parties = insert(Party, parties, "contract parties", self.progress)
        kras = insert(Kra, [
            Kra(contract=contract, name=t(*name), weight=Decimal("0.25"), ordering=n)
            for contract in self.contract_rows for n, name in enumerate((
                ("Asumisen pysyvyys", "Boendets varaktighet", "Lasting housing"),
                ("Asiakkaan kokemus", "Klientens upplevelse", "Client experience"),
                ("Työllistyminen", "Sysselsättning", "Employment"),
                ("Kustannusvaikuttavuus", "Kostnadseffektivitet", "Cost-effectiveness")))
        ], "key result areas", self.progress)
        indicators = insert(Indicator, [
            Indicator(kra=kra, code=f"kra{kra.ordering + 1}-{n + 1}", name=t(f"Mittari {n + 1}", f"Mätare {n + 1}", f"Indicator {n + 1}"),
                      unit="percent", direction="higher_is_better", baseline=Decimal("60"), minimum=Decimal("60"),
                      target=Decimal("75"), excellent=Decimal("90"), frequency="monthly", data_source="provider_report")
            for kra in kras for n in range(3)
        ], "indicators", self.progress)
        starts_of = {contract.pk: contract.starts_on for contract in self.contract_rows}
        contract_of = {kra.pk: kra.contract_id for kra in kras}
        each, extra = divmod(self.scale.measurements, max(len(indicators), 1))

        def values(chunk: list[Indicator]) -> list[Measurement]:
            rows = []
            for indicator in chunk:
                first = starts_of[contract_of[indicator.kra_id]]
                level = self.rng.uniform(60, 85)
                for month in range(each + (indicator.pk in bonus)):
                    level = min(100, max(0, level + self.rng.uniform(-3, 3.5)))
                    rows.append(Measurement(indicator=indicator, period_start=first_of_month(first, month),
                                            period_end=first_of_month(first, month + 1) - timedelta(days=1),
                                            value=Decimal(f"{level:.1f}"), source="api"))
            return Measurement.objects.bulk_create(rows, batch_size=BATCH)

        # Written a few hundred indicators at a time: national scale has two million values.
        bonus = {indicator.pk for indicator in indicators[:extra]}
        for _chunk in self.progress("indicator values", (values(chunk) for chunk in batched(indicators, 500)),
                                    self.scale.measurements):
            pass
        self.counts.update(contracts=len(self.contract_rows), measurements=self.scale.measurements)

    def alliance(self) -> None:
        alliances = [c for c in self.contract_rows if c.kind == "alliance"]
        officials = {c.pk: self.officials[c.procurement.authority_id] for c in alliances}
        providers = {}
        for party in self.parties:
            if party.role != "authority":
                providers.setdefault(party.contract_id, []).append(party)
        # Quarterly, as alliances settle: sixteen quarters over the four contract years.
        periods = insert(SettlementPeriod, [
            SettlementPeriod(contract=c, label=f"{first_of_month(c.starts_on, 3 * n):%Y-%m}",
                             starts_on=first_of_month(c.starts_on, 3 * n),
                             ends_on=first_of_month(c.starts_on, 3 * n + 3) - timedelta(days=1),
                             target_cost=Decimal("500000"), fee_kind="rate", fee_amount=Decimal("0.06"),
                             gain_share=Decimal("0.5"), pain_share=Decimal("0.5"), gain_cap=Decimal("150000"),
                             pain_cap=Decimal("150000"), kra_bonus_pool=Decimal("80000"), kra_sanction_pool=Decimal("60000"))
            for c in alliances for n in range(16)
        ], "settlement periods", self.progress)
        insert(ProviderSplit, [
            ProviderSplit(period=period, party=party, percent=Decimal(share))
            for period in periods for party, share in zip(providers[period.contract_id], ("60", "40"), strict=True)
        ], "provider splits", self.progress)
        lines = []
        each = math.ceil(self.scale.cost_lines / max(len(periods), 1))
        for period in periods:
            settled = period.ends_on < self.today
            for n in range(each):
                if len(lines) >= self.scale.cost_lines:
                    break
                party = providers[period.contract_id][n % 2]
                status = CostStatus.APPROVED if settled else self.rng.choice(list(CostStatus))
                lines.append(CostLine(
                    period=period, party=party, amount=Decimal(self.rng.randrange(2_000, 2_000_000_00 // max(each, 1), 100)) / 100,
                    category=self.rng.choice(["Henkilöstö", "Toimitilat", "Matkat", "Koulutus"]),
                    evidence=f"Lasku {period.label}-{n + 1}", status=status,
                    reason="Ei sovittu kustannuslaji." if status == CostStatus.REJECTED else "",
                    reported_by=None, decided_by=officials[period.contract_id] if status != CostStatus.REPORTED else None,
                    decided_at=self.now if status != CostStatus.REPORTED else None))
        insert(CostLine, lines, "cost lines", self.progress)
        statements = []
        settled = [p for p in periods if p.ends_on < self.today]
        for period in self.progress("settlement statements", settled, len(settled)):
            try:
                document = settlement.to_json_dict(alliance_selectors.draft(alliance_selectors.period_page(period.pk)).settle())
            except DomainError:
                continue  # a period whose figures cannot be settled stays a draft, as in the app
            statements.append(Statement(period=period, document=document, approved_by=officials[period.contract_id]))
        Statement.objects.bulk_create(statements)
        self.counts.update(settlement_periods=len(periods), cost_lines=len(lines), statements=len(statements))


def generate(scale: Scale, seed: int = 1, progress: Progress | None = None) -> dict[str, int]:
    return Generator(scale, seed, progress).run()

