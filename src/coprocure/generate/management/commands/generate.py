from django.core.management.base import BaseCommand, CommandError

from coprocure.generate.data import Progress, generate
from coprocure.generate.scales import SCALES


class Command(BaseCommand):
    help = "Add realistic synthetic data at small, county or national scale (for tests and benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same data (default 1)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")

    def handle(self, *args, scale, seed, no_progress, **options):
        try:
            counts = generate(SCALES[scale], seed, Progress(self.stderr._out, enabled=not no_progress))
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Generated {scale} scale (seed {seed}): " + ", ".join(f"{n} {what}" for what, n in counts.items())))
