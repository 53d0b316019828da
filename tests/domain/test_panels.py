"""Panels' pure rules: quotas from reference shares, the verification file, suppression, and
(once, it takes seconds) that the same inputs and seed draw the same panel and every
volunteer's probability is at least the reported minimum."""

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprocure.domain import panel_lottery, panels
from coprocure.domain.errors import DomainError

shares = st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]),
                         st.decimals(min_value=Decimal("0.1"), max_value=Decimal("60"), places=1), min_size=1)


@given(seats=st.integers(1, 60), shares=shares)
def test_quotas_from_shares_can_always_be_filled_and_stay_within_one_of_the_exact_share(seats, shares):
    quotas = panels.quotas_from_shares(seats, shares)
    assert sum(low for low, _ in quotas.values()) <= seats <= sum(high for _, high in quotas.values())
    total = sum(Fraction(share) for share in shares.values())
    for value, (low, high) in quotas.items():
        exact = Fraction(shares[value]) / total * seats
        assert low <= exact <= high and high - low <= 1


def test_quotas_need_seats_and_shares():
    with pytest.raises(DomainError) as error:
        panels.quotas_from_shares(0, {"a": Decimal(50)})
    assert error.value.code == "panel_seats_invalid"
    with pytest.raises(DomainError) as error:
        panels.quotas_from_shares(5, {"a": Decimal(0)})
    assert error.value.code == "panel_quotas_missing"


@given(seed=st.text("0123456789abcdef", min_size=1, max_size=32))
def test_a_commitment_matches_only_its_own_seed(seed):
    assert panels.commitment(seed) == panels.commitment(seed)
    assert panels.commitment(seed) != panels.commitment(seed + "0")


def test_quotas_the_volunteers_cannot_meet_are_named():
    pool = [{"age_band": "18_29"}] * 5 + [{"age_band": "65_74"}] * 1
    with pytest.raises(DomainError) as error:
        panels.check_quotas(4, {"age_band": {"18_29": (1, 3), "65_74": (2, 3)}}, pool)
    assert error.value.code == "panel_quota_unmet"
    assert error.value.params == {"category": "age_band", "value": "65_74", "needed": 2, "available": 1}
    with pytest.raises(DomainError) as error:
        panels.check_quotas(4, {"age_band": {"18_29": (1, 1), "65_74": (1, 1)}}, pool)
    assert error.value.code == "panel_quotas_do_not_add_up"
    with pytest.raises(DomainError) as error:
        panels.check_quotas(8, {"age_band": {"18_29": (1, 8), "65_74": (0, 8)}}, pool)
    assert error.value.code == "panel_too_few_volunteers"


@given(members=st.lists(st.sampled_from(["x", "y", "z"]), max_size=30), k=st.integers(2, 6))
def test_composition_never_shows_a_count_under_k_nor_lets_the_public_size_give_one_away(members, k):
    shown = panels.composition([{"area": value} for value in members], "area", k)
    hidden = [value for value, count in shown.items() if count is None]
    assert all(count is None or count >= k for count in shown.values())
    if hidden:
        # The panel's size is public: the hidden counts together must not be one small group.
        assert len(hidden) > 1 and sum(members.count(value) for value in hidden) >= k or len(hidden) == len(shown)


@given(staying=st.lists(st.sampled_from(["x", "y"]), max_size=6))
def test_replacement_quotas_keep_the_whole_panel_within_the_original_quotas(staying):
    quotas = {"area": {"x": (2, 4), "y": (2, 4)}}
    left = panels.replacement_quotas(quotas, [{"area": value} for value in staying])
    for value, (low, high) in quotas["area"].items():
        held = staying.count(value)
        assert left["area"][value] == (max(low - held, 0), max(high - held, 0))


def _file_parts():
    draw = panels.DrawInput(seats=2, quotas={"area": {"x": (1, 1), "y": (1, 1)}},
                            pool={"V001": {"area": "x"}, "V002": {"area": "y"}, "V003": {"area": "y"}},
                            seed="ab", method="maximin", library="test")
    result = panels.DrawResult(selected=("V001", "V003"),
                               probabilities={"V001": "1.000000", "V002": "0.500000", "V003": "0.500000"})
    return draw, result


@settings(max_examples=30)
@given(order=st.permutations(["V001", "V002", "V003"]))
def test_the_file_is_canonical_and_reads_back_to_the_same_draw(order):
    draw, result = _file_parts()
    shuffled = panels.DrawInput(**{**draw.__dict__, "pool": {code: draw.pool[code] for code in order}})
    text = panels.verification_file(shuffled, result, commitment_hash=panels.commitment("ab"))
    assert text == panels.verification_file(draw, result, commitment_hash=panels.commitment("ab"))
    again, published, commitment = panels.read_file(text)
    assert again == draw and published == result and commitment == panels.commitment("ab")
    assert panels.differences(again, published, commitment, result) == []
    assert '"minimum_probability": "0.500000"' in text


def test_every_difference_is_reported():
    draw, result = _file_parts()
    other = panels.DrawResult(selected=("V001", "V002"), probabilities={**result.probabilities, "V002": "0.4"})
    found = panels.differences(draw, result, panels.commitment("cd"), other)
    assert len(found) == 3
    assert "commitment" in found[0] and "V002" in found[1] and "V002" in found[2]


@pytest.mark.parametrize("text", ["", "{}", "[1]", '{"format": "coprocure-draw/1"}', "not json"])
def test_a_file_that_is_not_a_draw_is_refused(text):
    with pytest.raises(DomainError) as error:
        panels.read_file(text)
    assert error.value.code == "draw_file_invalid"


def test_the_same_inputs_and_seed_draw_the_same_panel_and_nobody_is_below_the_reported_minimum():
    rng = random.Random(3)
    pool = {f"V{i:03}": {"age_band": rng.choice(["18_29", "30_64", "65_74"]), "area": rng.choice(["n", "s"])}
            for i in range(1, 31)}
    quotas = {"age_band": {"18_29": (1, 3), "30_64": (2, 4), "65_74": (1, 3)}, "area": {"n": (3, 3), "s": (3, 3)}}
    draw = panels.DrawInput(seats=6, quotas=quotas, pool=pool, seed="5eed", method=panel_lottery.METHOD,
                            library=panel_lottery.library())
    first, second = panel_lottery.draw(draw), panel_lottery.draw(draw)
    assert first == second and len(first.selected) == 6
    minimum = Decimal(first.minimum)
    assert minimum > 0 and all(Decimal(p) >= minimum for p in first.probabilities.values())
    assert set(first.probabilities) == set(pool)
    chosen = [pool[code] for code in first.selected]
    assert sum(person["area"] == "n" for person in chosen) == 3
