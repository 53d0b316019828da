"""The contract period by clicking: a decision and its accountable official, an idea sent from
a phone without an account, and a provider's report file with errors and then without."""

from datetime import date
from decimal import Decimal

import pytest

from coprocure.contracts import services
from coprocure.contracts.models import Decision, DevelopmentProposal, Measurement

from .. import factories
from ..contracts.conftest import to_contract_phase
from .conftest import sign_in
from .test_accessibility import serious

pytestmark = pytest.mark.django_db(transaction=True)


def make_contract():
    authority = factories.AuthorityFactory(name="Pirkanmaan hyvinvointialue")
    official = factories.UserFactory(username="hanna", organisation=authority, position="official",
                                     first_name="Hanna", last_name="Virtanen")
    procurement = factories.create_procurement(official)
    to_contract_phase(official, procurement)
    contract = services.create_contract(official, procurement, {
        "kind": "partnership", "title": factories.text("Päihdepalvelujen kumppanuussopimus"), "description": {},
        "starts_on": date(2025, 1, 1), "ends_on": date(2027, 12, 31), "options": {},
    })
    return official, contract


def test_recording_a_decision_refuses_a_non_official(page, live_server):
    official, contract = make_contract()
    staff = factories.UserFactory(organisation=contract.procurement.authority, position="staff",
                                  first_name="Mikko", last_name="Laine")
    sign_in(page, live_server, official.username)
    page.goto(f"{live_server.url}/contracts/{contract.pk}/")
    page.get_by_role("link", name="Kirjaa päätös").click()
    page.get_by_role("group", name="Nimi").get_by_label("suomi").fill("Ilta-aukiolo")
    page.get_by_role("group", name="Mitä päätettiin").get_by_label("suomi").fill("Piste on auki iltaisin.")
    page.get_by_role("group", name="Perustelut").get_by_label("suomi").fill("Asiakkaat käyvät päivällä töissä.")
    page.get_by_label("Kenen ehdotus").fill("Sari Koskinen")
    page.get_by_label("Ehdottajan rooli").select_option(label="Asiakasedustaja (kokemusasiantuntija)")
    page.get_by_label("Päätöspäivä").fill("2025-03-04")
    page.get_by_label("Vastuussa oleva viranhaltija").select_option(label=str(staff))
    page.get_by_role("button", name="Tallenna").click()

    summary = page.locator("#error-summary")
    assert "Vain viranhaltija voi olla vastuussa" in summary.inner_text()
    assert not Decision.objects.exists()

    page.get_by_label("Vastuussa oleva viranhaltija").select_option(label="Hanna Virtanen")
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_text("Päätös kirjattiin.").wait_for()
    page.get_by_role("link", name="Päätös 1: Ilta-aukiolo").click()
    assert "Sari Koskinen" in page.locator("main").inner_text()
    assert Decision.objects.get().accountable_official == official


def test_service_user_sends_an_idea_from_a_phone_without_an_account(phone, live_server):
    _official, contract = make_contract()
    phone.goto(f"{live_server.url}/contracts/{contract.pk}/proposals/")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.get_by_role("button", name="Lähetä idea").click()
    phone.locator("#error-summary").wait_for()
    assert serious(phone) == []
    phone.get_by_label("Mitä pitäisi tehdä toisin tai paremmin?").fill("Vertaisryhmä myös viikonloppuna. Numeroni 040 123 4567")
    phone.get_by_label("Käytän palvelua").check()
    phone.get_by_role("button", name="Lähetä idea").click()
    phone.get_by_role("heading", name="Kiitos ideastasi").wait_for()
    proposal = DevelopmentProposal.objects.get()
    assert proposal.submitted_by is None and "040" not in proposal.text
    assert all(cookie["name"] != "sessionid" for cookie in phone.context.cookies())
    # Back to the filled form and send it again: the idea is not stored twice, and the page says so.
    phone.go_back()
    phone.get_by_label("Mitä pitäisi tehdä toisin tai paremmin?").fill("Vertaisryhmä myös viikonloppuna.")
    phone.get_by_label("Käytän palvelua").check()
    phone.get_by_role("button", name="Lähetä idea").click()
    assert "Tämä idea on jo lähetetty" in phone.locator("#error-summary").inner_text()
    assert DevelopmentProposal.objects.count() == 1


def test_provider_uploads_a_report_with_errors_and_then_correctly(page, live_server, tmp_path):
    official, contract = make_contract()
    provider = factories.ProviderFactory(name="Päihdepalvelut Kulma Oy")
    services.add_party(official, contract, {"organisation": provider, "name": provider.name, "role": "provider"})
    kra = services.add_kra(official, contract, {"name": factories.text("Asumisen pysyvyys"), "description": {},
                                                "weight": Decimal("1")})
    services.add_indicator(official, kra, {
        "code": "asuminen", "name": factories.text("Asuu omassa kodissa"), "unit": "percent",
        "direction": "higher_is_better", "baseline": None, "minimum": Decimal(70), "target": Decimal(80),
        "excellent": Decimal(90), "frequency": "monthly", "data_source": "provider_report", "reported_by": None,
    })
    reporter = factories.UserFactory(username="jari", organisation=provider, position="representative")
    bad = tmp_path / "raportti.csv"
    bad.write_bytes("Mittari;Jakso;Arvo\nasuminen;2025-01;78,5\nasuminen;2024-12;80\nasuminen;2025-02;850\n".encode("cp1252"))
    good = tmp_path / "korjattu.csv"
    good.write_bytes("Mittari;Jakso;Arvo\nasuminen;2025-01;78,5\nasuminen;2025-02;81,5\n".encode("utf-8-sig"))

    sign_in(page, live_server, reporter.username)
    page.goto(f"{live_server.url}/contracts/{contract.pk}/outcomes/")
    page.get_by_role("link", name="Ilmoita tulokset").click()
    page.get_by_label("Raporttitiedosto (CSV tai XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Tarkista tiedosto").click()
    assert "Mitään ei tallennettu" in page.locator("#error-summary").inner_text()
    problems = page.get_by_role("table", name="Virheet riveittäin").inner_text()
    assert "sopimuskauden ulkopuolella" in problems and "Prosenttiluvun" in problems
    assert not Measurement.objects.exists()
    assert serious(page) == []

    page.get_by_label("Raporttitiedosto (CSV tai XLSX)").set_input_files(str(good))
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_role("table", name="2 arvoa on valmiina tallennettavaksi").wait_for()
    page.get_by_role("button", name="Tallenna kaikki nämä arvot").click()
    page.get_by_text("Raportti tallennettiin: 2 arvoa.").wait_for()
    assert page.locator("svg.chart title").count() == 1
    assert [m.value for m in Measurement.objects.order_by("period_start")] == [Decimal("78.5"), Decimal("81.5")]
