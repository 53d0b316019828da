"""Delete the follow-up contacts of closed procurements. Run daily from cron."""

from django.core.management.base import BaseCommand

from coprocure.followup import services


class Command(BaseCommand):
    help = "Delete follow-up contacts of procurements that have closed."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.forget_closed()}")
