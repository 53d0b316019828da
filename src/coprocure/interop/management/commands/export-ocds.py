"""coprocure export-ocds [--output FILE]: every public procurement as an OCDS release package."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coprocure.interop.ocds import export


class Command(BaseCommand):
    help = ("Write every public procurement as one OCDS 1.1 release package (JSON), streamed so that "
            "memory stays flat however many there are. Standard output unless --output is given.")

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the file to write (replaced when it exists)")

    def handle(self, *args, output=None, **options):
        pieces = export.stream(f"{settings.COPROCURE_PUBLIC_URL}/api/v1/ocds/releases")
        if not output:
            for piece in pieces:
                self.stdout.write(piece, ending="")
            return
        try:
            with open(output, "w", encoding="utf-8") as handle:
                for piece in pieces:
                    handle.write(piece)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from None
