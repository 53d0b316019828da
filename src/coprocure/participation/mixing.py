"""Mixing: anonymous answers leave the order they arrived in.

A response has no time and a random key, yet rows written one by one keep their order where no
column shows it: PostgreSQL's transaction id (``xmin``) and physical position (``ctid``), and the
order of whatever else was written at the same moments (a sign-in, a follow-up address). Lined
up with sign-in times, that order would tell who sent which answer.

So anonymous responses are stored "unmixed" and released in shuffled batches, and even the
ones waiting for their batch keep no order of arrival: every anonymous answer is stored
together with the survey's waiting responses, which it deletes and inserts again with itself,
in random order and with new keys, in the answer's own transaction (``store``). The waiting
responses then share the newest answer's transaction id and command id, lie on disk in random
order and carry keys derived from nothing that survives, so a dump taken while a batch fills
cannot tell the newest waiting answer from the others. Once ``COPROCURE_MIX_BATCH`` (10 by
default) are waiting, that same rewrite inserts them as mixed, and they wait no more: at most
a batch is rewritten per answer, so the cost per answer does not grow with the survey. When a
survey has closed, all of its anonymous responses are mixed together once more, so an answer is
hidden among all of them and not only among its batch (``close_survey`` does it at once and
``coprocure mix-answers``, run from cron, catches surveys that closed on their own). Follow-up
contacts are mixed in batches (``followup.mixing``, on ``answers_mixed``).

Answers to one survey are written one at a time: the answer's transaction holds the survey's
row (``FOR NO KEY UPDATE``, which does not hold up anything but other answers' rewrites and
edits of the survey) before its rewrite reads the waiting responses, so two answers arriving
together cannot each rewrite only their own row.

Nothing is lost: the rows are deleted and inserted again in one transaction, which either
commits whole or leaves the unmixed rows as they were.
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
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
    """Whether ``waiting`` unmixed rows (counted before the one being stored) make a batch."""
    return waiting + 1 >= batch_size()


def hold(survey_id: int) -> None:
    """Hold the survey's row until the answer's transaction ends (``store`` needs it; the
    token check takes it in its own statement)."""
    list(Survey.objects.select_for_update(no_key=True).filter(pk=survey_id).values_list("pk"))


# One statement: the waiting responses and their answers are deleted, and inserted again with
# the new response and its answers, every row under a new key (a keyed hash of its old key with
# a random salt that is never stored) and in the order of the new keys, that is in random order.
# The rows are mixed (no longer waiting) once they make a batch.
_KEY = "encode(substring(sha256(%(salt)s::bytea || uuid_send({})) from 1 for 16), 'hex')::uuid"
_STORE = """
WITH waiting AS (
    DELETE FROM {response} WHERE survey_id = %(survey)s AND unmixed
    RETURNING id, channel, answered_on, target_group, age_band, invited
), their_answers AS (
    DELETE FROM {answer} WHERE response_id IN (SELECT id FROM waiting)
    RETURNING id, response_id, question_id, value, redacted
), everyone AS MATERIALIZED (
    SELECT id AS was, channel, answered_on, target_group, age_band, invited FROM waiting
    UNION ALL SELECT %(id)s::uuid, %(channel)s, %(day)s::date, %(group)s, %(age)s, %(invited)s
), renamed AS MATERIALIZED (
    SELECT {new_response_key} AS id, everyone.* FROM everyone
), responses AS (
    INSERT INTO {response} (id, survey_id, mode, channel, answered_on, participant_id, target_group, age_band,
                            invited, unmixed)
    SELECT id, %(survey)s, %(mode)s, channel, answered_on, NULL, target_group, age_band, invited,
           (SELECT count(*) FROM everyone) < %(batch)s
    FROM renamed ORDER BY id
), reopened AS (
    UPDATE {survey} SET mixed_in_full = false WHERE id = %(survey)s AND mixed_in_full
      AND (SELECT count(*) FROM everyone) >= %(batch)s
)
INSERT INTO {answer} (id, response_id, question_id, value, redacted)
SELECT {new_answer_key}, renamed.id, given.question_id, given.value, given.redacted
FROM (SELECT id, response_id, question_id, value, redacted FROM their_answers
      UNION ALL SELECT id, %(id)s::uuid, question_id, value, redacted
      FROM jsonb_to_recordset(%(answers)s::jsonb) AS new(id uuid, question_id bigint, value jsonb, redacted boolean)
     ) AS given JOIN renamed ON renamed.was = given.response_id
