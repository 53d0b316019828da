"""What every chapter of the generator shares: names and places, the service areas, and writing
rows in batches with a progress line."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date

from coprocure.core.models import Phase, Procedure, ServiceArea
from coprocure.domain.identifiers import business_id_check_digit

BATCH = 5_000
UNUSABLE_PASSWORD = "!generated"  # nobody signs in as a generated person

COUNTIES = [
    "Helsingin kaupunki", "Itä-Uudenmaan hyvinvointialue", "Keski-Uudenmaan hyvinvointialue",
    "Länsi-Uudenmaan hyvinvointialue", "Vantaan ja Keravan hyvinvointialue", "Varsinais-Suomen hyvinvointialue",
    "Satakunnan hyvinvointialue", "Kanta-Hämeen hyvinvointialue", "Pirkanmaan hyvinvointialue",
    "Päijät-Hämeen hyvinvointialue", "Kymenlaakson hyvinvointialue", "Etelä-Karjalan hyvinvointialue",
    "Etelä-Savon hyvinvointialue", "Pohjois-Savon hyvinvointialue", "Pohjois-Karjalan hyvinvointialue",
    "Keski-Suomen hyvinvointialue", "Etelä-Pohjanmaan hyvinvointialue", "Pohjanmaan hyvinvointialue",
    "Keski-Pohjanmaan hyvinvointialue", "Pohjois-Pohjanmaan hyvinvointialue", "Kainuun hyvinvointialue",
    "Lapin hyvinvointialue", "HUS-yhtymä", "Ahvenanmaan maakunta", "Hyvinvointialueiden yhteishankinta",
]
MUNICIPALITIES = ["Helsinki", "Espoo", "Tampere", "Vantaa", "Oulu", "Turku", "Jyväskylä", "Kuopio", "Lahti",
                  "Pori", "Kouvola", "Joensuu", "Lappeenranta", "Hämeenlinna", "Vaasa", "Seinäjoki", "Rovaniemi",
                  "Mikkeli", "Kotka", "Salo", "Porvoo", "Kokkola", "Kajaani", "Rauma"]
FIRST_NAMES = ["Aino", "Eino", "Helmi", "Väinö", "Saara", "Juho", "Kerttu", "Ilmari", "Siiri", "Onni", "Elli", "Toivo"]
LAST_NAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen"]

# Service area: the procurement's title, the survey's question, what people said and the KRA.
AREAS = {
    ServiceArea.SUBSTANCE_ABUSE: (("Päihdepalvelut aikuisille", "Missbrukartjänster för vuxna", "Substance-abuse services for adults"),
                                  "P10.6", "substance_users"),
    ServiceArea.MENTAL_HEALTH: (("Mielenterveyspalvelut nuorille", "Mentalvårdstjänster för unga", "Mental-health services for young people"),
                                "P10.5", "young_people"),
    ServiceArea.HOUSING_SUPPORT: (("Asumisen tuki", "Boendestöd", "Housing support"), "P10.3", "homeless"),
    ServiceArea.OLDER_PEOPLE: (("Kotihoito ikääntyneille", "Hemvård för äldre", "Home care for older people"),
                               "P10.2", "older_people"),
    ServiceArea.DISABILITY: (("Vammaisten asumispalvelut", "Boendeservice för personer med funktionsnedsättning",
                              "Housing services for disabled people"), "P10.4", "disabled_people"),
}
# (procedure, intended contract kind): an alliance is chosen by a negotiated procedure.
PROCEDURES = [(Procedure.NEGOTIATED, ""), (Procedure.LIGHT, ""), (Procedure.COMPETITIVE_DIALOGUE, ""),
              (Procedure.OPEN, ""), (Procedure.NEGOTIATED, "alliance")]
PHASES = [(Phase.PREPARATION, 30), (Phase.TENDERING, 20), (Phase.CONTRACT, 40), (Phase.CLOSED, 10)]
SAID = [
    ("Tarvitsen apua nopeammin, jonotus on liian pitkä.", "Jag behöver hjälp snabbare, kön är för lång.", "I need help sooner; the queue is too long."),
    ("Vertaistuki auttaa minua eniten.", "Kamratstöd hjälper mig mest.", "Peer support helps me most."),
    ("Haluan saman työntekijän joka kerta.", "Jag vill ha samma arbetare varje gång.", "I want the same worker every time."),
    ("Tietoa pitää saada selkokielellä.", "Information ska finnas på lättläst språk.", "Information must be in plain language."),
]


def t(fi: str, sv: str, en: str) -> dict:
    return {lang: {"text": text, "origin": "human"} for lang, text in (("fi", fi), ("sv", sv), ("en", en))}


def business_id(body: int) -> str:
    while (check := business_id_check_digit(f"{body:07d}")) is None:
        body += 1
    return f"{body:07d}-{check}"


def first_of_month(day: date, months_later: int) -> date:
    month = day.month - 1 + months_later
    return date(day.year + month // 12, month % 12 + 1, 1)


def batched(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Progress:
    """One line on stderr per stage, redrawn in place: the stage, a bar and the rows done."""

    def __init__(self, stream=None, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.enabled = enabled

    def __call__(self, label: str, items: Iterable, total: int) -> Iterator:
        done = 0
        for item in items:
            yield item
            done += len(item) if isinstance(item, list) else 1
            self._draw(label, done, total)
        if self.enabled:
            self._draw(label, total, total)
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, label: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        filled = 30 * done // max(total, 1)
        self.stream.write(f"\r{label:<24} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        self.stream.flush()


def insert(model, rows: list, label: str, progress: Progress) -> list:
    created = []
    for chunk in progress(label, batched(rows), len(rows)):
        created += model.objects.bulk_create(chunk)
    return created
