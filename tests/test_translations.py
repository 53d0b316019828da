"""Finnish is the default and Swedish and English must be complete: every message in the code
has a translation that is not marked fuzzy."""

import re
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "src" / "coprocure" / "locale"


def msgids(po_text: str) -> set[str]:
    """Every msgid in a PO text, with its wrapped continuation lines joined."""
    found = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', po_text, re.M):
        text = "".join(re.findall(r'^"(.*)"$', block, re.M))
        if text:
            found.add(text)
    return found


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_catalogue_is_complete(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
                            capture_output=True, text=True, check=True)
    assert re.fullmatch(r"\d+ translated messages\.", result.stderr.strip().splitlines()[-1]), result.stderr


def test_catalogues_cover_every_message_in_the_python_code():
    """A message added to the code without a translation fails here, not in front of a reader."""
    committed = msgids((LOCALE / "fi/LC_MESSAGES/django.po").read_text())
    source = subprocess.run(
        ["xgettext", "--language=Python", "--keyword=_", "--keyword=gettext_lazy", "--keyword=gettext",
         "--from-code=UTF-8", "-o", "-", *map(str, (LOCALE.parent).rglob("*.py"))],
        capture_output=True, text=True, check=True,
    ).stdout
    in_python = msgids(source)
    assert in_python <= committed, sorted(in_python - committed)
