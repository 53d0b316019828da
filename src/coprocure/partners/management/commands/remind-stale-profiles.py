from django.core.management.base import BaseCommand

from coprocure.partners.services import remind_stale_profiles


class Command(BaseCommand):
    help = ("E-mail the people of each provider whose profile has not been confirmed within the freshness period "
            "(COPROCURE_PROFILE_FRESHNESS_DAYS, default 180). Run it daily, for example from cron.")

    def handle(self, *args, **options):
        reminded = remind_stale_profiles()
        self.stdout.write(f"Reminded {reminded} organisation(s).")
