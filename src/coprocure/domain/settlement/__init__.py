"""Settling one period of an alliance contract: what the providers are paid and why.

In an alliance the providers are reimbursed their actual cost, earn a fee on top, and share
with the authority both the savings and the overruns against an agreed target cost, so that
nobody gains by spending more. Their result also moves with the key result areas (KRAs), the
outcomes that matter to the people served. Every euro of the payment is public money, so the
settlement shows each intermediate figure and is computed with exact decimals, rounded to
cents once, at the end, so that anyone holding the published document can recompute it to the
cent (``recompute``).
"""

from .document import from_json_dict, recompute, to_json_dict
from .payment import allocate, settle
from .terms import (
    DOCUMENT_FORMAT, DOCUMENT_VERSION, WHOLE_SPLIT, CommercialModel, CostLine, Fee, FeeKind, KraOutcome, Period,
    ProviderPayment, ProviderShare, Settlement,
)

__all__ = [
    "DOCUMENT_FORMAT", "DOCUMENT_VERSION", "WHOLE_SPLIT", "CommercialModel", "CostLine", "Fee", "FeeKind", "KraOutcome",
    "Period", "ProviderPayment", "ProviderShare", "Settlement", "allocate", "from_json_dict", "recompute", "settle", "to_json_dict",
]
