"""The accessibility statement's status rests on the committed summary of the automated checks
(src/coprocure/core/accessibility_checks.json, written by tests/browser/test_accessibility.py,
tests/web/test_html_validity.py and tests/browser/test_reflow.py when `make test` runs them). It
must describe the pages the permission matrix lists now: a page added to the matrix and not yet
checked, or a checked page the matrix no longer lists, fails here until the checks are recorded
again. The file's name sorts after the checks' own files, so in a full run that records the
summary this test reads the fresh one."""

import json
from datetime import date

import pytest

from coprocure.core.accessibility import SUMMARY_FILE, automated_checks
from coprocure.domain.conformance import CHECKS

from .matrix_pages import page_routes

AGAIN = ("record the checks again: `make test` (it sets COPROCURE_RECORD_ACCESSIBILITY=1), or those three test files "
         "with COPROCURE_RECORD_ACCESSIBILITY=1, and commit src/coprocure/core/accessibility_checks.json")


def recorded() -> dict:
    return json.loads(SUMMARY_FILE.read_text())["checks"]


def test_the_summary_has_every_check_with_its_tool_rules_day_and_result():
    checks = recorded()
    assert sorted(checks) == sorted(CHECKS), AGAIN
    assert sorted(checks["axe"]["languages"]) == ["en", "fi", "sv"], AGAIN
    for part in [checks["html"], checks["reflow"], *checks["axe"]["languages"].values()]:
        assert part["tool"] and part["rules"] and part["pages"] and isinstance(part["violations"], int)
        assert date.fromisoformat(part["checked_on"]) <= date.today()
    assert [check["name"] for check in automated_checks()] == list(CHECKS)


@pytest.mark.parametrize("check", ["html", "reflow"])
def test_the_summary_covers_exactly_the_pages_the_matrix_lists(check):
    part = recorded()[check]
    checked, downloads = set(part["pages"]), set(part["not_html"])
    listed = page_routes()
    assert not checked & downloads
    assert sorted(listed - checked - downloads) == [], f"listed in the matrix but not checked; {AGAIN}"
    assert sorted((checked | downloads) - listed) == [], f"checked but no longer in the matrix; {AGAIN}"


def test_axe_checked_the_same_pages_in_every_language():
    languages = recorded()["axe"]["languages"]
    assert languages["fi"]["pages"] == languages["sv"]["pages"] == languages["en"]["pages"]
