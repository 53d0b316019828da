"""Staff run a panel from its pages: create it, set quotas (suggested from the plan's reference
population), open the call and commit a seed whose SHA-256 the public page then shows."""

import json

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
    suggested = json.loads(client.get(quotas_url).context["form"].initial["quotas"])
    assert suggested == {"target_group": {"older_people": [6, 6], "relatives": [2, 2]}}
    # The plan's own quotas need no reason; adding areas does.
    assert client.post(quotas_url, {"quotas": json.dumps(suggested), "reason": ""}).status_code == 302
    with_areas = {**suggested, "area": {"Keskusta": [4, 4], "Pohjoinen": [4, 4]}}
    refused = client.post(quotas_url, {"quotas": json.dumps(with_areas), "reason": ""})
    assert refused.status_code == 422 and "perustelu on julkinen" in refused.content.decode()
    assert client.post(quotas_url, {"quotas": "ei json", "reason": "x"}).status_code == 422
    assert client.post(quotas_url, {"quotas": json.dumps(with_areas), "reason": "Koko kunta"}).status_code == 302

    client.post(reverse("panel_call", args=[panel.pk]), {"open": "1"})
    client.post(reverse("panel_commit_seed", args=[panel.pk]))
    panel.refresh_from_db()
    draw = panel.draws.get()
    assert panel.call_open and draw.seed_commitment == rules.commitment(draw.seed)

    client.logout()
    page = client.get(reverse("panel", args=[panel.pk])).content.decode()
    assert draw.seed_commitment in page and draw.seed not in page and "Koko kunta" in page
    assert f"/panels/{panel.pk}/volunteer/" in page
