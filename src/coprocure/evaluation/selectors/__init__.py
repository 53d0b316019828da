"""Reads for the evaluation report: every figure counted in the database (annotate and
aggregate), a fixed number of queries however many answers, participants and measurements
there are, and the domain rules applied to the counts.

``report`` gives the public figures; ``restricted`` adds what stays with the procurement's
staff (the equality monitor's ratios and the experts' hours and fees). ``compare`` sets many
procurements' headline figures side by side.
"""

from .comparison import authorities_with_public_procurements, comparable, compare
from .report import (
    assessment, evaluated_procurement, experience, experience_surveys, k_of, ledger, missing, participations_by_year,
    report, restricted, self_assessment_of, timeline,
)
from .trail import influence, outcomes, public_proposal_text

__all__ = [
    "authorities_with_public_procurements", "comparable", "compare",
    "assessment", "evaluated_procurement", "experience", "experience_surveys", "k_of", "ledger", "missing",
    "participations_by_year", "report", "restricted", "self_assessment_of", "timeline",
    "influence", "outcomes", "public_proposal_text",
]
