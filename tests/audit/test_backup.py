"""A backup restores into a fresh database with everything in it, audit chain intact."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection

from coprocure.core import services


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database(procurement, official, tmp_path):
    if connection.vendor != "postgresql":
        pytest.fail("backups are tested on PostgreSQL (make test)")
    services.change_phase(official, procurement, "tendering")
    dump = tmp_path / "coprocure.dump"
    call_command("backup", str(dump))

    fresh = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        env = {**os.environ, "DATABASE_URL": f"{base}/{fresh}", "DJANGO_SETTINGS_MODULE": "coprocure.settings"}
        run = subprocess.run([sys.executable, "-m", "coprocure", "restore", str(dump)], env=env,
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert "Audit trail intact: 2 entries." in run.stdout
        shown = subprocess.run(
            [sys.executable, "-m", "coprocure", "shell", "--no-imports", "-c",
             "from coprocure.core.models import Procurement; print(Procurement.objects.get().phase)"],
            env=env, capture_output=True, text=True,
        )
        assert shown.stdout.strip() == "tendering", shown.stderr
        again = subprocess.run([sys.executable, "-m", "coprocure", "restore", str(dump)], env=env,
                               capture_output=True, text=True)
        assert again.returncode != 0 and "not empty" in again.stderr
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
