"""Set-up shared by the in-process benchmarks (provider_search.py, evaluation_report.py): a fresh
database in a throwaway PostgreSQL cluster, Django configured as the tests configure it, and the
schema migrated. Pages are then measured through Django's test client, without a server."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_on_fresh_postgres(script: str) -> None:
    """Re-run ``script`` under scripts/with-postgres when no database is given, then create the
    database, set Django up and migrate."""
    if "DATABASE_URL" not in os.environ:
        runner = str(ROOT / "scripts" / "with-postgres")
        os.execv(runner, [runner, sys.executable, script, *sys.argv[1:]])
    import psycopg

    server, name = os.environ["DATABASE_URL"].rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coprocure.settings_test")
    os.environ["COPROCURE_REQUIRE_2FA"] = "0"
    import django
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", "--noinput", verbosity=0)
