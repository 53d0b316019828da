from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coprocure.contracts import services
from coprocure.core import services as core_services

from .. import factories
from ..factories import text


def to_contract_phase(official, procurement):
    core_services.change_phase(official, procurement, "tendering")
    core_services.change_phase(official, procurement, "contract")
    procurement.refresh_from_db()
    return procurement


@pytest.fixture
def provider():
    return factories.ProviderFactory(name="Päihdepalvelut Kulma Oy")


@pytest.fixture
def contract(official, procurement, provider):
    to_contract_phase(official, procurement)
    contract = services.create_contract(official, procurement, {
        "kind": "partnership", "title": text("Kumppanuussopimus", "Partnerskapsavtal"),
        "description": text("Pitkä kumppanuus."), "starts_on": date(2025, 1, 1), "ends_on": date(2027, 12, 31),
        "options": text("Kaksi optiovuotta."),
    })
    services.add_party(official, contract, {"organisation": provider, "name": provider.name, "role": "provider"})
    return contract


@pytest.fixture
def client_rep(official, contract):
    return services.add_member(official, contract, {
        "name": "Anna Kokemus", "role": "client_representative", "organisation": None, "user": None,
        "term_starts": date(2025, 1, 1), "term_ends": date(2026, 12, 31), "deputy_for": None,
    })


@pytest.fixture
def meeting(official, contract):
    return services.schedule_meeting(official, contract, {
        "starts_at": timezone.now() + timedelta(days=10), "place": "Tampere",
        "agenda": text("1. Tervetuloa. 2. Asiakkaiden palaute."), "materials": [],
    })


def decision_data(official, **overrides):
    data = {
        "title": text("Ilta-ajat käyttöön"), "decided": text("Palvelu on auki myös iltaisin."),
        "reasoning": text("Asiakkaat toivoivat iltoja."), "proposed_by": "Anna Kokemus",
        "proposer_role": "client_representative", "client_view": text("Tämä oli meidän toiveemme."),
        "meeting": None, "accountable_official": official, "decided_on": date(2025, 3, 1),
        "is_confidential": False, "confidentiality_reason": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def indicator(official, contract):
    kra = services.add_kra(official, contract, {"name": text("Asumisen pysyvyys"), "description": {}, "weight": "0.5"})
    return services.add_indicator(official, kra, {
        "code": "pysyvyys", "name": text("Asuu yhä omassa kodissa"), "unit": "percent", "direction": "higher_is_better",
        "baseline": 70, "minimum": 70, "target": 80, "excellent": 90, "frequency": "monthly",
        "data_source": "provider_report", "reported_by": None,
    })


@pytest.fixture
def reporter(contract, provider):
    return factories.UserFactory(organisation=provider, position="representative")


def contract_with_everything(official, procurement):
    """A contract with one of each public thing, for page-wide checks such as accessibility."""
    to_contract_phase(official, procurement)
    contract = services.create_contract(official, procurement, {
        "kind": "partnership", "title": text("Kumppanuussopimus", "Partnerskapsavtal", "Partnership contract"),
        "description": text("Pitkä kumppanuus."), "starts_on": date(2025, 1, 1), "ends_on": date(2027, 12, 31), "options": {},
    })
    services.add_member(official, contract, {"name": "Anna Kokemus", "role": "client_representative", "organisation": None,
                                             "user": None, "term_starts": date(2025, 1, 1), "term_ends": None, "deputy_for": None})
    meeting = services.schedule_meeting(official, contract, {
        "starts_at": timezone.now() + timedelta(days=10), "place": "Tampere", "agenda": text("Asialista"),
        "materials": [{"title": "Selkokielinen esityslista", "url": "https://example.org/selko.pdf"}],
    })
    services.publish_agenda(official, meeting)
    decision = services.record_decision(official, contract, decision_data(official, meeting=meeting))
    kra = services.add_kra(official, contract, {"name": text("Asumisen pysyvyys"), "description": {}, "weight": Decimal(1)})
    services.add_indicator(official, kra, {
        "code": "asuminen", "name": text("Asuu omassa kodissa"), "unit": "percent", "direction": "higher_is_better",
        "baseline": Decimal(70), "minimum": Decimal(70), "target": Decimal(80), "excellent": Decimal(90),
        "frequency": "monthly", "data_source": "provider_report", "reported_by": None,
    })
    services.report_measurements(official, contract, [["mittari", "jakso", "arvo"], ["asuminen", "2025-01", "75"],
                                                      ["asuminen", "2025-02", "82"]], source="ui")
    proposal = services.submit_proposal(contract, {"text": "Ilta-aukiolo", "proposer_kind": "service_user"})
    services.decide_proposal(official, proposal, {"status": "adopted", "owner": None, "kras": [kra],
                                                  "outcome": text("Auki iltaisin."), "status_reason": {}})
    return contract, meeting, decision
