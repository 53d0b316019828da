"""Mix anonymous answers and follow-up contacts out of their order of arrival. Run it from cron
(for example every 15 minutes) and once after upgrading; see participation.mixing.

It lives in follow-up, the layer that sees both the answers (participation) and the contacts."""

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from coprocure.followup import mixing as contacts
from coprocure.followup.models import FollowUpContact
from coprocure.participation import mixing as answers
from coprocure.participation import tokens
from coprocure.participation.models import Answer, Response


class Command(BaseCommand):
    help = "Mix waiting anonymous answers and follow-up contacts in shuffled batches; closed surveys as a whole."

    def handle(self, *args, **options):
        mixed = answers.sweep()
        procurements = contacts.sweep()
        forgotten = tokens.forget_spent(timezone.now())
        if (mixed["batches"] or mixed["closed_surveys"] or procurements) and not connection.in_atomic_block:
            _vacuum()
        self.stdout.write(f"{mixed['batches']} batches of answers, {mixed['closed_surveys']} closed surveys, "
                          f"contacts of {procurements} procurements mixed; {forgotten} spent tokens forgotten")


def _vacuum() -> None:
    """Reclaim the deleted versions of the mixed rows, which still lie in their old order."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in (Response, Answer, FollowUpContact))
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {tables}")
