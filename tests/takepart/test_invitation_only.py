"""A contract's outcome survey takes answers with invitation codes only: it is never offered to
everyone, neither on the front door nor as another way on from a closed survey."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coprocure.contracts import services as contracts
from coprocure.participation import services

from ..factories import text
from .conftest import make_contract, make_survey_activity

pytestmark = pytest.mark.django_db


def test_an_outcome_round_survey_is_not_offered(client, official, procurement):
    contract = make_contract(official, procurement)
    kra = contracts.add_kra(official, contract, {"name": text("Asiakaskokemus"), "description": {}, "weight": "0.5"})
    indicator = contracts.add_indicator(official, kra, {
        "code": "arvio", "name": text("Asiakkaiden arvio"), "unit": "score", "direction": "higher_is_better",
        "baseline": None, "minimum": 3, "target": 4, "excellent": 5, "frequency": "monthly", "data_source": "survey",
        "reported_by": None,
    })
    activity = services.create_activity(official, procurement, {
        "kind": "survey", "phase": "contract", "title": text("Kuukausikysely"), "setting": "online"})
    outcome = services.create_survey(official, activity, {"title": text("Miten sait apua?"), "mode": "anonymous"})
    question = services.add_question(official, outcome, {"kind": "likert", "required": True,
                                                         "text": text("Miten hyvin sait apua?")})
    contracts.link_survey_question(official, indicator, {"question": question, "period_start": date(2025, 3, 1)})
    closed = make_survey_activity(official, procurement, title=text("Vanha kysely"),
                                  closes_at=timezone.now() - timedelta(days=1))
    assert "Miten sait apua?" not in client.get("/").content.decode()
    assert client.get("/api/v1/activities?kind=survey").json()["count"] == 0
    assert f"/surveys/{outcome.pk}/" not in client.get(f"/surveys/{closed.pk}/").content.decode()
