"""Publish each procurement's participation counts where the rule lets them move (every count
changed by none or by at least k, all the same way). The clock runs it every quarter hour
(``jobs/schedule.py``); the staff's "Publish the counts now" does the same for one procurement."""

from django.core.management.base import BaseCommand

from coprocure.participation import services


class Command(BaseCommand):
    help = "Publish the participation counts behind the public figures where they may move."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.publish_all()}")
