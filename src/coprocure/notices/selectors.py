"""Reads for the notices: a procurement with everything a notice says, fetched up front."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from coprocure.contracts.models import Amendment, Contract, Party
from coprocure.core.models import Procurement
from coprocure.core.selectors import visible_procurement
from coprocure.participation.models import Activity, ActivityKind
from coprocure.procedures.models import Stage, StageKind
from coprocure.tendering.models import Bid, BidMember, Lot, QualityCriterion

from .models import NoticeDetails, Submission


def with_notice_data(queryset: QuerySet[Procurement]) -> QuerySet[Procurement]:
    bids = (
        Bid.objects.filter(withdrawn_at__isnull=True).select_related("lead__notice_size", "lot")
        .prefetch_related(Prefetch("members", queryset=BidMember.objects.select_related(
            "organisation__notice_size").order_by("id")))
        .order_by("submitted_at", "id")
    )
    return (
        queryset.select_related("authority", "tender__award", "notice_details", "procedure_plan")
        .defer("tender__public_key", "tender__wrapped_private_key")
        .prefetch_related(
            Prefetch("tender__criteria", queryset=QualityCriterion.objects.order_by("ordering", "id")),
            Prefetch("tender__lots", queryset=Lot.objects.order_by("number")),
            Prefetch("activities", to_attr="market_dialogues",
                     queryset=Activity.objects.filter(kind=ActivityKind.MARKET_DIALOGUE)),
            Prefetch("procedure_stages", to_attr="dialogue_stages",
                     queryset=Stage.objects.filter(kind=StageKind.MARKET_DIALOGUE).order_by("order")
                     .prefetch_related("dialogue_sessions")),
            Prefetch("tender__bids", queryset=bids),
            Prefetch("contracts", queryset=Contract.objects.order_by("starts_on", "id").prefetch_related(
                Prefetch("parties", queryset=Party.objects.select_related("organisation").order_by("role", "name", "id")),
                Prefetch("amendments", queryset=Amendment.objects.select_related("notice_modification")
                         .order_by("version")))),
            Prefetch("notice_submissions", to_attr="accepted_notices",
                     queryset=Submission.objects.filter(status="accepted").defer("xml").order_by("created_at")),
        )
    )


def notice_procurement(user, pk: int) -> Procurement:
    """The procurement with its notice data, for staff who may see its notices (404 otherwise)."""
    procurement = visible_procurement(user, pk)
    if not user.has_perm("notices.view", procurement):
        raise Http404
    return with_notice_data(Procurement.objects.filter(pk=procurement.pk)).get()


def details_of(procurement: Procurement) -> NoticeDetails:
    try:
        return procurement.notice_details
    except NoticeDetails.DoesNotExist:
        return NoticeDetails(procurement=procurement)


def submissions_of(procurement: Procurement) -> QuerySet[Submission]:
    return Submission.objects.filter(procurement=procurement).defer("xml").order_by("-created_at")


def form_extras(procurement: Procurement) -> dict:
    """What the details form asks beyond the details: every tenderer (an award notice counts the
    tenders by size) and their sizes so far, the authority's legal type, and each amendment's
    modification details."""
    from .build import amendments, bidders, modification_of, size_of

    tender = getattr(procurement, "tender", None)
    organisations = bidders(tender) if tender is not None else []
    return {"tenderers": organisations, "sizes": {o.pk: size_of(o) for o in organisations},
            "legal_type": procurement.authority.legal_type,
            "amendments": [(a, modification_of(a)) for a in amendments(procurement)]}
