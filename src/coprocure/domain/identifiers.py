"""Finnish identifiers: the business ID (Y-tunnus) and the personal identity code (henkilötunnus).

Both carry a check character so that a typing error is caught where it is made.
"""

from __future__ import annotations

import re

from .errors import DomainError

_BUSINESS_ID = re.compile(r"^(\d{6,7})-(\d)$")
_BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(body: str) -> int | None:
    """Check digit for the seven-digit body, or None when no digit can be valid.

    The Finnish Tax Administration never issues a body whose weighted sum leaves remainder 1.
    """
    total = sum(int(d) * w for d, w in zip(body, _BUSINESS_ID_WEIGHTS, strict=True))
    remainder = total % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def normalise_business_id(value: str, field: str = "business_id") -> str:
    """Return the canonical ``NNNNNNN-C`` form or raise DomainError.

    Old six-digit IDs are padded with a leading zero, as the registry itself does.
    """
    match = _BUSINESS_ID.match(value.strip())
    if not match:
        raise DomainError("business_id_format", field)
    body = match.group(1).zfill(7)
    if business_id_check_digit(body) != int(match.group(2)):
        raise DomainError("business_id_checksum", field)
    return f"{body}-{match.group(2)}"


def is_valid_business_id(value: str) -> bool:
    try:
        normalise_business_id(value)
    except DomainError:
        return False
    return True


# Personal identity code: DDMMYY, a century sign, a three-digit individual number, a check
# character. The 2023 reform added Y X W V U (1900s) and B C D E F (2000s) beside - and A.
HETU_CENTURIES = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
                  "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
HETU_CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def hetu_check_char(date_digits: str, individual: str) -> str:
    return HETU_CHECK_CHARS[int(date_digits + individual) % 31]
