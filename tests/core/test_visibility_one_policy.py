"""Issue 12 item 6: no output path decides on its own whether a protected value is shown. The
leak test (test_visibility_leaks.py) proves the outputs are right today; this one fails as soon as
an output module goes back to testing a protection flag itself instead of asking
``core.visibility``, and as soon as a threshold rule is restated instead of ``privacy.reaches_k``."""

import re
from pathlib import Path

import pytest
from django.apps import apps

from coprocure.domain.visibility import RULES

SRC = Path(__file__).resolve().parents[2] / "src" / "coprocure"
POLICY = {SRC / "core" / "visibility.py", SRC / "domain" / "visibility.py"}

# The modules and templates that produce output: pages, API answers, exports, documents, open data,
# notices. Services (the writers) check state before they change it; that is not showing a value.
OUTPUT_NAMES = ("views.py", "api.py", "exports.py", "selectors.py", "documents.py", "notices.py",
                "release.py", "export.py", "schemas.py")
# An app's views.py, api.py, schemas.py or selectors.py split into a package: every module in it.
OUTPUT_PACKAGES = ("views", "api", "schemas", "selectors")


def _output_files():
    for path in SRC.rglob("*"):
        if path in POLICY or "migrations" in path.parts or "locale" in path.parts:
            continue
        if path.suffix == ".html" or path.name in OUTPUT_NAMES:
            yield path
        elif path.suffix == ".py" and path.parent.name in OUTPUT_PACKAGES and path.parent.parent != SRC:
            yield path


OWN_DECISIONS = {
    "a confidential decision tested by hand": re.compile(r"is_confidential\s+and\s+not"),
    "the old confidential-reader helper": re.compile(r"can_read_confidential"),
    "a sealed bid's opening tested by hand": re.compile(r"\bif\b[^\n%]*\bopened_at\b|\bopened_at\s+is\s+(not\s+)?None"),
    "a sealed price shown on a flag": re.compile(r"price\s+if\s+opened"),
    "an award's or agenda's publication tested by hand": re.compile(
        r"(decision|award|agenda)[\w.]*published_at\s+is\s+(not\s+)?None|(decision|award)\.published_at\s+or\b"
        r"|agenda_published_at\s+or\s+can_manage"),
}

THRESHOLD = re.compile(r"(>=|<)\s*(k|survey\.k_threshold|facts\.k)\b(?!\w)")


@pytest.mark.parametrize("name", sorted(OWN_DECISIONS))
def test_no_output_path_decides_on_its_own(name):
    pattern = OWN_DECISIONS[name]
    found = [f"{path.relative_to(SRC)}:{number}: {line.strip()}"
             for path in _output_files()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == [], f"{name}; ask coprocure.core.visibility instead:\n" + "\n".join(found)


def test_the_k_threshold_is_stated_once():
    """Every figure hidden below k, in every app and rule, goes through ``privacy.reaches_k``."""
    found = [f"{path.relative_to(SRC)}:{number}: {line.strip()}"
             for path in SRC.rglob("*.py") if path != SRC / "domain" / "privacy.py" and "migrations" not in path.parts
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if THRESHOLD.search(line)]
    assert found == [], "\n".join(found)


def test_the_patterns_catch_the_old_checks():
    """The search is only worth something if it finds the checks it replaced."""
    old = {
        "a confidential decision tested by hand": '{% if decision.is_confidential and not can_read_confidential %}',
        "the old confidential-reader helper": "def can_read_confidential(user, contract):",
        "a sealed bid's opening tested by hand": "award = award_of(tender) if tender.opened_at else None",
        "a sealed price shown on a flag": '"price": bid.price if opened else None,',
        "an award's or agenda's publication tested by hand": "if decision is None or decision.published_at is None:",
    }
    for name, line in old.items():
        assert OWN_DECISIONS[name].search(line), name
    assert THRESHOLD.search("return count if count == 0 or count >= k else None")
    assert THRESHOLD.search("if len(values) < survey.k_threshold:")


def test_every_rule_names_a_real_model_and_field():
    """A rule under a wrong name protects nothing: it would never be asked."""
    for (label, field), _protection in RULES.items():
        model = apps.get_model(label)
        if field != "*":
            assert field in {f.name for f in model._meta.get_fields()} or hasattr(model, field), (label, field)
