"""Accessibility that holds after interaction: axe-core (WCAG 2.2 A/AA rules) runs again after
HTMX fragments are swapped in, after validation errors are shown, after disclosures are opened
and after keyboard navigation, in all three languages. The UI has no modal dialogs; disclosures
(<details>) are its only opening widgets."""

import pytest

from coprocure.participation import services as participation

from .. import factories
from ..contracts.conftest import contract_with_everything
from ..participation.conftest import make_survey
from .conftest import sign_in
from .test_accessibility import serious

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["", "/sv", "/en"]


def submit(page):
    """The page's main form sent as it is: labels differ per language, the submit button does not."""
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.locator("#error-summary").wait_for()


def swapped(page, action):
    """Do something that makes HTMX swap a fragment, and wait until the swap has settled."""
    with page.expect_response(lambda response: response.request.headers.get("hx-request") == "true"):
        action()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_public_interactions_stay_accessible(page, live_server, prefix):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    activity = participation.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": factories.text("Kysely"), "setting": "online",
    })
    survey = make_survey(official, activity)
    factories.provider_with_service("Kulma Oy", factories.text("Päihdekuntoutus"), factories.text("Kuvaus"))
    contract, _meeting, _decision = contract_with_everything(official, factories.create_procurement(official))
    base = f"{live_server.url}{prefix}"

    # Keyboard: the first Tab reaches the skip link, Enter moves focus to the content.
    page.goto(f"{base}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # HTMX: filtering the procurement list swaps the list in place.
    page.goto(f"{base}/procurements/")
    swapped(page, lambda: page.locator("#filter-phase").select_option("preparation"))
    listed = page.locator("#procurement-list")
    assert listed.locator(f"a[href$='/procurements/{procurement.pk}/']").count() == 1
    assert listed.locator(f"a[href$='/procurements/{contract.procurement_id}/']").count() == 0
    assert serious(page) == [], "procurement list after filtering"

    # HTMX: the provider search swaps its results.
    page.goto(f"{base}/providers/")
    page.locator("input[name=q]").fill("päihdekuntoutus")
    swapped(page, lambda: page.locator("input[name=q]").press("Enter"))
    assert page.locator("#search-results").get_by_text("Kulma Oy").count() >= 1
    assert serious(page) == [], "provider search after a search"

    # Validation errors: the summary takes focus and the page stays accessible.
    for path in (f"/surveys/{survey.pk}/", "/signin/", f"/contracts/{contract.pk}/proposals/"):
        page.goto(f"{base}{path}")
        submit(page)
        assert page.evaluate("document.activeElement.id") == "error-summary", path
        assert page.locator("[aria-invalid=true]").count() >= 1, path
        assert serious(page) == [], f"{path} with errors"

    # Disclosures: opening every <details> on the outcome dashboard by keyboard.
    page.goto(f"{base}/contracts/{contract.pk}/outcomes/")
    summaries = page.locator("main details > summary")
    assert summaries.count() >= 1
    for index in range(summaries.count()):
        summaries.nth(index).focus()
        page.keyboard.press("Enter")
    assert page.locator("main details[open]").count() == summaries.count()
    assert serious(page) == [], "outcome dashboard with its tables opened"


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_staff_forms_with_errors_stay_accessible(page, live_server, prefix):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official, accountable_official=official)
    sign_in(page, live_server, official.username)
    for path in ("/procurements/new/", f"/procurements/{procurement.pk}/participation/activities/new/"):
        page.goto(f"{live_server.url}{prefix}{path}")
        submit(page)
        assert page.evaluate("document.activeElement.id") == "error-summary", path
        assert serious(page) == [], f"{path} with errors"
