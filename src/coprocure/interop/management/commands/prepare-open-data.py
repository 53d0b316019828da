"""coprocure prepare-open-data: start today's OCDS release package file, the one /open-data/ and
GET /api/v1/ocds/releases/package serve, so its first reader need not wait for it. The workers'
clock runs it daily; it joins the day's job when someone started it already."""

from django.core.management.base import BaseCommand

from coprocure.interop.ocds import tasks


class Command(BaseCommand):
    help = "Start (or join) today's OCDS release package file, written by a queue worker for everyone."

    def handle(self, *args, **options):
        job = tasks.todays_package()
        self.stdout.write(f"{tasks.todays_key()}: {job.state}")
