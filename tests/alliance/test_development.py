"""The alliance's development phase (issue 21 item 7): the parties agree the target cost, the KRAs
and the operating model as numbered drafts, and the accountable official's switch to the service
phase freezes them into the contract. Services, pages and API, tried by the people who must be
refused too: a non-party, the staff instead of the official, a change after the freeze."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from coprocure.alliance import services
from coprocure.alliance import services_development as development
from coprocure.alliance.models import DevelopmentDraft, DevelopmentPhase, DraftPosition, SettlementPeriod
from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.contracts import services as contracts
from coprocure.contracts.models import Kra
from coprocure.core import services as core
from coprocure.errors import ServiceError

from .. import factories
from ..contracts.conftest import to_contract_phase
from ..factories import text
from .conftest import KRA, TARGET_COST, period_data, propose_all, representative


def codes(refused):
    return {code for items in refused.value.errors.values() for code, _message in items}


@pytest.fixture
def developing(official, procurement, providers):
    """An alliance whose parties are selected; its development phase has not agreed anything yet."""
    to_contract_phase(official, procurement)
    contract = contracts.create_contract(official, procurement, {
        "kind": "alliance", "title": text("Allianssisopimus"), "description": {}, "starts_on": date(2025, 1, 1),
        "ends_on": date(2027, 12, 31), "options": {}})
    for organisation in providers:
        contracts.add_party(official, contract, {"organisation": organisation, "name": organisation.name,
                                                 "role": "provider"})
    return contract


@pytest.fixture
def speakers(developing):
    """One person speaking for each provider party."""
    return [representative(party) for party in developing.parties.exclude(role="authority").order_by("name")]


def agree_all(speakers, drafts):
    for person in speakers:
        for draft in drafts:
            development.take_position(person, draft, {"stance": "supports", "view": ""})


def api(client, user, method, path, body=None):
    token = ApiToken.issue(user, "t")[1]
    call = getattr(client, method)
    return call(path, body or {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_drafts_are_versioned_with_who_proposed_them_and_the_proposer_agrees(official, developing, speakers):
    first = development.propose_draft(official, developing, "target_cost", {"target_cost": Decimal(900000)})
    second = development.propose_draft(speakers[0], developing, "target_cost",
                                       {"target_cost": Decimal(950000), "note": "Henkilöstökulut nousevat."})
    assert (first.version, second.version) == (1, 2)
    assert (first.party.role, first.proposed_by) == ("authority", official)
    assert (second.party.organisation, second.proposed_by, second.note) == (
        speakers[0].organisation, speakers[0], "Henkilöstökulut nousevat.")
    assert [(p.party_id, p.stance) for p in second.positions.all()] == [(second.party_id, "supports")]
    assert AuditEntry.objects.filter(action="alliance.draft_propose").count() == 2
    # An older version takes no more positions: the newest is what would be frozen.
    with pytest.raises(ServiceError) as refused:
        development.take_position(speakers[1], first, {"stance": "supports", "view": ""})
    assert codes(refused) == {"development_draft_superseded"} and refused.value.status == 409
    assert not DraftPosition.objects.filter(draft=first, party__organisation=speakers[1].organisation).exists()


def test_someone_who_is_not_a_party_can_neither_propose_nor_take_a_position(official, developing, speakers):
    outsider = factories.UserFactory(organisation=factories.ProviderFactory(), position="representative")
    draft = development.propose_draft(official, developing, "operating_model", {"text": "Yhteinen tiimi."})
    with pytest.raises(PermissionDenied):
        development.propose_draft(outsider, developing, "operating_model", {"text": "Meidän malli."})
    with pytest.raises(PermissionDenied):
        development.take_position(outsider, draft, {"stance": "opposes", "view": ""})
    assert DevelopmentDraft.objects.count() == 1 and DraftPosition.objects.count() == 1


def test_bad_drafts_are_refused_whole(official, developing):
    bad = {**KRA, "weight": Decimal("0.5")}
    with pytest.raises(ServiceError) as refused:
        development.propose_draft(official, developing, "kras", {"kras": [bad]})
    assert codes(refused) == {"kra_weights_not_1"}
    with pytest.raises(ServiceError) as refused:
        development.propose_draft(official, developing, "kras", {"kras": [{**KRA, "minimum": Decimal(95)}]})
    assert codes(refused) == {"kra_levels_order"}
    with pytest.raises(ServiceError) as refused:
        development.propose_draft(official, developing, "target_cost", {"target_cost": Decimal(0)})
    assert codes(refused) == {"development_target_cost_invalid"}
    assert DevelopmentDraft.objects.count() == 0 and DraftPosition.objects.count() == 0


def test_the_service_phase_waits_for_every_party_and_only_the_accountable_official_begins_it(
        official, staff, procurement, developing, speakers):
    core.assign_role(official, procurement, staff, "staff")
    drafts = propose_all(official, developing)
    with pytest.raises(ServiceError) as refused:
        development.start_service_phase(official, developing)
    assert codes(refused) == {"development_element_not_agreed"} and refused.value.status == 409
    assert "Tavoitekustannus" in str(refused.value.errors)  # the message names what is not agreed
    agree_all(speakers[:1], drafts)
    development.take_position(speakers[1], drafts[1], {"stance": "opposes", "view": "Painot eivät ole oikein."})
    with pytest.raises(ServiceError) as refused:
        development.start_service_phase(official, developing)
    assert codes(refused) == {"development_element_not_agreed"}
    agree_all(speakers[1:], drafts)
    with pytest.raises(PermissionDenied):
        development.start_service_phase(staff, developing)
    assert Kra.objects.filter(contract=developing).count() == 0
    assert DevelopmentPhase.objects.get(contract=developing).frozen_at is None
    phase = development.start_service_phase(official, developing)
    assert phase.frozen_by == official and phase.target_cost == TARGET_COST
    kra = Kra.objects.get(contract=developing)
    indicator = kra.indicators.get()
    assert (kra.weight, indicator.code, indicator.minimum, indicator.target, indicator.excellent) == (
        Decimal(1), "pysyvyys", 70, 80, 90)
    assert DevelopmentDraft.objects.filter(published_at__isnull=False).count() == 3
    assert AuditEntry.objects.filter(action="alliance.service_start").count() == 1


def test_after_the_freeze_nothing_in_the_development_phase_changes(official, developing, speakers):
    drafts = propose_all(official, developing)
    agree_all(speakers, drafts)
    development.start_service_phase(official, developing)
    before = (DevelopmentDraft.objects.count(), DraftPosition.objects.count(), AuditEntry.objects.count())
    for run in (lambda: development.propose_draft(official, developing, "target_cost", {"target_cost": Decimal(1)}),
                lambda: development.take_position(speakers[0], drafts[0], {"stance": "opposes", "view": ""}),
                lambda: development.start_service_phase(official, developing)):
        with pytest.raises(ServiceError) as refused:
            run()
        assert codes(refused) == {"development_frozen"} and refused.value.status == 409
    assert (DevelopmentDraft.objects.count(), DraftPosition.objects.count(), AuditEntry.objects.count()) == before
    assert set(DraftPosition.objects.values_list("stance", flat=True)) == {"supports"}


def test_no_settlement_period_before_the_service_phase_and_then_only_the_agreed_target_cost(
        official, developing, speakers):
    with pytest.raises(ServiceError) as refused:
        services.create_period(official, developing, period_data(developing))
    assert codes(refused) == {"development_not_frozen"} and refused.value.status == 409
    agree_all(speakers, propose_all(official, developing))
    development.start_service_phase(official, developing)
    with pytest.raises(ServiceError) as refused:
        services.create_period(official, developing, period_data(developing, target_cost=Decimal(999)))
    assert codes(refused) == {"development_target_cost_differs"}
    assert SettlementPeriod.objects.count() == 0
    period = services.create_period(official, developing, period_data(developing, target_cost=None))
    assert period.target_cost == TARGET_COST


def test_the_page_shows_drafts_to_the_parties_only_until_the_agreed_ones_are_in_force(
        client, official, developing, speakers):
    secret = "Yhteinen palveluohjaus ja asumisen tuki."
    drafts = propose_all(official, developing)
    development.propose_draft(official, developing, "operating_model", {"text": "LUONNOS-EI-SOVITTU"})
    page = f"/contracts/{developing.pk}/development/"
    outsider = factories.UserFactory(organisation=factories.ProviderFactory(), position="representative")
    for viewer in (None, outsider):
        client.logout()
        if viewer:
            client.force_login(viewer)
        body = client.get(page).content.decode()
        assert "LUONNOS-EI-SOVITTU" not in body and "1000000" not in body
    client.logout()
    assert client.get(f"/api/v1/contracts/{developing.pk}/development").json()["drafts"] == []
    assert api(client, outsider, "get", f"/api/v1/contracts/{developing.pk}/development").json()["drafts"] == []
    client.force_login(speakers[1])
    body = client.get(page).content.decode()
    assert "LUONNOS-EI-SOVITTU" in body and secret in body and "1000000" in body
    # The newest operating model is the unagreed one: the other parties agree to the older text again.
    development.propose_draft(official, developing, "operating_model", {"text": secret})
    agree_all(speakers, drafts[:2] + [DevelopmentDraft.objects.filter(element="operating_model").first()])
    development.start_service_phase(official, developing)
    client.logout()
    body = client.get(page).content.decode()
    assert secret in body and "1000000" in body and "LUONNOS-EI-SOVITTU" not in body
    shown = client.get(f"/api/v1/contracts/{developing.pk}/development").json()
    assert shown["phase"] == "service" and shown["target_cost"] == "1000000.00"
    assert {(draft["element"], draft["version"]) for draft in shown["drafts"]} == {
        ("target_cost", 1), ("kras", 1), ("operating_model", 3)}


def test_the_pages_propose_take_positions_and_begin_the_service_phase(client, official, developing, speakers):
    client.force_login(official)
    assert client.get(f"/contracts/{developing.pk}/development/kras/new/").status_code == 200
    response = client.post(f"/contracts/{developing.pk}/development/target_cost/new/",
                           {"target_cost": "800000", "note": "Alkuarvio"})
    assert response.status_code == 302
    response = client.post(f"/contracts/{developing.pk}/development/kras/new/", {
        "kra_0_name": "Asumisen pysyvyys", "kra_0_indicator": "Asuu yhä kotona", "kra_0_code": "pysyvyys",
        "kra_0_weight": "1", "kra_0_unit": "percent", "kra_0_direction": "higher_is_better", "kra_0_minimum": "70",
        "kra_0_target": "80", "kra_0_excellent": "90", "kra_0_frequency": "quarterly",
        "kra_0_data_source": "register", "kra_1_name": "Puolikas rivi"})
    assert response.status_code == 422 and DevelopmentDraft.objects.filter(element="kras").count() == 0
    response = client.post(f"/contracts/{developing.pk}/development/operating_model/new/", {"text": "Yksi tiimi."})
    assert response.status_code == 302
    assert client.get(f"/contracts/{developing.pk}/development/negotiation/new/").status_code == 404
    draft = DevelopmentDraft.objects.get(element="target_cost")
    client.force_login(speakers[0])
    assert client.post(f"/development-drafts/{draft.pk}/position/", {"stance": "opposes", "view": "Liian pieni."}
                       ).status_code == 302
    assert DraftPosition.objects.get(draft=draft, party__organisation=speakers[0].organisation).stance == "opposes"
    client.force_login(official)
    response = client.post(f"/contracts/{developing.pk}/development/service-phase/", follow=True)
    assert "Avaintulosalueet ja niiden tasot" in response.content.decode()  # what is missing, named
    assert DevelopmentPhase.objects.get(contract=developing).frozen_at is None


def test_the_api_proposes_takes_positions_and_refuses_what_it_must(client, official, developing, speakers):
    base = f"/api/v1/contracts/{developing.pk}/development"
    response = api(client, official, "post", f"{base}/kras/drafts", {"kras": [
        {"name": "Asumisen pysyvyys", "indicator": "Asuu yhä kotona", "code": "pysyvyys", "weight": "1",
         "unit": "percent", "direction": "higher_is_better", "minimum": "70", "target": "80", "excellent": "90",
         "frequency": "quarterly", "data_source": "register"}]})
    assert response.status_code == 201 and response.json()["kras"][0]["code"] == "pysyvyys"
    response = api(client, official, "post", f"{base}/kras/drafts", {"kras": [{"name": "Vain nimi"}]})
    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} >= {"kra_0_code", "kra_0_minimum"}
    outsider = factories.UserFactory(organisation=factories.ProviderFactory(), position="representative")
    assert api(client, outsider, "post", f"{base}/target_cost/drafts", {"target_cost": "1"}).status_code == 403
    assert api(client, official, "post", f"{base}/fee/drafts", {"target_cost": "1"}).status_code == 404
    drafts = [DevelopmentDraft.objects.get(element="kras"),
              development.propose_draft(official, developing, "target_cost", {"target_cost": TARGET_COST}),
              development.propose_draft(official, developing, "operating_model", {"text": "Yksi tiimi."})]
    for person in speakers:
        for draft in drafts:
            response = api(client, person, "post", f"/api/v1/development-drafts/{draft.pk}/position",
                           {"stance": "supports"})
            assert response.status_code == 200
    assert api(client, speakers[0], "post", f"{base}/service-phase").status_code == 403
    response = api(client, official, "post", f"{base}/service-phase")
    assert response.status_code == 201 and response.json()["target_cost"] == "1000000.00"
    response = api(client, speakers[0], "post", f"{base}/target_cost/drafts", {"target_cost": "5"})
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "development_frozen"
    assert DevelopmentDraft.objects.count() == 3


def test_the_switch_refuses_a_contract_whose_kras_were_recorded_outside_the_development_phase(
        official, developing, speakers):
    # Recorded before the contracts app left an alliance's KRAs to its development phase: today
    # contracts.add_kra refuses it (tests/contracts/test_alliance_kras.py).
    Kra.objects.create(contract=developing, name=text("Muu"), description={}, weight=Decimal(1), ordering=1)
    agree_all(speakers, propose_all(official, developing))
    with pytest.raises(ServiceError) as refused:
        development.start_service_phase(official, developing)
    assert codes(refused) == {"development_contract_has_kras"} and refused.value.status == 409
    assert DevelopmentPhase.objects.get(contract=developing).frozen_at is None
    assert not DevelopmentDraft.objects.filter(published_at__isnull=False).exists()
    assert Kra.objects.filter(contract=developing).count() == 1
