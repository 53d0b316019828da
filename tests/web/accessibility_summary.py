"""The automated accessibility checks write what they found into the summary the accessibility
statement reads (src/coprocure/core/accessibility_checks.json, committed with the code): for each
check its tool and version, its rules, the pages it looked at, the violations it found and the day.

A check writes its part only when COPROCURE_RECORD_ACCESSIBILITY is set (`make test` sets it), so
that running one test file while working leaves the committed summary alone. It writes before it
asserts: a run that finds violations records them, and the statement then says so.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date

from coprocure.core.accessibility import SUMMARY_FILE


def recording() -> bool:
    return bool(os.environ.get("COPROCURE_RECORD_ACCESSIBILITY"))


def record(check: str, *, tool: str, rules, pages: list[str], violations: int, language: str | None = None,
           **extra) -> None:
    if not recording():
        return
    summary = json.loads(SUMMARY_FILE.read_text()) if SUMMARY_FILE.exists() else {"checks": {}}
    part = {"tool": tool, "rules": rules, "pages": sorted(set(pages)), "violations": violations,
            "checked_on": date.today().isoformat(), **extra}
    if language is None:
        summary["checks"][check] = part
    else:
        summary["checks"].setdefault(check, {"languages": {}})["languages"][language] = part
    SUMMARY_FILE.write_text(json.dumps(summary, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def page_pattern(path: str) -> str:
    """A page's address without the ids and tokens of one test's data, so runs compare."""
    return re.sub(r"\d+", "{id}", re.sub(r"/[A-Za-z0-9_:.-]{20,}/", "/{token}/", path))
