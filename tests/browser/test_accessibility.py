"""axe-core (bundled, offline) with WCAG 2.2 A/AA rules on every public page, in all three
languages, with zero serious or critical violations."""

from datetime import date
from importlib.metadata import version

import pytest
from axe_playwright_python.sync_playwright import Axe

from coprocure.followup import services as followup
from coprocure.participation import services as participation
from coprocure.partners import services as partner_services
from coprocure.tendering import services as tendering

from .. import factories
from ..web import accessibility_summary
from ..alliance.conftest import settled_alliance
from ..contracts.conftest import contract_with_everything
from ..participation.conftest import make_survey
from ..tendering.conftest import make_tender, published_award

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Axe()
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def run_axe(page):
    results = AXE.run(page, options=WCAG).response
    return results["testEngine"]["version"], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results["violations"] if v["impact"] in {"serious", "critical"}
    ]


def serious(page):
    return run_axe(page)[1]


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_public_pages_have_no_serious_violations(page, live_server, prefix):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official, accountable_official=official)
    organisation, service = factories.provider_with_service("Kulma Oy", factories.text("Päihdekuntoutus"), factories.text("Kuvaus"))
    _other, second = factories.provider_with_service("Koti ry", factories.text("Asumisen tuki"), factories.text("Kuvaus"))
    activity = participation.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": factories.text("Kysely"), "setting": "online",
    })
    survey = make_survey(official, activity)
    insight = participation.create_insight(official, procurement, {
        "statement": factories.text("Kuljetus puuttuu"), "excerpts": ["En pääse bussilla"], "activity": activity,
    })
    participation.decide_insight(official, insight, "not_taken_up", factories.text("Laki ei salli."))
    event = participation.create_activity(official, procurement, {
        "kind": "seminar", "phase": "preparation", "title": factories.text("Seminaari"), "registration": True,
        "capacity": 10,
    })
    tender = published_award(official, procurement)
    table = partner_services.save_table(official, participation.create_activity(official, procurement, {
        "kind": "partnership_table", "phase": "preparation", "title": factories.text("Kumppanuuspöytä"),
    }), {"agenda": factories.text("Asialista"), "minutes": factories.text("Muistio")})
    partner_services.sign_up_for_table(organisation.people.get(), table)
    partner_services.add_action_point(official, table, {"what": factories.text("Kokous"), "who": "Anna", "due_on": date(2027, 1, 31)})
    interest = partner_services.express_interest(organisation.people.get(), procurement, {
        "can_provide": factories.text("Päihdekuntoutus"), "looking_for": factories.text("Vertaistuki")})
    partner_services.invite_partner(organisation.people.get(), interest, _other.business_id, "Vertaistuki")
    # The award page's public timeline with a complaint and its answer.
    complainant = factories.UserFactory(organisation=tender.bids.last().lead, position="representative")
    complaint = tendering.file_complaint(complainant, tender.award, {"kind": "rectification_request", "grounds": "X"})
    tendering.answer_complaint(official, complaint, {"outcome": "rejected", "answer": "Päätös pysyy."})
    paths = [
        "/", f"/procurements/{procurement.pk}/", "/signin/", "/procurements/999999/",
        "/providers/", "/providers/?q=kuntoutus", f"/providers/{organisation.pk}/",
        f"/services/compare/?service={service.pk}&service={second.pk}",
        f"/procurements/{procurement.pk}/participation/", f"/surveys/{survey.pk}/",
        f"/procurements/{procurement.pk}/tender/", f"/tenders/{tender.pk}/award/",
        f"/procurements/{procurement.pk}/you-said-we-did/", f"/procurements/{procurement.pk}/equality/",
        f"/activities/{event.pk}/register/",
        f"/surveys/{survey.pk}/thanks/", f"/surveys/{survey.pk}/follow-up/",
        f"/follow-up/unsubscribe/{followup.unsubscribe_token(procurement, contact=followup.follow(survey, 'a@example.fi'))}/",
        f"/activities/{table.activity_id}/table/", f"/procurements/{procurement.pk}/consortia/",
        f"/consortia/{interest.pk}/", "/accessibility/", "/privacy/",
    ]
    # The versioned service description with what changed and a comment.
    written = make_tender(official, factories.create_procurement(official))
    section = tendering.add_section(official, written, "service_description", {
        "heading": factories.text("Aukiolo"), "text": factories.text("Auki arkisin.")})
    tendering.publish_document(official, written, "service_description")
    tendering.update_section(official, section, {"heading": section.heading, "text": factories.text("Auki joka päivä.")})
    tendering.publish_document(official, written, "service_description")
    tendering.comment_section(official, section, "Hyvä muutos.")
    paths += [f"/tenders/{written.pk}/documents/service_description/",
              f"/tenders/{written.pk}/documents/service_description/versions/2/"]
    contract_official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    contract, meeting, decision = contract_with_everything(contract_official, factories.create_procurement(contract_official))
    paths += [
        f"/procurements/{contract.procurement_id}/contracts/", f"/contracts/{contract.pk}/",
        f"/contracts/{contract.pk}/outcomes/", f"/contracts/{contract.pk}/proposals/",
        f"/contracts/{contract.pk}/you-said-we-did/", f"/meetings/{meeting.pk}/", f"/decisions/{decision.pk}/",
    ]
    alliance, settled, open_period = settled_alliance(contract_official, contract.procurement)
    paths += [f"/contracts/{alliance.pk}/settlements/", f"/settlements/{settled.pk}/", f"/settlements/{open_period.pk}/"]
    paths += [f"/procurements/{procurement.pk}/evaluation/", f"/procurements/{contract.procurement_id}/evaluation/",
              f"/procurements/{contract.procurement_id}/evaluation/trail/", "/evaluation/compare/"]
    found, engine = {}, ""
    for path in paths:
        page.goto(f"{live_server.url}{prefix}{path}")
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "fi")
        engine, violations = run_axe(page)
        if violations:
            found[path] = violations
    accessibility_summary.record(
        "axe", language=prefix.strip("/") or "fi", violations=sum(len(v) for v in found.values()),
        tool=f"axe-core {engine} (axe-playwright-python {version('axe-playwright-python')}, Chromium {page.context.browser.version})",
        rules={"tags": WCAG["runOnly"]["values"], "impact": ["serious", "critical"]},
        pages=[accessibility_summary.page_pattern(path) for path in paths])
    assert found == {}


def test_form_errors_stay_accessible_after_a_failed_submit(page, live_server):
    page.goto(f"{live_server.url}/signin/")
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.locator("#error-summary").wait_for()
    assert serious(page) == []


def test_survey_errors_stay_accessible_after_a_failed_submit(page, live_server):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    activity = participation.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": factories.text("Kysely"), "setting": "online",
    })
    survey = make_survey(official, activity)
    page.goto(f"{live_server.url}/surveys/{survey.pk}/")
    page.get_by_role("button", name="Lähetä vastaukset").click()
    page.locator("#error-summary").wait_for()
    assert serious(page) == []


def test_keyboard_user_can_skip_to_content(page, live_server):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Siirry sisältöön"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
