"""Delete or anonymise personal data past its retention period. Run daily from cron."""

from django.core.management.base import BaseCommand

from coprocure.core import retention


class Command(BaseCommand):
    help = "Delete or anonymise personal data past its retention period (docs/privacy.md). Safe to run repeatedly."

    def handle(self, *args, **options):
        for kind, count in retention.enforce().items():
            self.stdout.write(f"{kind}: {count}")
