"""Reads that feed pages and the API. Each returns a queryset with what its page needs
fetched up front, so a page's query count does not grow with the data."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from . import accessibility
from .models import (
    AccessibilityAssessment, Conformance, KnownAccessibilityIssue, Organisation, PhaseChange, Procurement, ProcurementRole,
)


def public_procurements(phase: str | None = None, service_area: str | None = None) -> QuerySet[Procurement]:
    qs = Procurement.objects.filter(is_public=True).select_related("authority").prefetch_related("target_groups")
    if phase:
        qs = qs.filter(phase=phase)
    if service_area:
        qs = qs.filter(service_area=service_area)
    return qs.order_by("-created_at", "-id")


def procurement_page(pk: int) -> Procurement:
    return (
        Procurement.objects.select_related("authority", "accountable_official")
        .prefetch_related(
            "target_groups",
            Prefetch("phase_changes", queryset=PhaseChange.objects.order_by("changed_at", "id")),
        )
        .get(pk=pk)
    )


def visible_procurement(user, pk: int) -> Procurement:
    """The procurement's page data, or 404 alike for a missing one and one this person may not
    see, so that a private procurement's existence is not revealed."""
    try:
        procurement = procurement_page(pk)
    except Procurement.DoesNotExist:
        raise Http404 from None
    if not user.has_perm("procurement.view", procurement):
        raise Http404
    return procurement


def procurements_for(user) -> QuerySet[Procurement]:
    """The procurements a signed-in person has a role in (or all, for site administrators)."""
    qs = Procurement.objects.select_related("authority")
    if not user.is_superuser:
        qs = qs.filter(roles__user=user).distinct()
    return qs.order_by("-updated_at", "-id")


def roles_of(procurement: Procurement) -> QuerySet[ProcurementRole]:
    return procurement.roles.select_related("user", "user__organisation").order_by("role", "user__last_name")


def organisations(kind: str | None = None) -> QuerySet[Organisation]:
    qs = Organisation.objects.order_by("name", "id")
    return qs.filter(kind=kind) if kind else qs


def accessibility_statement() -> dict:
    """What the accessibility statement shows: the status derived from the automated checks, the
    open known issues and the latest assessment a person made (domain/conformance.py)."""
    assessment = AccessibilityAssessment.objects.first()
    issues = list(KnownAccessibilityIssue.objects.filter(fixed_on__isnull=True))
    checks = accessibility.automated_checks()
    status = accessibility.derived_status(checks, len(issues), assessment)
    return {"assessment": assessment, "issues": issues, "checks": checks, "status": status,
            "conformance_label": Conformance(status.conformance).label}


def controllers() -> QuerySet[Procurement]:
    """Each public procurement with its controller, the contracting authority that runs it."""
    return Procurement.objects.filter(is_public=True).select_related("authority").order_by("authority__name", "id")
