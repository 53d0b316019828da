"""The evaluation report of both demo procurements as a reader sees it, in Finnish, Swedish
and English, with no serious accessibility violation; its influence figures lead to the trail."""

import pytest
from django.core.management import call_command

from coprocure.core.models import Procurement

from .test_accessibility import serious

pytestmark = pytest.mark.django_db(transaction=True)

HEADINGS = {"": ("Arviointi", "Millaista osallistuminen oli"), "/sv": ("Utvärdering", "Hur det var att delta"),
            "/en": ("Evaluation", "How taking part felt")}


def test_both_demo_reports_open_in_three_languages(page, live_server, reference_data):
    call_command("demo")
    procurements = list(Procurement.objects.filter(self_assessment__isnull=False).order_by("pk"))
    assert len(procurements) == 2
    for procurement in procurements:
        for prefix, (title, experience) in HEADINGS.items():
            page.goto(f"{live_server.url}{prefix}/procurements/{procurement.pk}/evaluation/")
            assert page.get_by_role("heading", level=1).inner_text() == title
            assert page.get_by_role("heading", name=experience).is_visible()
            assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "fi")
            assert serious(page) == [], (procurement.pk, prefix)
    page.goto(f"{live_server.url}/en/procurements/{procurements[0].pk}/evaluation/")
    page.get_by_role("link", name="Insights that became objectives").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Influence trail"
    page.goto(f"{live_server.url}/en/evaluation/compare/")
    assert serious(page) == []
