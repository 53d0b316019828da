"""Pass on offered places whose confirmation time ran out. Pages settle an activity when they
show it; run this from cron (for example every 15 minutes) so nobody waits for a page view."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from coprocure.participation import services
from coprocure.participation.models import Activity, RegistrationStatus


class Command(BaseCommand):
    help = "Offer places to the waiting list where an offer ran out."

    def handle(self, *args, **options):
        due = Activity.objects.filter(
            registrations__status=RegistrationStatus.OFFERED, registrations__offer_expires_at__lte=timezone.now(),
        ).distinct()
        for activity in due:
            services.settle_activity(activity)
        self.stdout.write(f"{len(due)}")
