import sqlite3
import subprocess

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import pg_environment, tool


class Command(BaseCommand):
    help = ("Restore a backup made with `coprocure backup` into the configured, empty database, "
            "then check the audit trail's hash chain.")

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        if connection.introspection.table_names():
            raise CommandError("The database is not empty: restore only into a freshly created database.")
        settings = connection.settings_dict
        if connection.vendor == "postgresql":
            args, env = pg_environment(settings)
            connection.close()
            result = subprocess.run(
                [tool("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction", *args, file],
                env=env, capture_output=True, text=True,
            )
            if result.returncode:
                raise CommandError(result.stderr.strip())
        else:
            connection.close()
            with sqlite3.connect(file) as source, sqlite3.connect(settings["NAME"]) as target:
                source.backup(target)
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
        call_command("audit-verify", stdout=self.stdout)
