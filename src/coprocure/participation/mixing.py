"""Mixing: anonymous answers leave the order they arrived in.

A response has no time and a random key, yet rows written one by one keep their order where no
column shows it: PostgreSQL's transaction id (``xmin``) and physical position (``ctid``), and the
order of whatever else was written at the same moments (a sign-in, a follow-up address). Lined
up with sign-in times, that order would tell who sent which answer.

So anonymous responses are stored "unmixed" and released in shuffled batches: once a survey has
``COPROCURE_MIX_BATCH`` (10 by default) unmixed responses, the answer that completes the batch
deletes them and inserts them again, with their answers, in random order and with new random
keys, in one transaction. The batch then shares one transaction id, its rows lie on disk in
random order, and its answers are the same answers (results and counts do not change). When a
survey has closed, all of its anonymous responses are mixed together once more, so an answer is
hidden among all of them and not only among its batch (``close_survey`` does it at once and
``coprocure mix-answers``, run from cron, catches surveys that closed on their own). Follow-up
contacts are mixed the same way (``followup.mixing``, on ``answers_mixed``).

Nothing is lost: the rows are deleted and inserted again in one transaction, which either
commits whole or leaves the unmixed rows as they were.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Answer, Response, Survey, SurveyMode
from .signals import answers_mixed

CHUNK = 2000


def batch_size() -> int:
    return max(2, settings.COPROCURE_MIX_BATCH)


def randomness() -> random.Random:
    """Where the shuffling and the new keys come from: the operating system's randomness, so
    no one can replay it. Tests replace this with a seeded generator."""
    return random.SystemRandom()


def _new_key(chance: random.Random) -> uuid.UUID:
    return uuid.UUID(int=chance.getrandbits(128), version=4)


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def due(waiting: int) -> bool:
    """Whether ``waiting`` unmixed responses (counted before the one being stored) make a batch."""
    return waiting + 1 >= batch_size()


def after_commit(survey_id: int) -> None:
    """Mix the survey's unmixed responses once the answer being stored has committed. Robust:
    the answer is stored whatever happens to the mixing, which the next answer or the
    command tries again."""
    transaction.on_commit(lambda: mix_survey(survey_id), robust=True)


@transaction.atomic
def mix_survey(survey_id: int, *, everything: bool = False) -> int:
    """Re-insert the survey's unmixed anonymous responses (all of them with ``everything``) in
    random order with new keys; returns how many were mixed. One mixing per survey at a time:
    it holds the survey's row (a lock that does not hold up answers being stored), and a batch
    mixing finding it held leaves the work to the one holding it. Fewer than a batch are left
    to wait, unless ``everything``."""
    lock = Survey.objects.select_for_update(no_key=True, skip_locked=not everything).filter(pk=survey_id)
    survey = lock.values_list("pk", "mixed_in_full").first()
    if survey is None:
        return 0
    chosen = Response.objects.filter(survey_id=survey_id, mode=SurveyMode.ANONYMOUS)
    if not everything:
        chosen = chosen.filter(unmixed=True)
    keys = list(chosen.values_list("pk", flat=True))
    if not keys or (not everything and len(keys) < batch_size()):
        return 0
    chance = randomness()
    chance.shuffle(keys)
    for part in _chunks(keys):
        _reinsert(part, chance)
    if survey[1] != everything:
        Survey.objects.filter(pk=survey_id).update(mixed_in_full=everything)
    if everything:
        procurement = Survey.objects.filter(pk=survey_id).values_list("activity__procurement_id", flat=True).first()
        answers_mixed.send(sender=Survey, procurement_id=procurement)
    return len(keys)


def _reinsert(keys: list, chance: random.Random) -> None:
    """Copy these responses and their answers under new keys, in the given (random) order with
    the answers shuffled, then delete the originals."""
    originals = {response.pk: response for response in Response.objects.filter(pk__in=keys)}
    answers: dict = {}
    for answer in Answer.objects.filter(response_id__in=keys):
        answers.setdefault(answer.response_id, []).append(answer)
    copies, answer_copies = [], []
    for key in keys:
        response = originals.get(key)
        if response is None:  # deleted meanwhile, with its survey
            continue
        response.pk, response.unmixed = _new_key(chance), False
        copies.append(response)
        for answer in answers.get(key, []):
            answer.pk, answer.response_id = _new_key(chance), response.pk
            answer_copies.append(answer)
    chance.shuffle(answer_copies)
    Answer.objects.filter(response_id__in=keys)._raw_delete(Answer.objects.db)
    Response.objects.filter(pk__in=keys)._raw_delete(Response.objects.db)
    Response.objects.bulk_create(copies)
    Answer.objects.bulk_create(answer_copies)


def sweep() -> dict:
    """What the ``mix-answers`` command does for answers: every open survey with a full batch
    waiting is mixed, and every closed one not yet mixed in full is mixed whole."""
    now = timezone.now()
    closed = Q(closes_at__isnull=False, closes_at__lte=now)
    mixed = {"batches": 0, "closed_surveys": 0}
    for pk in Survey.objects.filter(~closed, responses__unmixed=True).distinct().values_list("pk", flat=True):
        mixed["batches"] += bool(mix_survey(pk))
    whole = Survey.objects.filter(closed, Q(responses__unmixed=True) | Q(mixed_in_full=False),
                                  mode=SurveyMode.ANONYMOUS, responses__isnull=False)
    for pk in whole.distinct().values_list("pk", flat=True):
        mixed["closed_surveys"] += bool(mix_survey(pk, everything=True))
    return mixed
