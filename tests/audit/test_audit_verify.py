import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from coprocure.audit.models import AuditEntry
from coprocure.core import services


def test_intact_trail_verifies(procurement, official, capsys):
    services.change_phase(official, procurement, "tendering")
    call_command("audit-verify")
    assert "intact: 2 entries" in capsys.readouterr().out


def test_application_cannot_rewrite_history(procurement):
    entry = AuditEntry.objects.first()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


@pytest.mark.django_db(transaction=True)
def test_database_refuses_update_and_verify_finds_tampering(procurement, official):
    services.change_phase(official, procurement, "tendering")
    services.change_phase(official, procurement, "contract")
    table = AuditEntry._meta.db_table
    if connection.vendor == "postgresql":
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET action = 'x' WHERE sequence = 2")
        with connection.cursor() as cursor:  # an attacker with database rights
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER audit_entry_append_only")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET after = %s WHERE sequence = 2", ['{"phase": "closed"}'])
    with pytest.raises(CommandError, match="#2: hash_mismatch"):
        call_command("audit-verify")


@pytest.mark.django_db(transaction=True)
def test_verify_finds_removed_last_entry(procurement, official):
    services.change_phase(official, procurement, "tendering")
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER audit_entry_append_only")
        cursor.execute(f"DELETE FROM {table} WHERE sequence = 2")
    with pytest.raises(CommandError, match="head_mismatch"):
        call_command("audit-verify")
