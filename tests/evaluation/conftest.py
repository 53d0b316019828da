from datetime import date
from decimal import Decimal

import pytest
from django.test import TestCase

from coprocure.contracts import services as contracts
from coprocure.evaluation import services
from coprocure.participation import services as participation
from coprocure.tendering import services as tendering

from ..contracts.conftest import to_contract_phase
from ..factories import text
from ..tendering.conftest import make_tender


@pytest.fixture(autouse=True)
def results_under_tmp(settings, tmp_path):
    """The report's PDF is a job's file, kept under VAR_DIR/jobs/."""
    settings.VAR_DIR = tmp_path
    return tmp_path


def report_pdf(client, path: str) -> bytes:
    """The report's PDF as a reader gets it: the first request queues the worker's render (202),
    the test's queue runs it after the commit, and the next request serves the stored file."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = client.get(path)
    response = client.get(path) if first.status_code == 202 else first
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", response.status_code
    return b"".join(response.streaming_content)


def answer_round(experience, values: list[int], target_group: str = "") -> None:
    """One response per value, each answering every item with that value."""
    survey = experience.survey
    keys = [f"q{pk}" for pk in experience.items]
    for value in values:
        participation.submit_response(survey, {key: value for key in keys}, background={"target_group": target_group})


def close_round(official, experience) -> None:
    """A round's scores are published once its survey has closed."""
    participation.close_survey(official, experience.survey)


def more_answers(official, experience, values: list[int], target_group: str = "") -> None:
    """Reopen a closed round, add answers and close it again: a new version of its figures."""
    participation.open_survey(official, experience.survey)
    answer_round(experience, values, target_group)
    close_round(official, experience)


class World:
    """A procurement taken through every source the report reads: experience surveys (one
    round large enough to show, one too small), insights, a tender whose criteria partly trace
    back to them, a contract with an indicator and monthly values, and proposals."""

    def __init__(self, official, procurement):
        self.procurement = procurement
        self.before = services.create_experience_survey(official, procurement, "preparation", "before")
        self.after = services.create_experience_survey(official, procurement, "preparation", "after")
        answer_round(self.before, [2, 3, 3, 4, 2, 3], "older_people")
        answer_round(self.before, [4, 5], "relatives")
        answer_round(self.after, [4, 5, 4])  # three people: every figure of this round stays hidden
        close_round(official, self.before)
        close_round(official, self.after)
        drop_in = participation.create_activity(official, procurement, {
            "kind": "survey", "phase": "preparation", "title": text("Kysely asemalla"), "setting": "drop_in",
        })
        survey = participation.create_survey(official, drop_in, {"title": text("Kysely"), "mode": "anonymous"})
        question = participation.add_question(official, survey, {"kind": "likert", "text": text("Miten palvelu toimii?"),
                                                                 "required": True})
        for group in ["older_people"] * 6 + ["relatives"] * 2:
            participation.submit_response(survey, {question.key: 4}, background={"target_group": group})
        participation.create_insight(official, procurement, {"statement": text("Kotikäynnit iltaisin.")})
        self.tender = make_tender(official, procurement, publish=False)
        tendering.add_criterion(official, self.tender, {"name": text("Hinta-laatu"), "weight": Decimal("0"),
                                                        "scale_max": 5, "objectives": []})
        to_contract_phase(official, procurement)
        self.contract = contracts.create_contract(official, procurement, {
            "kind": "partnership", "title": text("Kumppanuussopimus"), "description": text("Kuvaus."),
            "starts_on": date(2024, 1, 1), "ends_on": date(2027, 12, 31), "options": {},
        })
        kra = contracts.add_kra(official, self.contract, {"name": text("Asumisen pysyvyys"), "description": {},
                                                          "weight": Decimal(1)})
        self.indicator = contracts.add_indicator(official, kra, {
            "code": "asuminen", "name": text("Asuu omassa kodissa"), "unit": "percent", "direction": "higher_is_better",
            "baseline": Decimal(70), "minimum": Decimal(70), "target": Decimal(80), "excellent": Decimal(90),
            "frequency": "monthly", "data_source": "provider_report", "reported_by": None,
        })
        contracts.report_measurements(official, self.contract, [
            ["mittari", "jakso", "arvo"], ["asuminen", "2024-11", "70"], ["asuminen", "2024-12", "75"],
            ["asuminen", "2025-01", "85"], ["asuminen", "2025-02", "95"],
        ], source="ui")
        adopted = contracts.submit_proposal(self.contract, {"text": "Ilta-aukiolo", "proposer_kind": "service_user"})
        contracts.decide_proposal(official, adopted, {"status": "adopted", "owner": None, "kras": [kra],
                                                      "outcome": text("Auki iltaisin."), "status_reason": {}})
        contracts.submit_proposal(self.contract, {"text": "Lisää vertaisia", "proposer_kind": "relative"})
        contracts.submit_proposal(self.contract, {"text": "Uusi lomake", "proposer_kind": "staff"})


@pytest.fixture
def world(official, procurement, reference_data):
    return World(official, procurement)
