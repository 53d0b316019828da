"""Exact decimal arithmetic shared by the award and settlement rules, and its JSON form.

Points and euros decide who wins a contract and how much public money is paid, so anyone must
be able to recompute a published figure and get the same digits. Binary floats cannot promise
that; decimals can, provided every party divides with the same precision. ``exact()`` fixes
that precision (and the rounding of the last digit) whatever the caller's decimal context is.

Published documents carry decimals as strings in plain notation, because a JSON number is read
as a float by most tools and would lose exactly the digits a recomputation compares.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import datetime
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from enum import StrEnum
from fractions import Fraction
from typing import Any

from .errors import DomainError

# Fifty significant digits: far beyond any euro amount or point total, so the only rounding a
# reader can notice is the deliberate one to cents or to two decimals for display.
PRECISION = 50
_CONTEXT = Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)
CENT = Decimal("0.01")


def exact() -> AbstractContextManager[Context]:
    return localcontext(_CONTEXT)


def to_cents(value: Decimal) -> Decimal:
    """Round half up to cents, the rounding Finnish invoices and most readers expect."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def is_finite(value: object) -> bool:
    return isinstance(value, Decimal) and value.is_finite()


def from_fraction(value: Fraction) -> Decimal:
    """A rational figure as the one decimal everybody computes from it: the quotient rounded
    once, to ``PRECISION`` digits. Rankings compare the rationals themselves, never these."""
    with exact():
        return Decimal(value.numerator) / Decimal(value.denominator)


def text(value: Decimal) -> str:
    return format(value, "f")


def optional_text(value: Decimal | None) -> str | None:
    return None if value is None else text(value)


def invalid(path: str, reason: str) -> DomainError:
    """The error for a published document that cannot be read back, naming where it breaks."""
    return DomainError("invalid_document", path, {"reason": reason})


def item(data: Any, key: str, path: str) -> Any:
    if not isinstance(data, Mapping):
        raise invalid(path, "object expected")
    if key not in data:
        raise invalid(f"{path}.{key}" if path else key, "missing")
    return data[key]


def decimal(value: Any, path: str) -> Decimal:
    # Strings only: accepting a JSON number would let a float sneak in and silently round.
    if not isinstance(value, str):
        raise invalid(path, "decimal string expected")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise invalid(path, "not a decimal") from None


def optional_decimal(value: Any, path: str) -> Decimal | None:
    return None if value is None else decimal(value, path)


def string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise invalid(path, "string expected")
    return value


def boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise invalid(path, "boolean expected")
    return value


def integer(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(path, "integer expected")
    return value


def array(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise invalid(path, "array expected")
    return value


def mapping(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise invalid(path, "object expected")
    return value


def enum(kind: type[StrEnum], value: Any, path: str) -> Any:
    try:
        return kind(string(value, path))
    except ValueError:
        raise invalid(path, "unknown value") from None


def timestamp(value: Any, path: str) -> datetime:
    try:
        return datetime.fromisoformat(string(value, path))
    except ValueError:
        raise invalid(path, "ISO 8601 date-time expected") from None


def check_header(data: Any, kind: str, version: int) -> None:
    """Refuse a document of another kind or version rather than misread it."""
    if item(data, "format", "") != kind:
        raise DomainError("unsupported_document", "format", {"expected": kind})
    if integer(item(data, "version", ""), "version") != version:
        raise DomainError("unsupported_document", "version", {"expected": version})
