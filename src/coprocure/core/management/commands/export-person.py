import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from coprocure.audit import services as audit
from coprocure.core import gdpr
from coprocure.core.models import User


class Command(BaseCommand):
    help = "Print everything kept about a person as JSON (a subject access request). The read is audited."

    def add_arguments(self, parser):
        parser.add_argument("username")

    @transaction.atomic
    def handle(self, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No person with the username {username!r}.")
        audit.record_personal_data_read(None, "export_person", user, [user])
        self.stdout.write(json.dumps(gdpr.export_person(user), ensure_ascii=False, indent=2))
