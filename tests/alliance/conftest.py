from datetime import date
from decimal import Decimal

import pytest

from coprocure.alliance import services
from coprocure.alliance import services_development as development
from coprocure.contracts import services as contracts

from .. import factories
from ..contracts.conftest import decision_data, to_contract_phase
from ..factories import text


CATEGORIES = ["Henkilöstö", "Tilat", "Matkat"]
TARGET_COST = Decimal("1000000")
KRA = {"name": text("Asumisen pysyvyys"), "indicator": text("Asuu yhä omassa kodissa"), "code": "pysyvyys",
       "weight": Decimal(1), "unit": "percent", "direction": "higher_is_better", "baseline": Decimal(70),
       "minimum": Decimal(70), "target": Decimal(80), "excellent": Decimal(90), "frequency": "quarterly",
       "data_source": "register"}


def representative(party):
    """A person speaking for a provider party in the development phase."""
    return party.organisation.people.first() or factories.UserFactory(organisation=party.organisation,
                                                                          position="representative")


def propose_all(official, contract, target_cost=TARGET_COST, kras=(KRA,)):
    """The authority's official proposes the three drafts (the authority thereby agrees to them)."""
    return [development.propose_draft(official, contract, "target_cost", {"target_cost": target_cost, "note": ""}),
            development.propose_draft(official, contract, "kras", {"kras": list(kras), "note": ""}),
            development.propose_draft(official, contract, "operating_model",
                                      {"text": "Yhteinen palveluohjaus ja asumisen tuki.", "note": ""})]


def develop(official, contract, **drafts):
    """The development phase as the parties run it: the drafts proposed, every provider agreeing,
    and the accountable official beginning the service phase."""
    proposed = propose_all(official, contract, **drafts)
    for party in contract.parties.exclude(role="authority"):
        for draft in proposed:
            development.take_position(representative(party), draft, {"stance": "supports", "view": ""})
    return development.start_service_phase(official, contract)


def agree(official, contract, matter="cost_categories", categories="\n".join(CATEGORIES), stances=None, **overrides):
    """A leadership-group decision with every party's position (all agreeing unless told)."""
    stances = stances or {}
    positions = {party: {"stance": stances.get(party.name, "supports"), "representative": f"{party.name} edustaja",
                         "view": ""} for party in contract.parties.all()}
    return services.record_leadership_decision(official, contract, {
        **decision_data(official, **overrides), "matter": matter, "categories": categories, "positions": positions})


def audited(official, period, auditor=None):
    """The period's audit report, by the alliance's auditor (appointed here when needed)."""
    if auditor is None:
        auditor = factories.UserFactory(position="")
        services.appoint_auditor(official, period.contract, {"user": auditor})
    return services.issue_audit_report(auditor, period, {"opinion": "clean", "findings": "Kirjanpito tarkastettu.",
                                                         "audited_cost": Decimal(0)})


def period_data(alliance, **overrides):
    providers = list(alliance.parties.exclude(role="authority").order_by("name"))
    data = {
        "label": "2025", "starts_on": date(2025, 1, 1), "ends_on": date(2025, 12, 31),
        "target_cost": Decimal("1000000"), "fee_kind": "target_rate", "fee_amount": Decimal("0.05"),
        "gain_share": Decimal("0.5"), "pain_share": Decimal("0.5"), "gain_cap": Decimal("40000"),
        "pain_cap": Decimal("60000"), "kra_bonus_pool": Decimal("50000"), "kra_sanction_pool": Decimal("30000"),
        "split": {providers[0]: Decimal("60"), providers[1]: Decimal("40")},
    }
    data.update(overrides)
    return data


@pytest.fixture
def providers():
    return [factories.ProviderFactory(name="Asumispalvelu Oy"), factories.ProviderFactory(name="Polku ry")]


@pytest.fixture
def alliance(official, procurement, providers):
    to_contract_phase(official, procurement)
    contract = contracts.create_contract(official, procurement, {
        "kind": "alliance", "title": text("Allianssisopimus"), "description": {}, "starts_on": date(2025, 1, 1),
        "ends_on": date(2027, 12, 31), "options": {},
    })
    for organisation in providers:
        contracts.add_party(official, contract, {"organisation": organisation, "name": organisation.name,
                                                 "role": "provider"})
    develop(official, contract)
    agree(official, contract)
    return contract


@pytest.fixture
def period(official, alliance):
    return services.create_period(official, alliance, period_data(alliance))


@pytest.fixture
def reporter(providers):
    return factories.UserFactory(organisation=providers[0], position="representative")


def settled_alliance(official, procurement):
    """An alliance with one quarter settled and approved, and the next one open: for page tests."""
    first, second = factories.ProviderFactory(name="Asumispalvelu Oy"), factories.ProviderFactory(name="Polku ry")
    contract = contracts.create_contract(official, procurement, {
        "kind": "alliance", "title": text("Asumisen tuen allianssi"), "description": {}, "starts_on": date(2025, 1, 1),
        "ends_on": date(2027, 12, 31), "options": {},
    })
    for organisation in (first, second):
        contracts.add_party(official, contract, {"organisation": organisation, "name": organisation.name,
                                                 "role": "provider"})
    develop(official, contract)
    agree(official, contract)
    reporter = factories.UserFactory(organisation=first, position="representative")
    settled = services.create_period(official, contract, period_data(contract, label="2025-q1", ends_on=date(2025, 3, 31)))
    line = services.report_cost(reporter, settled, {"amount": Decimal("950000"), "category": "Henkilöstö",
                                                    "evidence": "Kirjanpito Q1"})
    services.decide_cost(official, line, {"approve": True, "reason": "Vastaa kirjanpitoa."})
    contracts.report_measurements(official, contract, [["mittari", "jakso", "arvo"], ["pysyvyys", "2025-Q1", "86"]],
                                  source="ui")
    audited(official, settled)
    services.approve_statement(official, settled)
    open_period = services.create_period(official, contract, period_data(
        contract, label="2025-q2", starts_on=date(2025, 4, 1), ends_on=date(2025, 6, 30)))
    return contract, settled, open_period
