import os

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from . import factories


def pytest_report_header(config):
    """Say up front what the suite really runs on: the database and the browser."""
    import shutil
    import subprocess

    from django.conf import settings

    database = settings.DATABASES["default"]
    chromium = shutil.which("chromium")
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip() if chromium else "not installed"
    return [f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or database['NAME']}:{database.get('PORT') or ''}",
            f"browser: {version} ({chromium})"]


def pytest_collection_modifyitems(config, items):
    # `make test` promises PostgreSQL; refuse to pass quietly on anything else.
    if os.environ.get("COPROCURE_REQUIRE_POSTGRES") == "1" and connection.vendor != "postgresql":
        raise pytest.UsageError("make test must run on PostgreSQL (DATABASE_URL is not a PostgreSQL URL)")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Finnish, as each request in a fresh server thread does: a page an
    earlier test read in English must not leave English active for the next one."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def authority(db):
    return factories.AuthorityFactory()


@pytest.fixture
def official(authority):
    return factories.UserFactory(organisation=authority, position="official")


@pytest.fixture
def staff(authority):
    return factories.UserFactory(organisation=authority, position="staff")


@pytest.fixture
def procurement(official):
    return factories.create_procurement(official)


@pytest.fixture
def reference_data(db):
    """Re-seed the reference rows a data migration created: transactional tests flush them."""
    import importlib

    from django.apps import apps

    importlib.import_module("coprocure.core.migrations.0002_target_groups").create(apps, None)
