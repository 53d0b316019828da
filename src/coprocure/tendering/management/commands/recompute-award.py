"""coprocure recompute-award FILE.json: recompute a published award comparison from the file alone."""

import json

from django.core.management.base import BaseCommand, CommandError

from coprocure.domain import scoring
from coprocure.domain.errors import DomainError


class Command(BaseCommand):
    help = ("Recompute a published award comparison (the JSON of GET /api/v1/tenders/{id}/comparison, or its "
            "'comparison' part), lot by lot when it has lots, and say whether every lot matches. Exits with 1 when it does not.")

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
            results, verdict = scoring.recompute_lots(document)
        except DomainError as error:
            raise CommandError(f"Not a comparison this command can recompute: {error}") from None
        for lot, result in results:
            if lot is not None:
                state = "matches" if verdict[lot] else "does NOT match"
                self.stdout.write(f"Lot {lot}: {state}")
            for row in result.ranking:
                self.stdout.write(f"{row.rank}. {row.bid_id}  total {scoring.display(row.total)}")
            for group in result.ties:
                drawn = (f"ordered by the draw with seed {result.draw.seed} (commitment {result.draw.commitment})"
                         if result.draw and result.draw.seed else "not yet ordered by a draw")
                self.stdout.write(f"True tie between {', '.join(group)}: {drawn}")
        unrecomputed = sorted(lot for lot in verdict if lot is not None and lot not in dict(results))
        for lot in unrecomputed:
            self.stdout.write(f"Lot {lot}: does NOT match (its bids are missing)")
        if not all(verdict.values()):
            self.stderr.write(self.style.ERROR("The published figures do not match the recomputation."))
            raise SystemExit(1)
        if len(verdict) > 1:
            self.stdout.write(self.style.SUCCESS("Every lot of the published comparison matches the recomputation."))
        else:
            self.stdout.write(self.style.SUCCESS("The published comparison matches the recomputation."))
