"""Valid HTML (issue 19 item 10): every page the permission matrix lists, rendered as a role that
may see it, passes the Nu Html Checker (vnu-jar from package.json, run offline with one JVM)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ..permissions.test_matrix import World
from . import accessibility_summary
from .matrix_pages import html_pages, page_visits

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def world(reference_data):
    return World()


def test_every_page_of_the_matrix_is_valid_html(client, world, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("The Nu Html Checker is missing: `make test` installs it (npm ci, Java)")
    files = {}
    for number, (visit, content) in enumerate(html_pages(client, world)):
        path = tmp_path / f"page{number:03d}.html"
        path.write_bytes(content)
        files[path.name] = visit
    assert len(files) > 50, "the matrix should give far more pages than this"
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always",
         *[str(tmp_path / name) for name in sorted(files)]],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    errors = sorted({f"{files[page].path} as {files[page].role}: {m['message']} [{m.get('extract', '').strip()[:100]}]"
                     for m in messages if m.get("type") == "error" for page in [m["url"].rsplit("/", 1)[-1]]})
    if accessibility_summary.recording():
        version = subprocess.run(["java", "-jar", str(VNU), "--version"], capture_output=True, text=True, timeout=60)
        checked_names = {visit.name for visit in files.values()}
        accessibility_summary.record(
            "html", tool=f"Nu Html Checker {version.stdout.strip()}", rules="errors", violations=len(errors),
            pages=sorted(checked_names), not_html=sorted({visit.name for visit in page_visits(world)} - checked_names))
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(errors)
