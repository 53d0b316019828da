"""Finding services, the PTV-shaped export, and providers describing themselves and their services."""

# No ``from __future__ import annotations``: Ninja must see ``Query[SearchParams]`` as a type.
from typing import Annotated

from ninja import Field, Query
from ninja.pagination import paginate
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import form_data, validated
from coprocure.api.permissions import permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from .. import ptv, selectors, services
from ..forms import ProfileForm, ServiceForm
from ..schemas import ProfileIn, ProfileOut, PtvPage, SearchParams, ServiceIn, ServiceOut
from ..selectors import ServiceFilters
from . import router
from ._common import provider_by_pk


@router.get("/services", response={200: list[ServiceOut], **ERRORS}, auth=ANYONE)
@paginate
def search_services(request, params: Query[SearchParams]):
    """Full-text search (Finnish, Swedish and English word forms) with filters."""
    return selectors.search_services(ServiceFilters(**params.dict()))


@router.get("/ptv/organisations", response={200: PtvPage, **ERRORS}, auth=ANYONE)
def ptv_organisations(request, limit: Annotated[int, Field(ge=1, le=500)] = 100,
                      offset: Annotated[int, Field(ge=0, le=1_000_000)] = 0):
    """Provider profiles with their services and channels in the shape of the PTV open API.
    Paged so that one request never loads the whole registry."""
    profiles = selectors.profiles_for_export()
    return {"count": profiles.count(), "items": [ptv.organisation(p) for p in profiles[offset:offset + limit]]}


@router.get("/ptv/organisations/{organisation_id}", response={200: dict, **ERRORS}, auth=ANYONE)
def ptv_organisation(request, organisation_id: int):
    return ptv.organisation(selectors.provider_page(organisation_id))


@router.put("/providers/{organisation_id}/profile", response={200: ProfileOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.edit_profile", load=provider_by_pk)
def put_profile(request, organisation_id: int, payload: ProfileIn):
    """Describe the organisation (its own people only); saving also confirms it is up to date."""
    organisation = target(request)
    data = validated(ProfileForm, payload.dict(), instance=selectors.profile_of(organisation), organisation=organisation)
    return services.save_profile(request.user, organisation, data)


def _save_service(request, organisation, payload, service=None):
    # The form itself, not only its data: it also splits the contact fields into channels.
    form = ServiceForm(data=form_data(ServiceForm, payload.dict()), instance=service)
    if not form.is_valid():
        raise ServiceError.from_form(form)
    saved = services.save_service(request.user, organisation, form.service_data(), service=service, channels=form.channels())
    return selectors.service_page(saved.pk)


@router.post("/providers/{organisation_id}/services", response={201: ServiceOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.edit_profile", load=provider_by_pk)
def create_service(request, organisation_id: int, payload: ServiceIn):
    organisation = target(request)
    if selectors.profile_of(organisation) is None:
        raise ServiceError.from_domain(DomainError("profile_missing", "organisation"), status=409)
    return Status(201, _save_service(request, organisation, payload))


@router.put("/providers/{organisation_id}/services/{service_id}", response={200: ServiceOut, **ERRORS}, auth=SIGNED_IN)
@permitted("partners.edit_profile", load=provider_by_pk)
def update_service(request, organisation_id: int, service_id: int, payload: ServiceIn):
    organisation = target(request)
    return _save_service(request, organisation, payload, selectors.service_of(organisation, service_id))
