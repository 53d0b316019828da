import pytest
from django.core.management import call_command

from coprocure.settings import CACHES


@pytest.fixture(autouse=True)
def shared_cache(db, settings):
    """The production cache: the database table every app process shares."""
    settings.CACHES = CACHES
    call_command("createcachetable", verbosity=0)
