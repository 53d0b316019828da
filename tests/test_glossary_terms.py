"""The seeds' words in Finnish and Finland-Swedish (issue 18 item 8): the catalogues use one term
per concept as the glossary sets and none it bans, THL's dimension is "osallisuus yhteisestä
hyvästä", and the experience survey measures each of THL's three dimensions with two items at
least."""

import re
from pathlib import Path

from coprocure.domain.evaluation import EXPERIENCE_ITEMS, ParticipationDimension

LOCALE = Path(__file__).resolve().parents[1] / "src" / "coprocure" / "locale"

# Terms the glossary bans, per catalogue, with the term to use instead.
BANNED = {
    "sv": {
        r"tilldelningsbeslut": "upphandlingsbeslut (Sweden-Swedish LOU term)",
        r"tilldelningskriteri": "jämförelsegrunder (Sweden-Swedish LOU term)",
        r"\bmyndighete?n?\b": "upphandlande enhet: the buyer is never 'myndigheten'",
        r"\bkamrat(?:er|erna|ernas|en)?\b": "kamratstödjare ('kamrat' reads as comrade)",
        r"\bvälfärd\b": "välbefinnande for a person's wellbeing (välfärd is societal welfare)",
        r"\blättläst\b": "klarspråk: plain language is not Easy Swedish (lättläst) unless really offered",
        r"rättelseyrkande": "begäran om upphandlingsrättelse",
        r"\bNi sa, vi gjorde\b": "Vad vi gjorde med det ni sa: a calque of 'You said, we did' is no Swedish page name",
    },
    "fi": {
        r"yhteisessä hyvässä": "osallisuus yhteisestä hyvästä (THL's elative)",
        r"selkokielinen tiivistelmä|selkokielessä": "selkeä kieli: plain language is not selkokieli",
        r"pääsit jonoon": "varasijalla",
        r"Te sanoitte, me teimme": "Mitä palautteellenne tehtiin: a calque of 'You said, we did' is no Finnish page name",
    },
}


def messages(language: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a catalogue, continuation lines joined."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    pairs = []
    for block in text.split("\n\n"):
        if "msgstr" not in block:
            continue
        parts = {"msgid": "", "msgstr": ""}
        current = None
        for line in block.splitlines():
            if line.startswith(("msgid ", "msgstr ")):
                current, _, rest = line.partition(" ")
                parts[current] = rest.strip()[1:-1]
            elif line.startswith('"') and current:
                parts[current] += line.strip()[1:-1]
        pairs.append((parts["msgid"], parts["msgstr"]))
    return pairs


def test_no_catalogue_uses_a_term_the_glossary_bans():
    found = []
    for language, banned in BANNED.items():
        for msgid, msgstr in messages(language):
            for pattern, instead in banned.items():
                if re.search(pattern, msgstr, re.IGNORECASE):
                    found.append(f"{language}: {msgstr!r} uses {pattern!r}; use {instead}")
    assert found == []


def test_the_common_good_dimension_has_thls_name():
    finnish = dict(messages("fi"))
    swedish = dict(messages("sv"))
    assert finnish["Participation in the common good"] == "Osallisuus yhteisestä hyvästä"
    assert swedish["Participation in the common good"] == "Delaktighet i det gemensamma goda"


def test_the_experience_survey_measures_every_dimension_with_two_items_at_least():
    for dimension in ParticipationDimension:
        items = [item for item in EXPERIENCE_ITEMS if item.dimension is dimension]
        assert len(items) >= 2, dimension
        assert all(set(item.text) == {"fi", "sv", "en"} and all(item.text.values()) for item in items)
