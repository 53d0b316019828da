import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator

from coprocure.domain import scoring, settlement

from .test_scoring import comparison_inputs
from .test_settlement import settlements

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schemas"


def validator(name):
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


AWARD = validator("award-comparison.schema.json")
SETTLEMENT = validator("settlement.schema.json")


@given(comparison_inputs())
def test_every_award_comparison_matches_its_schema(inputs):
    AWARD.validate(scoring.to_json_dict(scoring.compare_bids(*inputs)))


@given(settlements())
def test_every_settlement_matches_its_schema(inputs):
    SETTLEMENT.validate(settlement.to_json_dict(settlement.settle(*inputs)))


@given(comparison_inputs())
def test_the_award_schema_refuses_floats_and_unknown_fields(inputs):
    document = scoring.to_json_dict(scoring.compare_bids(*inputs))
    assert not AWARD.is_valid({**document, "lowest_price": float(document["lowest_price"])})
    assert not AWARD.is_valid({**document, "winner": "bid-0"})


@given(settlements())
def test_the_settlement_schema_refuses_uncents_and_missing_figures(inputs):
    document = settlement.to_json_dict(settlement.settle(*inputs))
    assert not SETTLEMENT.is_valid({**document, "payment": document["payment"] + "1"})
    assert not SETTLEMENT.is_valid({key: value for key, value in document.items() if key != "kra_score"})


@pytest.mark.parametrize("module", ["scoring", "settlement", "kra_levels", "exact"])
def test_domain_modules_import_without_django(module):
    # A fresh interpreter: this test process has Django loaded already by pytest-django.
    code = f"import sys, coprocure.domain.{module}; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
