"""Age bands: the only form in which CoProcure keeps a person's age (survey backgrounds, sign-up
snapshots, and a Suomi.fi user's band when they agree to share it). A birth date is turned into
its band on arrival and never kept."""

from __future__ import annotations

from datetime import date

# (band, first age in it), youngest first; the codes are participation.AgeBand's values.
BANDS = (("under_18", 0), ("18_29", 18), ("30_64", 30), ("65_74", 65), ("75_plus", 75))


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def band_for(birth: date, today: date) -> str:
    age = age_on(birth, today)
    return [band for band, first in BANDS if age >= first][-1] if age >= 0 else BANDS[0][0]
