import os
import shutil
import sqlite3
import subprocess

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def pg_environment(settings: dict) -> tuple[list[str], dict]:
    """Connection arguments for PostgreSQL's own tools, with the password in the environment."""
    args = ["--host", settings.get("HOST") or "localhost", "--port", str(settings.get("PORT") or 5432),
            "--username", settings.get("USER") or "postgres", "--dbname", settings["NAME"]]
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    return args, env


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise CommandError(f"{name} not found: install PostgreSQL's client tools (Debian: postgresql-client)")
    return found


class Command(BaseCommand):
    help = "Write a consistent backup of the whole database to FILE (pg_dump custom format, or a SQLite copy)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        settings = connection.settings_dict
        if connection.vendor == "postgresql":
            args, env = pg_environment(settings)
            result = subprocess.run([tool("pg_dump"), "--format=custom", "--no-owner", "--file", file, *args],
                                    env=env, capture_output=True, text=True)
            if result.returncode:
                raise CommandError(result.stderr.strip())
        else:
            with sqlite3.connect(settings["NAME"]) as source, sqlite3.connect(file) as target:
                source.backup(target)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {file}."))