ORDER BY 1
"""


def _renamed(salt: bytes, key: uuid.UUID) -> uuid.UUID:
    """The key ``_STORE`` gives a row: the same keyed hash, computed here."""
    return uuid.UUID(bytes=hashlib.sha256(salt + key.bytes).digest()[:16])


def store(response: Response, answers: list[Answer]) -> Response:
    """Store a new anonymous response and its answers with the survey's waiting responses
    written again, in the caller's transaction, which must hold the survey's row (``hold``, or
    the token check's statement). Returns the response under the key it has now (until the
    next answer's rewrite)."""
    chance = randomness()
    response.pk, response.unmixed = _new_key(chance), True
    for answer in answers:
        answer.pk, answer.response_id = _new_key(chance), response.pk
    if connection.vendor != "postgresql":
        return _store_with_the_orm(response, answers, chance)
    salt = chance.getrandbits(256).to_bytes(32, "big")
    statement = _STORE.format(
        response=Response._meta.db_table, answer=Answer._meta.db_table, survey=Survey._meta.db_table,
        new_response_key=_KEY.format("was"), new_answer_key=_KEY.format("given.id"))
    with connection.cursor() as cursor:
        cursor.execute(statement, {
            "survey": response.survey_id, "salt": salt, "id": response.pk, "channel": str(response.channel),
            "day": response.answered_on, "group": response.target_group, "age": response.age_band,
            "invited": response.invited, "mode": str(SurveyMode.ANONYMOUS), "batch": batch_size(),
            "answers": json.dumps([{"id": str(a.pk), "question_id": a.question_id, "value": a.value,
                                    "redacted": a.redacted} for a in answers]),
        })
    response.pk = _renamed(salt, response.pk)
    return response


def _store_with_the_orm(response: Response, answers: list[Answer], chance: random.Random) -> Response:
    """``store`` where there is no PostgreSQL (the demo's SQLite file): the same rewrite in
    several statements."""
    response.save(force_insert=True)
    Answer.objects.bulk_create(answers)
    keys = list(Response.objects.filter(survey_id=response.survey_id, unmixed=True).values_list("pk", flat=True))
    chance.shuffle(keys)
    waiting = len(keys) < batch_size()
    if not waiting:
        Survey.objects.filter(pk=response.survey_id, mixed_in_full=True).update(mixed_in_full=False)
    renamed = _reinsert(keys, chance, waiting=waiting)
    response.pk = renamed[response.pk]
    return response


@transaction.atomic
def mix_survey(survey_id: int, *, everything: bool = False) -> int:
    """Re-insert the survey's unmixed anonymous responses (all of them with ``everything``) in
    random order with new keys; returns how many were mixed. It holds the survey's row, as every
    anonymous answer does for its rewrite, so the two never interleave; a batch mixing finding
    it held leaves the work to the one holding it. Fewer than a batch are left to wait, unless
    ``everything``."""
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


def _reinsert(keys: list, chance: random.Random, *, waiting: bool = False) -> dict:
    """Copy these responses and their answers under new keys, in the given (random) order with
    the answers shuffled, then delete the originals; the new key of each."""
    originals = {response.pk: response for response in Response.objects.filter(pk__in=keys)}
    answers: dict = {}
    for answer in Answer.objects.filter(response_id__in=keys):
        answers.setdefault(answer.response_id, []).append(answer)
    copies, answer_copies, renamed = [], [], {}
    for key in keys:
        response = originals.get(key)
        if response is None:  # deleted meanwhile, with its survey
            continue
        response.pk, response.unmixed = _new_key(chance), waiting
        renamed[key] = response.pk
        copies.append(response)
        for answer in answers.get(key, []):
            answer.pk, answer.response_id = _new_key(chance), response.pk
            answer_copies.append(answer)
    chance.shuffle(answer_copies)
    Answer.objects.filter(response_id__in=keys)._raw_delete(Answer.objects.db)
    Response.objects.filter(pk__in=keys)._raw_delete(Response.objects.db)
    Response.objects.bulk_create(copies)
    Answer.objects.bulk_create(answer_copies)
    return renamed


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
