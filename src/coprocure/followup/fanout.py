"""Telling every follower of a procurement that its "you said, we did" changed, as a task.

The messages are written to the outbox in batches of ``COPROCURE_OUTBOX["fanout_batch"]``
with a fixed number of queries per batch whatever the number of followers: one to read the
batch, three to find which insights came from each identified participant's own input, one
insert for the whole batch. Each message's key is (the change, the address), so a fan-out
started again after its worker was killed writes only the messages the first run had not.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django_tasks import task

from coprocure.core.models import Phase, Procurement
from coprocure.outbox import services as outbox
from coprocure.outbox import tasks as outbox_tasks
from coprocure.outbox.models import Fanout
from coprocure.participation import selectors as participation
from coprocure.participation.models import Insight

from .models import FollowUpContact
from .services import compose, participants, unsubscribe_token

log = logging.getLogger(__name__)

# The ways an insight comes from a person's own input: a survey question they answered as
# themselves, an activity whose survey they answered, an activity they signed up for.
OWN_INPUT = ("question__survey__responses__participant", "activity__surveys__responses__participant",
             "activity__registrations__participant")


@task()
def tell_followers(fanout_id: int) -> int:
    fanout = Fanout.objects.filter(pk=fanout_id).first()
    if fanout is None:
        log.info("fan-out %s no longer exists; nothing to send", fanout_id)
        return 0
    procurement = Procurement.objects.filter(pk=fanout.subject_id).first()
    if procurement is None:
        outbox_tasks.finish(fanout, 0, "the procurement no longer exists")
        return 0
    written = write_updates(procurement, fanout.cause, fanout)
    outbox_tasks.finish(fanout, written, "" if written else "nobody to tell")
    return written


def write_updates(procurement: Procurement, cause: str, fanout: Fanout | None = None) -> int:
    if procurement.phase == Phase.CLOSED:
        return 0
    insights = list(participation.insights_of(procurement))
    written = 0
    contacts = FollowUpContact.objects.filter(procurement=procurement).only("pk", "email", "language")
    for batch in _batches(contacts):
        written += _write(fanout, written, cause, [
            (contact.email, compose(procurement, contact.language, insights,
                                    unsubscribe_token(procurement, contact=contact)))
            for contact in batch])
    for batch in _batches(participants(procurement).only("pk", "email", "preferred_language")):
        own = own_input(procurement, [user.pk for user in batch])
        written += _write(fanout, written, cause, [
            (user.email, compose(procurement, user.preferred_language or "fi",
                                 [insight for insight in insights if insight.pk in own[user.pk]],
                                 unsubscribe_token(procurement, user=user), own_input=True))
            for user in batch if own[user.pk]])
    return written


def own_input(procurement: Procurement, user_ids: list[int]) -> dict[int, set[int]]:
    """For each of the people, the insights that came from their own input (three queries)."""
    found: dict[int, set[int]] = defaultdict(set)
    for path in OWN_INPUT:
        rows = (Insight.objects.filter(procurement=procurement, **{f"{path}__in": user_ids})
                .values_list("pk", path).distinct())
        for insight, user in rows:
            found[user].add(insight)
    return found


def _batches(queryset):
    """The rows in primary-key order, a batch at a time, each read by where the last ended."""
    size = settings.COPROCURE_OUTBOX["fanout_batch"]
    batch = list(queryset.order_by("pk")[:size])
    while batch:
        yield batch
        batch = list(queryset.filter(pk__gt=batch[-1].pk).order_by("pk")[:size])


def _write(fanout: Fanout | None, before: int, cause: str, messages: list[tuple[str, dict]]) -> int:
    with transaction.atomic():
        outbox.send_many(cause, messages)
        if fanout is not None:
            outbox_tasks.beat(fanout, before + len(messages))
    return len(messages)
