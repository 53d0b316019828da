"""Staff run a panel from its pages: create it, set quotas (suggested from the plan's reference
population), open the call and commit a seed whose SHA-256 the public page then shows."""

import pytest
from django.urls import reverse

from coprocure.domain import panels as rules
from coprocure.panels.models import Panel
from coprocure.participation import services as participation

from ..factories import text

pytestmark = pytest.mark.django_db


def test_staff_create_a_panel_set_quotas_open_the_call_and_commit_a_seed(client, official, procurement, reference_data):
    participation.save_plan(official, procurement, {
        "aims": ["better_services"], "participant_roles": text("Asukkaat"), "phases": ["preparation"],
        "methods": text("Raati"), "reach": {}, "reference_shares": {"older_people": "75", "relatives": "25"},
        "accountable_official": official, "k_threshold": 5})
    client.force_login(official)
    created = client.post(reverse("panel_create", args=[procurement.pk]), {
        "kind": "resident", "title_fi": "Asukasraati", "purpose_fi": "Raati kertoo, mikä toimii.", "seats": "8",
        "term_starts": "2027-01-01", "term_ends": "2027-12-31", "areas": "Keskusta\nPohjoinen"})
    assert created.status_code == 302
    panel = Panel.objects.get()
    assert panel.areas == ["Keskusta", "Pohjoinen"]

    quotas_url = reverse("panel_quotas", args=[panel.pk])
    page = client.get(quotas_url)
    form = page.context["form"]
    # A row per value, prefilled from the plan's reference population (75 % and 25 % of 8 seats).
    rows = {category: {label: (low.value(), high.value()) for label, low, high in cells}
            for category, _label, cells in form.bound_rows()}
    assert rows["target_group"]["Ikääntyneet"] == (6, 6) and rows["target_group"]["Läheiset ja omaishoitajat"] == (2, 2)
    assert rows["area"] == {"Keskusta": (None, None), "Pohjoinen": (None, None), "Ei kertonut": (None, None)}
    assert 'name="quotas"' not in page.content.decode()  # numbers in a table, not JSON
    posted = {name: "" if value is None else value for name, value in form.initial.items() if name != "reason"}

    # The plan's own quotas need no reason.
    assert client.post(quotas_url, {**posted, "reason": ""}).status_code == 302
    panel.refresh_from_db()
    assert panel.quotas == {"target_group": {"older_people": [6, 6], "relatives": [2, 2]}} and panel.quota_reason == ""

    area = {name.replace("-min", ""): name for name in form.fields if name.startswith("area-") and name.endswith("-min")}
    keskusta, pohjoinen = sorted(area)[:2]
    with_areas = {**posted, f"{keskusta}-min": 4, f"{keskusta}-max": 4, f"{pohjoinen}-min": 4, f"{pohjoinen}-max": 4}
    refused = client.post(quotas_url, {**with_areas, "reason": ""})
    assert refused.status_code == 422 and "perustelu on julkinen" in refused.content.decode()
    half = client.post(quotas_url, {**with_areas, f"{pohjoinen}-max": "", "reason": "Koko kunta"})
    assert half.status_code == 422 and "Anna molemmat luvut" in half.content.decode()
    upside_down = client.post(quotas_url, {**with_areas, f"{pohjoinen}-max": 1, "reason": "Koko kunta"})
    assert upside_down.status_code == 422
    panel.refresh_from_db()
    assert "area" not in panel.quotas  # nothing of the refused forms was stored
    assert client.post(quotas_url, {**with_areas, "reason": "Koko kunta"}).status_code == 302
    panel.refresh_from_db()
    assert panel.quotas["area"] == {"Keskusta": [4, 4], "Pohjoinen": [4, 4]} and panel.quota_reason == "Koko kunta"

    client.post(reverse("panel_call", args=[panel.pk]), {"open": "1"})
    client.post(reverse("panel_commit_seed", args=[panel.pk]))
    panel.refresh_from_db()
    draw = panel.draws.get()
    assert panel.call_open and draw.seed_commitment == rules.commitment(draw.seed)

    client.logout()
    page = client.get(reverse("panel", args=[panel.pk])).content.decode()
    assert draw.seed_commitment in page and draw.seed not in page and "Koko kunta" in page
    assert f"/panels/{panel.pk}/volunteer/" in page
