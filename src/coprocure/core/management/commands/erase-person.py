from django.core.management.base import BaseCommand, CommandError

from coprocure.core import gdpr
from coprocure.core.models import User


class Command(BaseCommand):
    help = "Erase a person: anonymise what must stay (decisions, audit), delete the rest."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No person with the username {username!r}.")
        gdpr.erase_person(None, user)
        self.stdout.write(self.style.SUCCESS(f"Erased; the account is now {user.username}."))
