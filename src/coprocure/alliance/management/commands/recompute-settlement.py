import json

from django.core.management.base import BaseCommand, CommandError

from coprocure.domain import settlement
from coprocure.domain.errors import DomainError


class Command(BaseCommand):
    help = "Recompute a published settlement statement (JSON) from its own terms and figures and say whether it matches."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The statement as downloaded from /api/v1/contracts/ID/settlements/PERIOD")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            result, matches = settlement.recompute(data)
        except DomainError as error:
            raise CommandError(f"Cannot recompute: {error.code} at {error.field} {error.params or ''}".rstrip()) from None
        if matches:
            self.stdout.write(self.style.SUCCESS(f"Matches: the payment {result.payment} EUR recomputes to the cent."))
            return
        self.stdout.write(self.style.ERROR(
            f"Does not match: recomputed payment {result.payment} EUR, published {data.get('payment')}."))
        raise SystemExit(1)
