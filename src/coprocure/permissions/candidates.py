"""Who is a candidate of a two-stage procedure, and who was selected: the rule every stage after
a selection asks (the procedures' next stages and tendering.bid), kept apart so that both
permission modules can use it."""
from __future__ import annotations

import rules

SELECTION = "participation_requests"
FINAL_TENDERS = "final_tenders"


@rules.predicate
def has_selection_stage(user, procurement) -> bool:
    return procurement is not None and procurement.procedure_stages.filter(kind=SELECTION).exists()


@rules.predicate
def is_selected_candidate(user, procurement) -> bool:
    """The person's organisation is selected, as the lead of its request, by a published selection
    decision, and no later decision reducing the candidates has left it out."""
    organisation = getattr(user, "organisation_id", None)
    return bool(procurement is not None and organisation is not None and procurement.procedure_stages.filter(
        call__decision__candidates__selected=True, call__decision__candidates__request__lead_id=organisation,
    ).exists() and not procurement.procedure_stages.filter(
        reduction__candidates__organisation_id=organisation, reduction__candidates__kept=False).exists())


@rules.predicate
def is_candidate(user, procurement) -> bool:
    """The person's organisation asked to participate (its request not withdrawn)."""
    organisation = getattr(user, "organisation_id", None)
    return bool(procurement is not None and organisation is not None and procurement.procedure_stages.filter(
        call__requests__lead_id=organisation, call__requests__withdrawn_at__isnull=True).exists())


@rules.predicate
def has_final_tenders_stage(user, procurement) -> bool:
    return procurement is not None and procurement.procedure_stages.filter(kind=FINAL_TENDERS).exists()


@rules.predicate
def is_invited_to_final_tenders(user, procurement) -> bool:
    """The person's organisation was invited to submit final tenders: the invitation went to every
    candidate still in the procedure when the final tenders' stage opened (docs/procedures.md)."""
    organisation = getattr(user, "organisation_id", None)
    return bool(procurement is not None and organisation is not None and procurement.procedure_stages.filter(
        kind=FINAL_TENDERS, final_invitation__invited=organisation).exists())
