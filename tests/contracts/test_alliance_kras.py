"""An alliance's KRAs are agreed in its development phase and frozen into the contract at the
switch to the service phase (docs/alliance.md): the contracts app's own KRA and indicator pages
and API refuse them meanwhile and afterwards, with the way to the development phase, and store
nothing. Tried by the official who may write other contracts' KRAs, and by a provider."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from coprocure.alliance import services_development as development
from coprocure.alliance.models import DevelopmentPhase
from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.contracts import services
from coprocure.contracts.models import Indicator, Kra

from .. import factories
from ..alliance.conftest import KRA, develop
from ..factories import text
from .conftest import to_contract_phase

INDICATOR = {"code": "toinen", "name": {"fi": "Toinen"}, "unit": "score", "direction": "higher_is_better",
             "minimum": "1", "target": "2", "excellent": "3", "frequency": "quarterly", "data_source": "survey"}


@pytest.fixture
def alliance(official, procurement):
    """An alliance whose parties are selected and whose development phase has agreed nothing yet."""
    to_contract_phase(official, procurement)
    contract = services.create_contract(official, procurement, {
        "kind": "alliance", "title": text("Allianssisopimus"), "description": {}, "starts_on": date(2025, 1, 1),
        "ends_on": date(2027, 12, 31), "options": {}})
    for name in ("Asumispalvelu Oy", "Polku ry"):
        organisation = factories.ProviderFactory(name=name)
        services.add_party(official, contract, {"organisation": organisation, "name": name, "role": "provider"})
    return contract


def api(client, user, method, path, body=None):
    token = ApiToken.issue(user, "t")[1]
    return getattr(client, method)(path, body or {}, content_type="application/json",
                                   HTTP_AUTHORIZATION=f"Bearer {token}")


def stored():
    return (list(Kra.objects.values_list("pk", "name", "weight")),
            list(Indicator.objects.values_list("pk", "code", "minimum", "target", "excellent")),
            AuditEntry.objects.filter(action__startswith="contracts.kra").count()
            + AuditEntry.objects.filter(action__startswith="contracts.indicator").count())


def refused_with(response, code, contract):
    error = response.json()["errors"][0]
    return (response.status_code == 409 and error["code"] == code
            and f"/contracts/{contract.pk}/development/" in error["message"])


def test_during_the_development_phase_the_kra_routes_refuse_and_point_to_it(client, official, alliance):
    before = stored()
    response = api(client, official, "post", f"/api/v1/contracts/{alliance.pk}/kras",
                   {"name": {"fi": "Oma"}, "weight": "1"})
    assert refused_with(response, "development_kras_in_development", alliance)
    client.force_login(official)
    page = client.get(f"/contracts/{alliance.pk}/kras/new/")
    assert page.status_code == 409 and f'href="/contracts/{alliance.pk}/development/"' in page.content.decode()
    assert b'name="weight"' not in page.content
    posted = client.post(f"/contracts/{alliance.pk}/kras/new/", {"name_fi": "Oma", "weight": "1"})
    assert posted.status_code == 409
    outcomes = client.get(f"/contracts/{alliance.pk}/outcomes/").content.decode()
    assert f'href="/contracts/{alliance.pk}/development/"' in outcomes
    assert f'href="/contracts/{alliance.pk}/kras/new/"' not in outcomes
    assert stored() == before


def test_a_provider_is_refused_as_before_without_learning_more(client, alliance):
    provider = factories.UserFactory(organisation=alliance.parties.exclude(role="authority").first().organisation)
    before = stored()
    response = api(client, provider, "post", f"/api/v1/contracts/{alliance.pk}/kras",
                   {"name": {"fi": "Oma"}, "weight": "1"})
    assert response.status_code == 403 and "development" not in response.content.decode()
    assert stored() == before


def test_the_switch_still_freezes_the_agreed_kras_and_then_only_the_alliance_app_could_change_them(
        client, official, alliance):
    develop(official, alliance)
    kra = alliance.kras.get()
    indicator = kra.indicators.get()
    assert (kra.weight, indicator.code, indicator.target) == (KRA["weight"], KRA["code"], KRA["target"])
    before = stored()
    code = "development_kras_frozen"
    assert refused_with(api(client, official, "post", f"/api/v1/contracts/{alliance.pk}/kras",
                            {"name": {"fi": "Oma"}, "weight": "0.5"}), code, alliance)
    assert refused_with(api(client, official, "put", f"/api/v1/kras/{kra.pk}",
                            {"name": {"fi": "Toinen nimi"}, "weight": "0.5"}), code, alliance)
    assert refused_with(api(client, official, "delete", f"/api/v1/kras/{kra.pk}"), code, alliance)
    assert refused_with(api(client, official, "post", f"/api/v1/kras/{kra.pk}/indicators", INDICATOR), code, alliance)
    assert refused_with(api(client, official, "put", f"/api/v1/indicators/{indicator.pk}",
                            {**INDICATOR, "code": KRA["code"], "target": "85"}), code, alliance)
    assert refused_with(api(client, official, "delete", f"/api/v1/indicators/{indicator.pk}"), code, alliance)
    client.force_login(official)
    for path, data in ((f"/kras/{kra.pk}/edit/", {"name_fi": "Toinen nimi", "weight": "0.5"}),
                       (f"/kras/{kra.pk}/remove/", {}), (f"/kras/{kra.pk}/indicators/new/", {"code": "toinen"}),
                       (f"/indicators/{indicator.pk}/edit/", {"code": "muu"}), (f"/indicators/{indicator.pk}/remove/", {})):
        assert client.get(path).status_code == 409, path
        assert client.post(path, data).status_code == 409, path
    assert stored() == before


def test_an_alliance_migrated_into_its_service_phase_without_drafts_keeps_its_kras_here(official, alliance):
    DevelopmentPhase.objects.create(contract=alliance, frozen_at=timezone.now())
    kra = services.add_kra(official, alliance, {"name": {"fi": "Oma"}, "description": {}, "weight": Decimal(1)})
    assert alliance.kras.get() == kra


def test_a_development_phase_draft_of_kras_is_still_proposed_where_it_belongs(official, alliance):
    development.propose_draft(official, alliance, "kras", {"kras": [KRA], "note": ""})
    assert alliance.development_drafts.filter(element="kras").count() == 1 and not alliance.kras.exists()
