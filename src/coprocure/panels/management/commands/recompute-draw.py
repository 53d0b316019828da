from django.core.management.base import BaseCommand, CommandError

from coprocure.domain import panel_lottery, panels
from coprocure.domain.errors import DomainError


class Command(BaseCommand):
    help = ("Run a panel's draw again from its published verification file (volunteers' anonymised categories, "
            "quotas, seed) and say whether it gives the same members and probabilities; exit 1 on any difference.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="The verification file as downloaded from the panel's page")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            draw, published, commitment = panels.read_file(text)
            recomputed = panel_lottery.draw(draw)
        except DomainError as error:
            self.stderr.write(f"Cannot recompute: {error.code}")
            raise SystemExit(1) from None
        if draw.library != panel_lottery.library():
            self.stdout.write(f"Note: drawn with {draw.library}; recomputed with {panel_lottery.library()}.")
        found = panels.differences(draw, published, commitment, recomputed)
        if not found:
            self.stdout.write(self.style.SUCCESS(
                f"Matches: the seed is the committed one, the same {len(published.selected)} members are drawn, and "
                f"every probability agrees (lowest {published.minimum})."))
            return
        self.stdout.write(self.style.ERROR("Does not match:"))
        for difference in found:
            self.stdout.write(f"  {difference}")
        raise SystemExit(1)
