"""/api/v1 endpoints for providers and their services, and the PTV-shaped export."""


from django.http import Http404
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from coprocure.api.auth import ANYONE
from coprocure.api.schemas import TranslatedOut

from . import ptv, selectors
from .models import ProviderProfile
from .selectors import ServiceFilters

router = Router(tags=["providers"])


class ServiceOut(Schema):
    id: int
    provider: int
    provider_name: str
    name: TranslatedOut
    summary: TranslatedOut
    service_class: str
    target_groups: list[str]
    areas: list[str]
    languages: list[str]
    capacity: int | None
    capacity_available: int | None
    price_basis: str

    @staticmethod
    def resolve_provider(obj):
        return obj.provider_id

    @staticmethod
    def resolve_provider_name(obj):
        return obj.provider.name

    @staticmethod
    def resolve_target_groups(obj):
        return [group.code for group in obj.target_groups.all()]


class SearchParams(Schema):
    q: str = ""
    target_group: str = ""
    area: str = ""
    language: str = ""
    kind: str = ""
    service_class: str = ""
    capacity_available: bool = False


@router.get("/services", response=list[ServiceOut], auth=ANYONE)
@paginate(LimitOffsetPagination)
def search_services(request, params: Query[SearchParams]):
    """Full-text search (Finnish, Swedish and English word forms) with filters."""
    return selectors.search_services(ServiceFilters(**params.dict()))


@router.get("/ptv/organisations", auth=ANYONE)
def ptv_organisations(request, limit: int = 100, offset: int = 0):
    """Provider profiles with their services and channels in the shape of the PTV open API.
    Paged so that one request never loads the whole registry."""
    limit, offset = max(1, min(limit, 500)), max(0, offset)
    profiles = selectors.profiles_for_export()
    return {"count": profiles.count(), "items": [ptv.organisation(p) for p in profiles[offset:offset + limit]]}


@router.get("/ptv/organisations/{organisation_id}", auth=ANYONE)
def ptv_organisation(request, organisation_id: int):
    try:
        return ptv.organisation(selectors.provider_page(organisation_id))
    except ProviderProfile.DoesNotExist:
        raise Http404 from None
