"""Volunteers' names, contacts and backgrounds go when the panel's term has ended; a panel still
in its term keeps them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coprocure.core import retention
from coprocure.panels import services
from coprocure.panels.models import Panel, Volunteer, VolunteerBackground

pytestmark = pytest.mark.django_db


def test_the_term_ends_and_the_volunteers_go(official, panel):
    services.volunteer(panel, {"name": "Sirkka", "contact": "s@example.org", "age_band": "18_29", "area": "Keskusta"})
    rule = next(rule for rule in retention.RULES if rule.name == "panel_volunteers")
    assert rule.apply(timezone.now()) == 0 and Volunteer.objects.count() == 1

    Panel.objects.filter(pk=panel.pk).update(term_starts=date(2020, 1, 1), term_ends=timezone.localdate() - timedelta(days=1))
    assert rule.apply(timezone.now()) == 1
    assert not Volunteer.objects.exists() and not VolunteerBackground.objects.exists()
    assert rule.apply(timezone.now()) == 0
