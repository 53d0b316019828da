"""Demo resident panel: 12 seats of the older people's procurement drawn from 60 volunteers,
with quotas by target group (from the plan's reference population), age band and area."""

from __future__ import annotations

import random
from datetime import date

from coprocure.core.models import Procurement, User
from coprocure.panels import services
from coprocure.panels.models import Panel

from .procurements import t

AREAS = ["Keskusta", "Hervanta", "Lielahti"]
# Whom the volunteers were, as an outreach campaign at service centres found them: mostly older
# people, some relatives, a few with an immigrant background (the plan's reference groups).
VOLUNTEERS = [("older_people", ["65_74", "75_plus"], 36), ("relatives", ["30_64", "65_74"], 14),
              ("immigrants", ["30_64", "65_74", "75_plus"], 10)]
QUOTAS = {
    "age_band": {"30_64": [1, 4], "65_74": [3, 6], "75_plus": [3, 6]},
    "area": {"Keskusta": [4, 4], "Hervanta": [4, 4], "Lielahti": [4, 4]},
}


def run(official: User, procurement: Procurement) -> Panel:
    panel = services.create_panel(official, procurement, {
        "kind": "resident",
        "title": t("Kotona asumisen asukasraati", "Invånarpanelen för att bo hemma", "Resident panel on living at home"),
        "purpose": t(
            "Raati seuraa koko sopimuskauden, miten kotihoito auttaa asumaan kotona, ja tekee ehdotuksia palvelun kehittämiseksi.",
            "Panelen följer under hela avtalsperioden hur hemvården hjälper människor att bo hemma och lämnar förslag för att utveckla tjänsten.",
            "Through the whole contract period the panel follows how home care helps people live at home, and proposes how to improve the service.",
        ),
        "seats": 12, "term_starts": date(2027, 1, 1), "term_ends": date(2028, 12, 31), "areas": AREAS,
    })
    target_groups = {group: list(quota) for group, quota in services.plan_quotas(panel).items()}
    services.set_quotas(official, panel, {"target_group": target_groups, **QUOTAS},
                        "Ikäryhmät ja alueet lisätty, jotta raadissa on ääniä koko kaupungista ja eri-ikäisiltä.")
    services.set_call(official, panel, True)
    rng = random.Random(23)
    number = 0
    for group, ages, count in VOLUNTEERS:
        for _ in range(count):
            services.volunteer(panel, {
                "name": f"Asukas {number + 1}", "contact": f"asukas{number + 1}@example.invalid",
                "target_group": group, "age_band": rng.choice(ages), "area": AREAS[number % len(AREAS)],
            })
            number += 1
    services.set_call(official, panel, False)
    services.make_draw(official, services.commit_seed(official, panel))
    return panel
