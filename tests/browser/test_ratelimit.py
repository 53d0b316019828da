"""Over the rate limit, a person on a phone sees why in plain words, and what they wrote stays."""

import pytest
from django.core.management import call_command

from coprocure.contracts.models import DevelopmentProposal
from coprocure.settings import CACHES

from ..contracts.conftest import contract, provider  # noqa: F401
from .test_accessibility import serious

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_refused_idea_keeps_its_text_and_says_when_to_try_again(phone, live_server, contract, settings):
    settings.CACHES = CACHES
    call_command("createcachetable", verbosity=0)
    settings.COPROCURE_RATE_LIMITS = {"proposal": (1, 3600)}

    def send(idea):
        phone.goto(f"{live_server.url}/contracts/{contract.pk}/proposals/")
        phone.get_by_label("Mitä pitäisi tehdä toisin tai paremmin?").fill(idea)
        phone.get_by_label("Käytän palvelua").check()
        phone.get_by_role("button", name="Lähetä idea").click()

    send("Iltaisin pitäisi olla auki")
    send("Vertaistukea viikonloppuisin")
    phone.locator("#error-summary").wait_for()
    assert "Odota" in phone.locator("#error-summary").inner_text()
    assert phone.get_by_label("Mitä pitäisi tehdä toisin tai paremmin?").input_value() == "Vertaistukea viikonloppuisin"
    assert DevelopmentProposal.objects.count() == 1
    assert serious(phone) == []
