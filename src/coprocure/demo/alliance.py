"""Demo development phase and settlements for the housing alliance: in the development phase the
county proposes a target cost, one provider a higher one that every party agrees, the county the
KRAs and a provider the operating model, and the accountable official begins the service phase,
which makes the agreed target cost and KRAs the contract's terms. Then its leadership group agrees
the cost categories unanimously, its auditor reports on each quarter before the statement is approved, and three
quarters of the first year are settled: one with a KRA bonus, one over the target cost with
results below target where the sanction is bounded by the fee, and one where the cap on the
savings share applies. Written through the services, so every figure comes from cost lines
and measurements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coprocure.alliance import services
from coprocure.alliance import services_development as development
from coprocure.contracts import services as contracts
from coprocure.contracts.models import Contract
from coprocure.core.models import Organisation, User

from .people import PASSWORD
from .procurements import t

# Quarter: (the providers' approved costs, one rejected cost, KRA results in the indicators' order).
QUARTERS = {
    1: (["310000", "240000", "150000", "100000"], "4200", ["89", "3.9", "86"]),      # under target, good results: bonus
    # Over target and weak results: the overrun share and the sanction together would exceed the
    # fee, so the downside is bounded by the fee (fee_bound_applied) and the audited costs are paid.
    2: (["380000", "290000", "180000", "110000"], None, ["74", "2.9", "69"]),
    3: (["250000", "180000", "120000", "80000"], "1800", ["85", "3.7", "81"]),       # far under target: the cap applies
}
SPLIT = {"asumispalvelu": "40", "polku": "25", "kotisatama": "20", "kotipolku": "15"}
CATEGORIES = ["Henkilöstö ja asunnot", "Tilat ja kalusteet", "Matkat", "Koulutus"]
TARGET_COST = Decimal("850000")
KRAS = [
    {"name": t("Asumisen pysyvyys", "Stabilt boende", "Stable housing"), "weight": "0.4",
     "code": "asumisen-pysyvyys", "indicator": t("Asukkaista asuu yhä samassa kodissa vuoden kuluttua (%)",
                                                 "Andel boende som bor kvar i samma hem efter ett år (%)",
                                                 "Residents still in the same home a year later (%)"),
     "unit": "percent", "direction": "higher_is_better", "baseline": "72", "minimum": "75", "target": "85",
     "excellent": "92", "frequency": "quarterly", "data_source": "register"},
    {"name": t("Osallisuus ja elämänhallinta", "Delaktighet och livskontroll", "Participation and control of one's life"),
     "weight": "0.3", "code": "osallisuus", "indicator": t("Asukkaiden oma arvio osallisuudesta (1–5)",
                                                          "Boendes egen bedömning av delaktighet (1–5)",
                                                          "Residents' own rating of participation (1–5)"),
     "unit": "score", "direction": "higher_is_better", "baseline": "3.1", "minimum": "3", "target": "3.6",
     "excellent": "4.2", "frequency": "quarterly", "data_source": "survey"},
    {"name": t("Asiakaskokemus", "Klientupplevelse", "Client experience"), "weight": "0.3",
     "code": "asiakaskokemus", "indicator": t("Suosittelisi palvelua ystävälle (%)",
                                              "Skulle rekommendera tjänsten till en vän (%)",
                                              "Would recommend the service to a friend (%)"),
     "unit": "percent", "direction": "higher_is_better", "baseline": "70", "minimum": "70", "target": "80",
     "excellent": "90", "frequency": "quarterly", "data_source": "survey"},
]
OPERATING_MODEL = (
    "Asukkaan tukena on yksi yhteinen tiimi, johon jokainen palveluntuottaja antaa työntekijänsä. "
    "Tiimi tapaa asukkaan hänen kotonaan tai siellä, missä hän on, ja sopii tuesta asukkaan kanssa.\n\n"
    "Allianssin johtoryhmä kokoontuu kuukausittain. Kokemusasiantuntijat osallistuvat palvelun "
    "kehittämiseen, ja avaintulosalueiden tulokset käydään läpi neljännesvuosittain.")


def reporters(organisations: dict[str, Organisation]) -> dict[str, User]:
    """One representative per provider, so that each reports its own costs (the first also leads
    the group's request to participate, demo/alliance_procedure.py)."""
    return {
        key: User.objects.create_user(
            username=f"allianssi-{key}", password=PASSWORD, first_name="Allianssi", last_name=organisations[key].name,
            email=f"allianssi-{key}@demo.invalid", organisation=organisations[key], position="representative",
        )
        for key in SPLIT
    }


def _leadership(contract: Contract, official: User) -> None:
    """The leadership group (allianssin johtoryhmä) agrees the cost categories: every party agrees."""
    year = contract.starts_on.year
    services.record_leadership_decision(official, contract, {
        "title": t("Korvattavat kustannuslajit", "Ersättningsgilla kostnadsslag", "Reimbursable cost categories"),
        "decided": t("Kustannuksina korvataan vain sovitut kustannuslajit.",
                     "Endast de överenskomna kostnadsslagen ersätts som kostnader.",
                     "Only the agreed cost categories are reimbursed as costs."),
        "reasoning": t("Avoin kirjanpito edellyttää, että kustannuslajit sovitaan etukäteen.",
                       "Öppen bokföring förutsätter att kostnadsslagen avtalas på förhand.",
                       "Open-book accounting needs the cost categories agreed in advance."),
        "proposed_by": "Allianssin johtoryhmä", "proposer_role": "steering_group", "client_view": {}, "meeting": None,
        "accountable_official": official, "decided_on": date(year, 1, 10), "is_confidential": False,
        "confidentiality_reason": "", "matter": "cost_categories", "categories": "\n".join(CATEGORIES),
        "positions": {party: {"stance": "supports", "representative": "", "view": ""}
                      for party in contract.parties.all()},
    })


def _development(contract: Contract, official: User, parties, reporters: dict[str, User]) -> None:
    """The development phase: drafts from the county and the providers, every party agreeing to
    the newest of each, and the accountable official beginning the service phase."""
    first = development.propose_draft(official, contract, "target_cost", {
        "target_cost": Decimal("800000"), "note": "Hyvinvointialueen arvio nykyisten palvelujen kustannuksista."})
    for key, party in zip(SPLIT, parties, strict=True):
        if key != "asumispalvelu":
            development.take_position(reporters[key], first, {"stance": "supports", "view": ""})
    development.take_position(reporters["asumispalvelu"], first, {
        "stance": "opposes", "view": "Arviosta puuttuu asuntojen vuokravastuu ja yöaikainen tuki."})
    drafts = [
        development.propose_draft(reporters["asumispalvelu"], contract, "target_cost", {
            "target_cost": TARGET_COST, "note": "Lisätty asuntojen vuokravastuu ja yöaikainen tuki."}),
        development.propose_draft(official, contract, "kras", {
            "kras": [{**kra, **{name: Decimal(kra[name]) for name in development.DECIMALS}} for kra in KRAS],
            "note": "Painotus asumisen pysyvyyteen: se on palvelun tärkein tavoite."}),
        development.propose_draft(reporters["kotisatama"], contract, "operating_model", {
            "text": OPERATING_MODEL, "note": ""}),
    ]
    for draft in drafts:
        development.take_position(official, draft, {"stance": "supports", "view": ""})
        for key in SPLIT:
            development.take_position(reporters[key], draft, {"stance": "supports", "view": ""})
    development.start_service_phase(official, contract)


def _auditor(contract: Contract, official: User) -> User:
    auditor = User.objects.create_user(
        username="tilintarkastaja", password=PASSWORD, first_name="Tiina", last_name="Tarkastaja",
        email="tilintarkastaja@demo.invalid")
    services.appoint_auditor(official, contract, {"user": auditor})
    return auditor


def housing_alliance(contract: Contract, official: User, reporters: dict[str, User]) -> None:
    year = contract.starts_on.year
    parties = list(contract.parties.exclude(role="authority").order_by("id"))
    _development(contract, official, parties, reporters)
    _leadership(contract, official)
    auditor = _auditor(contract, official)
    codes = [kra.indicators.first().code for kra in contract.kras.order_by("ordering", "id")]
    for quarter, (costs, rejected, results) in QUARTERS.items():
        starts_on = date(year, 3 * quarter - 2, 1)
        next_quarter = date(year, 3 * quarter + 1, 1)
        period = services.create_period(official, contract, {
            "label": f"{year}-q{quarter}", "starts_on": starts_on,
            "ends_on": date.fromordinal(next_quarter.toordinal() - 1),
            "target_cost": TARGET_COST, "fee_kind": "target_rate", "fee_amount": Decimal("0.06"),
            "gain_share": Decimal("0.5"), "pain_share": Decimal("0.5"), "gain_cap": Decimal("60000"),
            "pain_cap": Decimal("60000"), "kra_bonus_pool": Decimal("40000"), "kra_sanction_pool": Decimal("30000"),
            "split": {party: Decimal(SPLIT[key]) for key, party in zip(SPLIT, parties, strict=True)},
        })
        for key, amount in zip(SPLIT, costs, strict=True):
            line = services.report_cost(reporters[key], period, {
                "amount": Decimal(amount), "category": "Henkilöstö ja asunnot",
                "evidence": f"Kirjanpidon raportti {year}-Q{quarter}"})
            services.decide_cost(official, line, {"approve": True, "reason": "Vastaa kirjanpitoa ja sovittuja kustannuslajeja."})
        if rejected:
            line = services.report_cost(reporters["polku"], period, {
                "amount": Decimal(rejected), "category": "Matkat", "evidence": "Lasku 118: edustusillallinen"})
            services.decide_cost(official, line, {
                "approve": False, "reason": "Edustuskulut eivät ole korvattavia matkakuluja allianssisopimuksessa."})
        contracts.report_measurements(official, contract, [["mittari", "jakso", "arvo"]] + [
            [code, f"{year}-Q{quarter}", value] for code, value in zip(codes, results, strict=True)], source="ui")
        approved = sum(Decimal(amount) for amount in costs)
        services.issue_audit_report(auditor, period, {
            "opinion": "clean", "audited_cost": approved,
            "findings": f"Kustannusrivit tarkastettu kirjanpitoa ja tositteita vasten ({year}-Q{quarter}). "
                        "Hyväksytyt kustannukset kuuluvat sovittuihin kustannuslajeihin."})
        services.approve_statement(official, period)
