from datetime import date, timedelta

import pytest
from django.utils import timezone

from coprocure.contracts import services as contracts
from coprocure.participation import services

from .. import factories
from ..contracts.conftest import to_contract_phase
from ..factories import text
from ..participation.conftest import make_survey


def make_event(official, procurement, **overrides):
    data = {"kind": "discussion_event", "phase": "preparation", "title": text("Asukasilta kotihoidosta", "Invånarkväll"),
            "plain_summary": text("Kerro, mikä kotihoidossa toimii."), "setting": "service_centre",
            "place": "Hervannan palvelukeskus", "step_free": True, "induction_loop": True,
            "starts_at": timezone.now() + timedelta(days=7), "ends_at": timezone.now() + timedelta(days=7, hours=2),
            "registration": True, "capacity": 2}
    data.update(overrides)
    return services.create_activity(official, procurement, data)


def make_survey_activity(official, procurement, **overrides):
    activity = services.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": text("Kysely kotihoidosta"), "setting": "online"})
    return make_survey(official, activity, **overrides)


def make_contract(official, procurement, **overrides):
    to_contract_phase(official, procurement)
    data = {"kind": "partnership", "title": text("Päihdepalvelujen kumppanuussopimus", "Partnerskapsavtal"),
            "description": text("Kerro, miten palvelua voisi parantaa."), "starts_on": date(2025, 1, 1),
            "ends_on": timezone.localdate() + timedelta(days=400), "options": {}}
    data.update(overrides)
    return contracts.create_contract(official, procurement, data)


@pytest.fixture
def other_authority(db):
    return factories.AuthorityFactory(name="Länsi-Uudenmaan hyvinvointialue")
