import random
from datetime import date

import pytest

from coprocure.panels import services

from ..factories import text

QUOTAS = {"age_band": {"18_29": [1, 3], "30_64": [2, 4], "65_74": [1, 3]}, "area": {"Keskusta": [3, 3], "Pohjoinen": [3, 3]}}


@pytest.fixture
def panel(official, procurement):
    panel = services.create_panel(official, procurement, {
        "kind": "resident", "title": text("Asukasraati", "Invånarpanel", "Resident panel"),
        "purpose": text("Raati kertoo, mikä kotihoidossa toimii."), "seats": 6,
        "term_starts": date(2027, 1, 1), "term_ends": date(2028, 12, 31), "areas": ["Keskusta", "Pohjoinen"],
    })
    services.set_quotas(official, panel, QUOTAS, "Ikä ja alue tasan: palvelu on koko kunnan.")
    return services.set_call(official, panel, True)


def fill(panel, count=18, seed=3):
    rng = random.Random(seed)
    for number in range(count):
        services.volunteer(panel, {
            "name": f"Vapaaehtoinen {number}", "contact": f"v{number}@example.org",
            "age_band": rng.choice(["18_29", "30_64", "65_74"]), "area": ["Keskusta", "Pohjoinen"][number % 2],
        })
