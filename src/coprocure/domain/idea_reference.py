"""The reference number a development idea is followed by, such as ``IDEA-2026-K3M9QX``.

It is read aloud on the phone, copied from a paper slip and typed on a phone keyboard, so it
uses 31 symbols that are hard to mix up (digits and capitals without I, L, O, U and V), accepts
lower case, spaces, missing dashes and the look-alikes (O for 0, I and L for 1), and ends in a
check symbol. With 31 symbols, a prime, and a different
weight for each place, every single wrong symbol and every swap of two neighbours is caught,
so a typo gets "check the reference" instead of somebody else's idea.

The code part is random, not a running number: a running number would say in which order the
ideas arrived, and an anonymous idea keeps nothing finer than its day.
"""

from __future__ import annotations

import random
import re

from .errors import DomainError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTWXYZ"  # 31 symbols: a prime
PREFIX = "IDEA"
CODE_LENGTH = 5  # random symbols; the check symbol comes after them
# Symbols people type for the ones we use.
LOOK_ALIKES = {"O": "0", "I": "1", "L": "1"}
_SHAPE = re.compile(rf"^{PREFIX}(\d{{4}})([{ALPHABET}]{{{CODE_LENGTH + 1}}})$")


def check_symbol(code: str) -> str:
    """The check symbol of ``code``: weights 1, 2, 3… (all different and below 31) times each
    symbol's value, summed modulo 31."""
    total = sum((place + 1) * ALPHABET.index(symbol) for place, symbol in enumerate(code))
    return ALPHABET[total % len(ALPHABET)]


def new_reference(year: int, rng: random.Random) -> str:
    code = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return compose(year, code)


def compose(year: int, code: str) -> str:
    if not 1000 <= year <= 9999:
        raise ValueError(year)
    return f"{PREFIX}-{year}-{code}{check_symbol(code)}"


def normalise(text: str) -> str:
    """The reference as stored, from what a person typed; ``idea_reference_invalid`` when it is
    not one (wrong shape, or a symbol mistyped: the check symbol does not match)."""
    cleaned = "".join(symbol for symbol in text.upper() if symbol.isalnum())
    if cleaned.startswith(PREFIX):
        cleaned = PREFIX + "".join(LOOK_ALIKES.get(symbol, symbol) for symbol in cleaned[len(PREFIX):])
    match = _SHAPE.match(cleaned)
    if match is None:
        raise DomainError("idea_reference_invalid", "reference")
    year, code = match.group(1), match.group(2)
    if check_symbol(code[:-1]) != code[-1]:
        raise DomainError("idea_reference_invalid", "reference")
    return f"{PREFIX}-{year}-{code}"
