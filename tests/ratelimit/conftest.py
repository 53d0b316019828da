import pytest
from django.core.management import call_command

from coprocure.settings import CACHES

from ..contracts.conftest import contract, provider  # noqa: F401
from ..participation.conftest import activity, survey  # noqa: F401

LIMIT = 3


@pytest.fixture(autouse=True)
def shared_cache(db, settings):
    """The production cache (the database table every process shares) with small limits, so a
    test reaches them in a few requests."""
    settings.CACHES = CACHES
    call_command("createcachetable", verbosity=0)
    settings.COPROCURE_RATE_LIMITS = {action: (LIMIT, 600) for action in ("survey_answer", "proposal", "follow_up")}
