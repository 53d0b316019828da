"""Issue a one-time code with which an official or administrator enrols an authenticator."""

from django.core.management.base import BaseCommand, CommandError

from coprocure.accounts import services
from coprocure.core.models import User


class Command(BaseCommand):
    help = ("Print a one-time enrolment code for USERNAME (valid 7 days) to hand over out of band; "
            "their existing authenticators are removed (a lost phone is replaced this way).")

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        self.stdout.write(services.issue_enrolment_code(None, user))
