"""How many rows each scale makes. National is the size the issue names for a whole country;
county is about a twenty-fifth of it, small a few hundred rows per model for tests."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    authorities: int
    organisations: int
    services_each: int
    procurements: int
    answers: int  # one per question answered: three questions per survey
    measurements: int
    cost_lines: int
    residents: int


SCALES = {
    "small": Scale(authorities=2, organisations=120, services_each=2, procurements=40, answers=1_200,
                   measurements=800, cost_lines=300, residents=20),
    "county": Scale(authorities=1, organisations=800, services_each=5, procurements=200, answers=40_000,
                    measurements=80_000, cost_lines=8_000, residents=100),
    "national": Scale(authorities=25, organisations=20_000, services_each=5, procurements=5_000, answers=1_000_000,
                      measurements=2_000_000, cost_lines=200_000, residents=2_000),
}
