"""/api/v1/procurements/{pk}/notices: what each notice lacks, the details, the XML, sending."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from ninja import Router, Schema

from coprocure.api.auth import SIGNED_IN
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.errors import ServiceError

from . import selectors, services
from .forms import NoticeDetailsForm
from .overview import overview

router = Router(tags=["notices"])
load = by_pk(selectors.notice_procurement)


class NoticeMissingOut(Schema):
    field: str
    label: str


class NoticeSubmissionOut(Schema):
    id: int
    kind: str
    notice_id: str
    status: str
    publication_id: str
    published_on: date | None
    violations: list[dict]


class NoticeRowOut(Schema):
    stage: str
    kind: str | None
    required: bool
    missing: list[NoticeMissingOut]
    submission: NoticeSubmissionOut | None


class NoticeDetailsIn(Schema):
    cpv: str = ""
    nuts: str = ""
    buyer_street: str = ""
    buyer_postcode: str = ""
    buyer_city: str = ""
    buyer_email: str = ""
    # Each winning tenderer's size (micro, small, medium, large) by its organisation id.
    sizes: dict[str, str] = {}


class NoticeSendIn(Schema):
    kind: str


def _submission(submission) -> dict | None:
    if submission is None:
        return None
    return {"id": submission.pk, "kind": submission.kind, "notice_id": str(submission.uuid),
            "status": submission.status, "publication_id": submission.publication_id,
            "published_on": submission.published_on, "violations": submission.violations}


@router.get("/procurements/{pk}/notices", response={200: list[NoticeRowOut], **ERRORS}, auth=SIGNED_IN)
@permitted("notices.view", load=load)
def notice_list(request, pk: int):
    return [{"stage": row.stage.value, "kind": row.kind.value if row.kind else None, "required": row.required,
             "missing": [{"field": gap.field, "label": str(gap.label)} for gap in row.missing],
             "submission": _submission(row.live)} for row in overview(target(request))]


@router.put("/procurements/{pk}/notices/details", response={200: NoticeDetailsIn, **ERRORS}, auth=SIGNED_IN)
@permitted("notices.prepare", load=load)
def save_notice_details(request, pk: int, payload: NoticeDetailsIn):
    procurement = target(request)
    data = payload.dict()
    sizes = data.pop("sizes")
    data.update({f"size_{pk}": size for pk, size in sizes.items()})
    form = NoticeDetailsForm(data=data, instance=selectors.details_of(procurement),
                             **selectors.winner_sizes(procurement))
    if not form.is_valid():
        raise ServiceError.from_form(form)
    details = services.save_details(request.user, procurement, dict(form.cleaned_data))
    return {**{name: getattr(details, name) for name in services.DETAIL_FIELDS},
            "sizes": {str(pk): size for pk, size in selectors.winner_sizes(procurement)["sizes"].items() if size}}


@router.get("/procurements/{pk}/notices/{kind}/xml", response={200: None, **ERRORS}, auth=SIGNED_IN)
@permitted("notices.view", load=load)
def notice_xml(request, pk: int, kind: str, lang: str = "fi"):
    xml = services.render(target(request), kind, lang if lang in ("fi", "sv", "en") else "fi")
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@router.post("/procurements/{pk}/notices/submissions", response={202: NoticeSubmissionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("notices.send", load=load)
def send_notice(request, pk: int, payload: NoticeSendIn):
    return 202, _submission(services.submit(request.user, target(request), payload.kind))


@router.get("/procurements/{pk}/notices/submissions", response={200: list[NoticeSubmissionOut], **ERRORS}, auth=SIGNED_IN)
@permitted("notices.view", load=load)
def notice_submissions(request, pk: int):
    return [_submission(s) for s in selectors.submissions_of(target(request))]
