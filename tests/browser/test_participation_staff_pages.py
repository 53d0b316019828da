"""Staff participation pages that carry charts and tables stay accessible (axe-core, WCAG 2.2 AA)."""

import pytest

from coprocure.participation import services as participation

from .. import factories
from ..participation.conftest import keys, make_survey
from .conftest import sign_in
from .test_accessibility import serious

pytestmark = pytest.mark.django_db(transaction=True)


def test_equality_monitor_chart_is_accessible_and_described(page, live_server, reference_data):
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official, accountable_official=official)
    participation.save_plan(official, procurement, {
        "aims": ["better_services"], "participant_roles": factories.text("Asiakkaat"), "methods": factories.text("Kysely"),
        "phases": ["preparation"], "reference_shares": {"older_people": "70", "relatives": "30"},
    })
    activity = participation.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": factories.text("Kysely"), "setting": "online",
    })
    survey = make_survey(official, activity)
    for _ in range(12):
        participation.submit_response(survey, {keys(survey)[0]: 4}, background={"target_group": "older_people"})
    sign_in(page, live_server, official.username)
    page.goto(f"{live_server.url}/procurements/{procurement.pk}/participation/equality/")
    chart = page.get_by_role("img", name="Osallistujien osuus verrattuna viiteväestöön: Koko hankinta")
    assert chart.count() == 1
    assert page.get_by_role("table", name="Koko hankinta").get_by_role("row", name="Läheiset").count() == 1
    assert serious(page) == []
