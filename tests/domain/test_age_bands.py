"""Age bands, the only form in which an age is kept (domain/age_bands.py)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.age_bands import BANDS, age_on, band_for

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))


@given(days, days)
def test_every_birth_date_falls_in_exactly_the_band_of_its_age(birth, today):
    band = band_for(birth, today)
    assert band in {code for code, _first in BANDS}
    age = age_on(birth, today)
    firsts = [first for _code, first in BANDS]
    index = [code for code, _ in BANDS].index(band)
    if age >= 0:
        assert firsts[index] <= age and (index + 1 == len(firsts) or age < firsts[index + 1])


@given(days)
def test_a_birthday_moves_the_age_on_that_very_day(birth):
    if birth.month == 2 and birth.day == 29:
        return
    eighteenth = birth.replace(year=birth.year + 18)
    assert age_on(birth, eighteenth) == 18 and age_on(birth, eighteenth - timedelta(days=1)) == 17


def test_known_ages():
    assert band_for(date(1960, 3, 15), date(2026, 12, 5)) == "65_74"
    assert band_for(date(2010, 1, 1), date(2026, 12, 5)) == "under_18"
    assert band_for(date(1940, 1, 1), date(2026, 12, 5)) == "75_plus"
