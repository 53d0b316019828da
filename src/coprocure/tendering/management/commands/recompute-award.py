"""coprocure recompute-award FILE.json: recompute a published award comparison from the file alone."""

import json

from django.core.management.base import BaseCommand, CommandError

from coprocure.domain import scoring
from coprocure.domain.errors import DomainError


class Command(BaseCommand):
    help = ("Recompute a published award comparison (the JSON of GET /api/v1/tenders/{id}/comparison, or its "
            "'comparison' part) and say whether it matches. Exits with 1 when it does not.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the published comparison as JSON")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        document = data.get("comparison", data) if isinstance(data, dict) else data
        try:
            result, matches = scoring.recompute(document)
        except DomainError as error:
            raise CommandError(f"Not a comparison this command can recompute: {error}") from None
        for row in result.ranking:
            self.stdout.write(f"{row.rank}. {row.bid_id}  total {scoring.display(row.total)}")
        if not matches:
            self.stderr.write(self.style.ERROR("The published figures do not match the recomputation."))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("The published comparison matches the recomputation."))
