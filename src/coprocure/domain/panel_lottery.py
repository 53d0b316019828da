"""The draw itself, with the Sortition Foundation's ``sortition-algorithms``.

Method: MAXIMIN, solved with HiGHS (open source). The package's LEXIMIN needs the commercial
Gurobi solver, which CoProcure cannot ship to every authority and which would make a draw
impossible to recompute without a licence; without it the package itself falls back to
MAXIMIN. MAXIMIN maximises the lowest selection probability of any volunteer, which is
LEXIMIN's first and most important goal (Flanigan et al., Nature 2021); LEXIMIN only goes on
to raise the second lowest, and so on. NASH maximises the product of the probabilities and can
leave the least likely volunteer lower.

The algorithm first computes a probability distribution over feasible panels, then picks one
panel from it with the seeded generator. Both steps iterate over Python sets, whose order
depends on string hashing, which every process randomises; so the selection runs in a child
process with ``PYTHONHASHSEED=0``, which makes the same input and seed give the same panel in
every process, on every machine with the same package versions (the file names them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata

from .errors import DomainError
from .panels import DrawInput, DrawResult, rounded, seed_number

METHOD = "maximin"
PACKAGE = "sortition-algorithms"
# A draw of a few hundred volunteers takes seconds; a stuck solver must not hold a request.
TIMEOUT_SECONDS = 300


def library() -> str:
    return f"{PACKAGE} {metadata.version(PACKAGE)}, highspy {metadata.version('highspy')}"


def draw(draw_input: DrawInput) -> DrawResult:
    """Run the selection in a child process (see the module's docstring). Quotas the solver
    finds impossible raise ``panel_quotas_infeasible``."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    completed = subprocess.run(
        [sys.executable, "-m", __name__], input=json.dumps(draw_input.plain()), capture_output=True,
        text=True, env=env, timeout=TIMEOUT_SECONDS, check=False,
    )
    answer = json.loads(completed.stdout.strip().splitlines()[-1]) if completed.stdout.strip() else {}
    if completed.returncode != 0 or "error" in answer:
        raise DomainError(answer.get("error", "panel_draw_failed"), "quotas")
    return DrawResult(selected=tuple(sorted(answer["selected"])), probabilities=answer["probabilities"])


def _select(plain: dict) -> dict:
    # Imported here: the package and its solvers load only in the child process.
    from requests.structures import CaseInsensitiveDict
    from sortition_algorithms.committee_generation import find_distribution_maximin
    from sortition_algorithms.core import lottery_rounding, standardize_distribution
    from sortition_algorithms.errors import InfeasibleQuotasError, SelectionError
    from sortition_algorithms.features import FeatureValueMinMax, set_default_max_flex
    from sortition_algorithms.people import People
    from sortition_algorithms.utils import set_random_provider

    features = CaseInsensitiveDict()
    for category, values in sorted(plain["quotas"].items()):
        features[category] = CaseInsensitiveDict(
            {value: FeatureValueMinMax(min=low, max=high) for value, (low, high) in sorted(values.items())})
    set_default_max_flex(features)
    people = People(sorted(features))
    for row, (code, values) in enumerate(sorted(plain["pool"].items())):
        people.add(code, {category: values.get(category, "") for category in features}, features, row)
    set_random_provider(seed_number(plain["seed"]))
    try:
        committees, probabilities, _report = find_distribution_maximin(features, people, plain["seats"], [])
    except (InfeasibleQuotasError, SelectionError):
        return {"error": "panel_quotas_infeasible"}
    committees, probabilities = standardize_distribution(committees, probabilities)
    chance = dict.fromkeys(people, 0.0)
    for committee, probability in zip(committees, probabilities, strict=True):
        for code in committee:
            chance[code] += probability
    (panel,) = lottery_rounding(committees, probabilities, 1)
    return {"selected": sorted(panel), "probabilities": {code: rounded(p) for code, p in sorted(chance.items())}}


if __name__ == "__main__":
    try:
        print(json.dumps(_select(json.loads(sys.stdin.read()))))
    except DomainError as error:
        print(json.dumps({"error": error.code}))
