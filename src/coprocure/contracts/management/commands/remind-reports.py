from django.core.management.base import BaseCommand

from coprocure.contracts.services import remind_late_reports


class Command(BaseCommand):
    help = ("E-mail the reporting provider's people once for each late or missing indicator report, and record "
            "the reminder so that no period is reminded twice. Run it daily, for example from cron.")

    def handle(self, *args, **options):
        sent = remind_late_reports()
        self.stdout.write(f"Sent {sent} reminder(s).")
