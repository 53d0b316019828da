from django.core.management.base import BaseCommand, CommandError

from coprocure.audit.models import AuditEntry
from coprocure.audit.services import verify


class Command(BaseCommand):
    help = "Check the audit trail's hash chain and report the first broken link, if any."

    def handle(self, *args, **options):
        broken = verify()
        if broken:
            raise CommandError(f"Audit trail broken at entry #{broken.sequence}: {broken.problem}")
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {AuditEntry.objects.count()} entries."))
