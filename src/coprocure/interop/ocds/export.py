"""The OCDS release package of all public procurements, written piece by piece.

The package is streamed: procurements are read in chunks with their related rows prefetched per
chunk, and each release is serialised and handed on before the next chunk is read, so memory
stays flat however many procurements there are and the number of queries grows with the number
of chunks, not of procurements.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import Case, Count, Exists, F, JSONField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from coprocure.contracts.models import Contract, Party
from coprocure.core.models import Organisation, Procurement
from coprocure.evaluation import selectors as evaluation_selectors
from coprocure.market_dialogue.models import DialogueRegistration, DialogueSession, RegistrationStatus
from coprocure.negotiation.models import Milestone, MilestoneDecision
from coprocure.notices.models import Submission
from coprocure.procedures.models import CandidateReduction, CandidateSelection, ParticipationRequest, RoundBid, Stage
from coprocure.tendering.models import Bid, BidMember, Lot, QualityCriterion

from .release import release

CHUNK_SIZE = 200
VERSION = "1.1"
EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_submissionTerms_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteria_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_selectionCriteria_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_procedure_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_organizationClassification_extension/master/extension.json",
]
# CoProcure's own extensions: served under /api/v1/ocds/extensions/<name>/ (interop.api).
OWN_EXTENSIONS = {"procedure-stages": "coprocure_procedureStages_extension",
                  "participation-evaluation": "coprocure_participationEvaluation_extension",
                  "tie-break": "coprocure_tieBreak_extension"}


def evaluations(procurements: list[Procurement]) -> dict[int, dict]:
    """``participationEvaluation`` of each procurement: the evaluation's public, suppressed
    headline figures, counted for all of them at once."""
    base = settings.COPROCURE_PUBLIC_URL.rstrip("/")
    return {row["procurement"].pk: {
        "reportUrl": f"{base}/procurements/{row['procurement'].pk}/evaluation/",
        "smallGroupThreshold": row["k"],
        "participations": row["participations"],
        "outreachPercent": row["outreach_share"],
        "insightsBecameObjectivesPercent": row["insights"],
        "criteriaWeightFromUsersPercent": row["criteria"],
        "userProposalsAdoptedPercent": row["proposals"],
        "experience": [{"dimension": d["dimension"], "mean": d["mean"]} for d in row["experience"]],
    } for row in evaluation_selectors.compare(procurements)}


def public_procurements() -> QuerySet[Procurement]:
    """Public procurements with everything ``release`` reads. Bids are fetched only for tenders
    whose award is published: before that nothing about them is public, so the export never
    holds them."""
    published_bids = (
        Bid.objects.filter(withdrawn_at__isnull=True, tender__award__published_at__isnull=False)
        .select_related("lead", "lot")
        .prefetch_related(Prefetch("members", queryset=BidMember.objects.select_related("organisation").order_by("id")))
        .order_by("submitted_at", "id")
    )
    return (
        Procurement.objects.filter(is_public=True)
        .select_related("authority", "tender__award", "procedure_plan")
        # Neither the keys nor the frozen comparison (prices, before the award is published) are
        # read; the comparison comes along, in the same query, only once the award is published.
        .defer("tender__public_key", "tender__wrapped_private_key", "tender__award__comparison")
        .annotate(published_comparison=Case(
            When(tender__award__published_at__isnull=False, then=F("tender__award__comparison")),
            default=Value(None), output_field=JSONField()))
        .prefetch_related(
            Prefetch("tender__criteria", queryset=QualityCriterion.objects.order_by("ordering", "id")),
            Prefetch("tender__lots", queryset=Lot.objects.order_by("number")),
            Prefetch("notice_submissions", to_attr="accepted_notices", queryset=Submission.objects.filter(
                status="accepted").defer("xml").order_by("created_at")),
            Prefetch("tender__bids", queryset=published_bids),
            Prefetch("procedure_stages", queryset=_stages()),
            Prefetch("contracts", queryset=Contract.objects.order_by("starts_on", "id").prefetch_related(
                Prefetch("parties", queryset=Party.objects.select_related("organisation").order_by("role", "name", "id")))),
        )
        .order_by("created_at", "id")
    )


def _stages() -> QuerySet[Stage]:
    """The stages with what ``stages.add`` reads. Requests to participate only of calls whose
    selection decision is published, and never their sealed content: before that nothing about
    them is public, not even how many there are. Likewise initial bids only of opened rounds; a
    market dialogue session's minutes never (its PDF is linked), so never their confidential part."""
    published_requests = (
        ParticipationRequest.objects.filter(withdrawn_at__isnull=True, call__decision__isnull=False)
        .only("id", "call_id", "submitted_at")
        .annotate(unmet_checks=Count("checks", filter=Q(checks__met=False)),
                  is_selected=Exists(CandidateSelection.objects.filter(request=OuterRef("pk"), selected=True)))
        .order_by("submitted_at", "id")
    )
    # Initial bids only of opened rounds, and only when and that they were sent: never what they
    # offer, nor who sent them (docs/ocds.md).
    opened_round_bids = (RoundBid.objects.filter(withdrawn_at__isnull=True, round__opened_at__isnull=False)
                         .only("id", "round_id", "submitted_at").order_by("submitted_at", "id"))
    return (
        Stage.objects.order_by("order").select_related("call__decision", "reduction", "sealed_round",
                                                        "initial_bids_award", "dialogue_closure", "final_invitation")
        .defer("call__public_key", "call__wrapped_private_key", "sealed_round__public_key",
               "sealed_round__wrapped_private_key")
        .prefetch_related("call__requirements", "call__criteria", "dialogue_learnings",
                          Prefetch("sealed_round__bids", queryset=opened_round_bids, to_attr="opened_bids"),
                          Prefetch("reduction__candidates", queryset=CandidateReduction.objects.only(
                              "id", "decision_id", "kept")),
                          Prefetch("final_invitation__invited", queryset=Organisation.objects.only("id")),
                          Prefetch("milestones", queryset=Milestone.objects.prefetch_related(Prefetch(
                              "decisions", queryset=MilestoneDecision.objects.only(
                                  "id", "milestone_id", "accepted", "decided_at")))),
                          Prefetch("dialogue_sessions", queryset=DialogueSession.objects.only(
                              "id", "stage_id", "starts_at", "agenda", "minutes_published_at")),
                          Prefetch("call__requests", queryset=published_requests, to_attr="published_requests"),
                          Prefetch("dialogue_registrations", to_attr="confirmed_registrations",
                                   queryset=DialogueRegistration.objects.filter(status=RegistrationStatus.CONFIRMED)
                                   .defer("contact_name", "contact_email").select_related("organisation").order_by("id")))
    )


