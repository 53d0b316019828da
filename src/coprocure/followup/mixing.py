"""Follow-up contacts leave their order of arrival, as anonymous answers do.

People leave an address right after answering, so contacts written one by one would line up
with the answers (and with sign-in times) by their transaction id and place on disk. They are
stored "unmixed" and released like the answers (``participation.mixing``): once a procurement
has ``COPROCURE_MIX_BATCH`` unmixed contacts, and whenever one of its anonymous surveys has been
mixed whole (the survey closed), its contacts are deleted and inserted again in random order,
in one transaction. A contact keeps its key: the key is random, and the unsubscribe links
already sent carry it.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coprocure.participation import mixing as answers
from coprocure.participation.models import Survey, SurveyMode

from .models import FollowUpContact


due = answers.due


def after_commit(procurement_id: int) -> None:
    transaction.on_commit(lambda: mix_contacts(procurement_id), robust=True)


@transaction.atomic
def mix_contacts(procurement_id: int, *, everything: bool = False) -> int:
    """Re-insert the procurement's unmixed contacts (all of its contacts with ``everything``)
    in random order; returns how many. A batch mixing leaves fewer than a batch to wait."""
    chosen = FollowUpContact.objects.filter(procurement_id=procurement_id)
    if not everything:
        chosen = chosen.filter(unmixed=True)
    contacts = list(chosen.select_for_update(skip_locked=not everything))
    if not contacts or (not everything and len(contacts) < answers.batch_size()):
        return 0
    answers.randomness().shuffle(contacts)
    FollowUpContact.objects.filter(pk__in=[contact.pk for contact in contacts])._raw_delete(FollowUpContact.objects.db)
    for contact in contacts:
        contact.unmixed = False
    FollowUpContact.objects.bulk_create(contacts)
    return len(contacts)


def on_answers_mixed(sender, procurement_id: int, **kwargs) -> None:
    """A survey of the procurement was mixed whole: its contacts are mixed whole too, in the
    same transaction."""
    if procurement_id is not None:
        mix_contacts(procurement_id, everything=True)


def sweep() -> int:
    """What ``coprocure mix-answers`` does for contacts: mix every procurement whose unmixed
    contacts make a batch, or which has no anonymous survey open any more."""
    now = timezone.now()
    open_anonymous = Survey.objects.filter(
        Q(opens_at__isnull=True) | Q(opens_at__lte=now), Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        mode=SurveyMode.ANONYMOUS,
    ).values("activity__procurement")
    mixed = 0
    waiting = FollowUpContact.objects.filter(unmixed=True).values_list("procurement_id", flat=True).distinct()
    for procurement in waiting:
        everything = not open_anonymous.filter(activity__procurement=procurement).exists()
        mixed += bool(mix_contacts(procurement, everything=everything))
    return mixed
