"""The most visited pages (issue 9), as paths for one generated procurement. `make bench` and
the query-count and index tests (tests/scale) read this list, so a page added here is measured
everywhere."""

from __future__ import annotations

from django.urls import reverse

from coprocure.alliance.models import SettlementPeriod
from coprocure.contracts.models import Contract
from coprocure.partners.models import Service


def subject():
    """An alliance procurement that went all the way: survey, tender, contract, settled period."""
    contract = (Contract.objects.filter(settlement_periods__statements__isnull=False, procurement__is_public=True)
                .select_related("procurement").order_by("id").first())
    procurement = contract.procurement
    survey = procurement.activities.filter(surveys__isnull=False).order_by("id").first().surveys.get()
    period = SettlementPeriod.objects.filter(contract=contract, statements__isnull=False).order_by("id").first()
    return procurement, survey, contract, period


def most_visited(procurement, survey, contract, period) -> dict[str, str]:
    compared = "&".join(f"service={pk}" for pk in Service.objects.order_by("id").values_list("id", flat=True)[:3])
    return {
        "front page": reverse("home"),
        "procurement page": reverse("procurement_detail", args=[procurement.pk]),
        "you said, we did": reverse("participation_you_said_we_did", args=[procurement.pk]),
        "survey results": reverse("survey_results", args=[survey.pk]),
        "provider search": reverse("provider_search") + "?q=asumisen+tuki",
        "tender page": reverse("tender", args=[procurement.pk]),
        "comparison": reverse("service_compare") + "?" + compared,
        "outcome dashboard": reverse("contract_outcomes", args=[contract.pk]),
        "settlement statement": reverse("settlement_statement", args=[period.pk]),
        "evaluation report": reverse("evaluation_report", args=[procurement.pk]),
    }
