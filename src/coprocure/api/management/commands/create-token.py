from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from coprocure.api.models import ApiToken
from coprocure.audit import services as audit


class Command(BaseCommand):
    help = "Create an API token for a user and print it once (only its digest is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="integration")

    @transaction.atomic
    def handle(self, username, name, **options):
        try:
            user = get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No active user called {username!r}.") from None
        token, raw = ApiToken.issue(user, name)
        audit.record(None, "api_token.create", token, None, {"user": user.pk, "name": name, "prefix": token.prefix})
        self.stdout.write(raw)
