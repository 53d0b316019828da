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
            differing = settlement.differences(data)
        except DomainError as error:
            raise CommandError(f"Cannot recompute: {error.code} at {error.field} {error.params or ''}".rstrip()) from None
        if matches and not differing:
            self.stdout.write(self.style.SUCCESS(f"Matches: the payment {result.payment} EUR recomputes to the cent."))
            return
        recomputed = settlement.to_json_dict(result)
        self.stdout.write(self.style.ERROR("Does not match. Every figure that differs (published → recomputed):"))
        for path in differing:
            self.stdout.write(f"  {path}: {_at(data, path)} → {_at(recomputed, path)}")
        raise SystemExit(1)


def _at(document, path: str):
    """The value at a path such as ``shares[1].amount``; None where the document has none."""
    value = document
    for part in path.replace("[", ".[").split("."):
        try:
            value = value[int(part[1:-1])] if part.startswith("[") else value[part]
        except (KeyError, IndexError, TypeError, ValueError):
            return None
    return value
