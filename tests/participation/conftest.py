from datetime import timedelta

import pytest
from django.utils import timezone

from coprocure.participation import services

from ..factories import text


@pytest.fixture
def activity(official, procurement):
    return services.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": text("Kysely kotihoidosta"), "setting": "online",
    })


def make_survey(official, activity, **overrides):
    data = {"title": text("Mikä auttaa asumaan kotona?", "Vad hjälper dig att bo hemma?"), "mode": "anonymous",
            "opens_at": timezone.now() - timedelta(days=1), "closes_at": timezone.now() + timedelta(days=30)}
    data.update(overrides)
    survey = services.create_survey(official, activity, data)
    services.add_question(official, survey, {"kind": "likert", "text": text("Miten arvioit kotihoidon?"), "required": True})
    services.add_question(official, survey, {
        "kind": "single", "text": text("Miten liikut?"), "choices": text("Bussilla\nAutolla", "Med buss\nMed bil"),
        "allow_other": True,
    })
    services.add_question(official, survey, {"kind": "multiple", "text": text("Mitä palveluja käytät?"),
                                             "choices": text("Ateria\nSiivous\nKauppa")})
    services.add_question(official, survey, {"kind": "number", "text": text("Montako käyntiä viikossa?"),
                                             "minimum": 0, "maximum": 50})
    services.add_question(official, survey, {"kind": "text", "text": text("Mitä muuta haluat sanoa?")})
    return survey


@pytest.fixture
def survey(official, activity):
    return make_survey(official, activity)


def keys(survey):
    return [q.key for q in survey.questions.order_by("ordering")]
