"""The codebase's shape, checked like behaviour: the apps' layers (the import-linter contract in
pyproject.toml, drawn in docs/architecture.md) and modules small enough to hold in one's head."""

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "coprocure"
MAX_LINES = 400


def test_apps_import_only_from_the_layers_below():
    linter = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(linter), "--no-cache"], cwd=SRC.parents[1], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr


def test_no_module_is_longer_than_a_person_can_hold_in_their_head():
    too_long = {
        str(path.relative_to(SRC)): lines
        for path in SRC.rglob("*.py") if "migrations" not in path.parts
        for lines in [len(path.read_text(encoding="utf-8").splitlines())] if lines > MAX_LINES
    }
    assert too_long == {}, f"split these along their chapters (at most {MAX_LINES} lines): {too_long}"