def public_procurement(pk: int) -> Procurement:
    """One procurement of the open data, or 404 alike for a missing one and a private one."""
    procurement = public_procurements().filter(pk=pk).first()
    if procurement is None:
        raise Http404
    return procurement


def package_header(uri: str) -> dict:
    return {
        "uri": uri,
        "version": VERSION,
        "extensions": [*EXTENSIONS, *(f"{settings.COPROCURE_PUBLIC_URL.rstrip('/')}/api/v1/ocds/extensions/{name}/extension.json"
                                      for name in OWN_EXTENSIONS)],
        # Generated on request: the package is as of now.
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": settings.COPROCURE_OCDS_PUBLISHER},
    }


def package(uri: str, procurements: Iterable[Procurement]) -> dict:
    """A whole package in memory: for one procurement, never for all of them."""
    procurements = list(procurements)
    figures = evaluations(procurements)
    return {**package_header(uri), "releases": [release(p, evaluation=figures[p.pk]) for p in procurements]}


def stream(uri: str, procurements: QuerySet[Procurement] | None = None) -> Iterator[str]:
    """The package as JSON text in pieces: the header, then one release at a time."""
    procurements = public_procurements() if procurements is None else procurements
    header = json.dumps(package_header(uri), ensure_ascii=False)
    yield header[:-1] + ', "releases": ['
    separator = ""
    chunk: list[Procurement] = []

    def releases(chunk: list[Procurement]) -> Iterator[str]:
        # The evaluation figures are counted per chunk, so queries grow with chunks, not procurements.
        figures = evaluations(chunk)
        for procurement in chunk:
            yield json.dumps(release(procurement, evaluation=figures[procurement.pk]), ensure_ascii=False)

    for procurement in procurements.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(procurement)
        if len(chunk) == CHUNK_SIZE:
            for text in releases(chunk):
                yield separator + text
                separator = ", "
            chunk = []
            # Prefetching links each procurement and its related rows both ways, so a finished
            # chunk is garbage only for the cycle collector, whose oldest generation runs ever
            # more rarely as the heap grows; collecting per chunk keeps memory flat.
            gc.collect()
    for text in releases(chunk):
        yield separator + text
        separator = ", "
    yield "]}\n"
