"""Outcome surveys that cannot be stuffed (issue 17 item 3): the figures behind a user-reported
indicator come only from invitation codes, and unusual patterns are flagged to the accountable
official before the figure can enter a settlement."""

from __future__ import annotations

import re
from decimal import Decimal

from .privacy import DEFAULT_K

# Many answers from one batch of codes within one hour: at least this many, and at least this
# share of the batch.
BURST_MIN_ANSWERS = 10
BURST_SHARE = Decimal("0.5")
# A period's mean on the 1–5 scale that moves this much from the previous period's is a jump.
JUMP = Decimal("0.5")
MAX_CODES_PER_BATCH = 500
# Codes the platform sends go to at least this many people at once. A sent batch names its
# recipients (the messages' who and when stay for their retention period) and its used codes
# are marked, so a smaller batch would tell that its one recipient answered.
MIN_RECIPIENTS = DEFAULT_K

MAX_EMAIL = 254  # the longest address SMTP carries (RFC 5321), and what the outbox stores
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_PHONE = re.compile(r"\+?[0-9]{7,15}")
_PHONE_PUNCTUATION = re.compile(r"[\s\-\u2013.()]")


def recipient(channel: str, text: str) -> str | None:
    """The address a code goes to by ``channel`` ("email" or "sms"), written one way (a phone
    number without spaces, dashes, dots or brackets), or None when the text is not one."""
    text = text.strip()
    if channel == "email":
        return text if len(text) <= MAX_EMAIL and _EMAIL.fullmatch(text) else None
    number = _PHONE_PUNCTUATION.sub("", text)
    return number if _PHONE.fullmatch(number) else None


def recipients(channel: str, lines: list[str]) -> tuple[list[str], list[str]]:
    """The distinct addresses among ``lines`` (blank lines skipped, first occurrence kept) and
    the lines that are no address for the channel."""
    found: dict[str, None] = {}
    wrong = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        address = recipient(channel, line)
        if address is None:
            wrong.append(line)
        else:
            found.setdefault(address)
    return list(found), wrong


def is_burst(answers_in_hour: int, batch_size: int) -> bool:
    """Whether the answers one batch of codes brought in one hour look like one person's work."""
    return answers_in_hour >= BURST_MIN_ANSWERS and Decimal(answers_in_hour) >= BURST_SHARE * batch_size


def is_jump(previous: Decimal | None, current: Decimal) -> bool:
    """Whether the period's figure moved suddenly from the previous period's (none: no jump)."""
    return previous is not None and abs(current - previous) >= JUMP
