"""One-time answer tokens: signed values, stored only when spent.

Reading a survey's form writes nothing. The answering page and ``GET /api/v1/surveys/{id}/token``
hand out a token signed with the site's secret under its own salt: the survey's id and a random
nonce, with the time of signing, so that it expires (``COPROCURE_ANSWER_TOKEN_HOURS``, 24 by
default). Sending answers spends it: its nonce is inserted into ``SpentAnswerToken``, whose
primary key refuses a second use, in the same transaction as the answers, so an answer that is
refused spends nothing and a token is used once. A forged token, another survey's, an expired
or a spent one is refused, and nothing is stored.

The nonce's row holds no time and nothing that points to the answer. In anonymous mode the same
statement takes the survey's row for the answer's rewrite of the waiting responses
(``mixing.store``), so the whole token check costs one round trip to the database.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import connection
from django.utils.translation import gettext_lazy as _

from coprocure import errors
from coprocure.domain.errors import DomainError

from . import mixing
from .models import SpentAnswerToken, Survey

SALT = "coprocure.participation.answer-token"

# The messages of the token's refusals, in the one table of messages.
errors.MESSAGES.update({
    "token_invalid": _("This answer form is not valid for this survey. Open the survey again and send your answers."),
    "token_expired": _("This answer form was open too long. Please send your answers again."),
})


def lifetime_seconds() -> int:
    return settings.COPROCURE_ANSWER_TOKEN_HOURS * 3600


def issue(survey_id: int) -> str:
    """A fresh token for one answering form. Signing only: nothing is written."""
    return signing.dumps({"s": survey_id, "n": secrets.token_urlsafe(16)}, salt=SALT, compress=False)


def nonce_of(token: str, survey_id: int) -> str:
    """The token's nonce, if we signed it for this survey and it has not expired; otherwise a
    DomainError on the field ``token``: ``token_invalid`` (400) or ``token_expired`` (410)."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=lifetime_seconds())
    except signing.SignatureExpired:
        raise DomainError("token_expired", "token") from None
    except signing.BadSignature:
        raise DomainError("token_invalid", "token") from None
    data = data if isinstance(data, dict) else {}
    nonce = data.get("n")
    if data.get("s") != survey_id or not isinstance(nonce, str) or not 0 < len(nonce) <= 32:
        raise DomainError("token_invalid", "token")  # another survey's, or not one of ours
    return nonce


STATUS = {"token_invalid": 400, "token_expired": 410, "token_used": 409}


def spend(survey_id: int, nonce: str, *, hold_survey: bool) -> bool:
    """Store the nonce unless it is there already, inside the caller's transaction: whether it
    was stored now (False: the token was used before). With ``hold_survey`` the same statement
    holds the survey's row as ``mixing.hold`` does. One statement on PostgreSQL."""
    spent, surveys = SpentAnswerToken._meta.db_table, Survey._meta.db_table
    insert = f"INSERT INTO {spent} (nonce, survey_id) VALUES (%s, %s) ON CONFLICT DO NOTHING RETURNING 1"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and hold_survey:
            cursor.execute(f"WITH spent AS ({insert}), held AS (SELECT 1 FROM {surveys} WHERE id = %s FOR NO KEY UPDATE) "
                           "SELECT (SELECT count(*) FROM spent), (SELECT count(*) FROM held)", [nonce, survey_id, survey_id])
            return bool(cursor.fetchone()[0])
        if hold_survey:
            mixing.hold(survey_id)
        cursor.execute(insert, [nonce, survey_id])
        return cursor.fetchone() is not None


def forget_spent(now) -> int:
    """Delete the spent nonces of surveys closed longer ago than a token lives: no token of
    theirs can be sent any more (``coprocure mix-answers`` does this too)."""
    expired = now - timedelta(seconds=lifetime_seconds())
    return SpentAnswerToken.objects.filter(survey__closes_at__lt=expired).delete()[0]
