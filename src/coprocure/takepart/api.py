"""GET /api/v1/activities: the front door's cards, with the same filters, search and paging."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from coprocure.api.auth import ANYONE
from coprocure.api.forms import validated
from coprocure.api.permissions import permitted
from coprocure.api.schemas import ERRORS

from . import selectors
from .forms import FiltersForm, to_filters
from .schemas import CardOut

router = Router(tags=["take part"])


class FiltersIn(Schema):
    q: str = ""
    authority: int | None = None
    service_area: str = ""
    target_group: str = ""
    kind: str = ""


@router.get("/activities", response={200: list[CardOut], **ERRORS}, auth=ANYONE)
@permitted(None)
@paginate
def list_activities(request, filters: Query[FiltersIn]):
    """Open surveys, coming events, running contracts' idea forms and panels looking for members
    of public procurements, the soonest to close first. A filter value that names nothing is a 422 with the field."""
    return selectors.cards(to_filters(validated(FiltersForm, filters.dict())))
