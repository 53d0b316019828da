"""Settling one period of an alliance contract: what the providers are paid and why.

In an alliance the providers are reimbursed their actual, audited cost, earn a fee on top, and
share with the authority both the savings and the overruns against an agreed target cost, so
that nobody gains by spending more. What is at risk is part of the fee: the overrun share and
the KRA sanction together never take more than the fee (unless the agreement explicitly says
otherwise), so the payment never falls below the approved actual cost. Their result also moves with the key result areas (KRAs), the
outcomes that matter to the people served. Every euro of the payment is public money, so the
settlement shows each intermediate figure and is computed with exact decimals, rounded to
cents once, at the end, so that anyone holding the published document can recompute it to the
cent (``recompute``).
"""

from .document import differences, from_json_dict, recompute, to_json_dict
from .payment import allocate, settle
from .terms import (
    DOCUMENT_FORMAT, DOCUMENT_VERSION, WHOLE_SPLIT, CommercialModel, CostLine, Fee, FeeKind, KraOutcome, MissingValue,
    Period, ProviderPayment, ProviderShare, Settlement, margin_rises_with_spending, warnings,
)

__all__ = [
    "DOCUMENT_FORMAT", "DOCUMENT_VERSION", "WHOLE_SPLIT", "CommercialModel", "CostLine", "Fee", "FeeKind", "KraOutcome",
    "MissingValue", "Period", "ProviderPayment", "ProviderShare", "Settlement", "allocate", "differences",
    "from_json_dict", "margin_rises_with_spending", "recompute", "settle", "to_json_dict", "warnings",
]
