from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from coprocure.domain import freshness

from . import selectors
from .forms import ServiceSearchForm
from .models import ProviderProfile

MAX_COMPARED = 4


def _freshness(profile: ProviderProfile | None):
    if profile is None:
        return freshness.assess(None, timezone.now())
    return freshness.assess(profile.last_confirmed_at, timezone.now())


def search(request):
    form = ServiceSearchForm(request.GET or None)
    services = list(selectors.search_services(form.filters())[:50])
    for service in services:
        service.freshness = _freshness(getattr(service.provider, "profile", None))
    template = "partners/_results.html" if request.htmx else "partners/search.html"
    return render(request, template, {"form": form, "services": services, "max_compared": MAX_COMPARED})


def provider(request, organisation_id: int):
    try:
        profile = selectors.provider_page(organisation_id)
    except ProviderProfile.DoesNotExist:
        raise Http404 from None
    return render(request, "partners/provider.html", {
        "profile": profile, "freshness": _freshness(profile),
        "can_edit": request.user.has_perm("partners.edit_profile", profile.organisation),
    })


def compare(request):
    ids = []
    for raw in request.GET.getlist("service")[:MAX_COMPARED]:
        if raw.isdigit():
            ids.append(int(raw))
    services = selectors.services_by_ids(ids)
    return render(request, "partners/compare.html", {"services": services})
