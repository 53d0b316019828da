"""/api/v1/procurements/{pk}/notices: what each notice lacks, the details, the XML, sending."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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
    amendment: int | None
    notice_id: str
    status: str
    publication_id: str
    published_on: date | None
    violations: list[dict]


class NoticeRowOut(Schema):
    stage: str
    kind: str | None
    amendment: int | None  # the amendment a modification notice (38) announces
    required: bool
    missing: list[NoticeMissingOut]
    submission: NoticeSubmissionOut | None


class NoticeModificationIn(Schema):
    reason_code: str = ""  # eForms modification-justification: mod-rev, add-wss, mod-cir, mod-repl, mod-nons, mod-minv
    value_before: Decimal | None = None
    value_after: Decimal | None = None


class NoticeDetailsIn(Schema):
    cpv: str = ""
    nuts: str = ""
    buyer_street: str = ""
    buyer_postcode: str = ""
    buyer_city: str = ""
    buyer_email: str = ""
    buyer_phone: str = ""
    # The authority's eForms buyer-legal-type (ra, la, cga, body-pl, body-pl-ra, body-pl-la, body-pl-cga).
    buyer_legal_type: str = ""
    # Each tenderer's size (micro, small, medium, large) by its organisation id.
    sizes: dict[str, str] = {}
    # Each amendment's modification notice details by the amendment's id.
    modifications: dict[str, NoticeModificationIn] = {}


class NoticeSendIn(Schema):
    kind: str
    amendment: int | None = None  # required for a modification notice (38)


def _submission(submission) -> dict | None:
    if submission is None:
        return None
    return {"id": submission.pk, "kind": submission.kind, "amendment": submission.amendment_id,
            "notice_id": str(submission.uuid),
            "status": submission.status, "publication_id": submission.publication_id,
            "published_on": submission.published_on, "violations": submission.violations}


@router.get("/procurements/{pk}/notices", response={200: list[NoticeRowOut], **ERRORS}, auth=SIGNED_IN)
@permitted("notices.view", load=load)
def notice_list(request, pk: int):
    return [{"stage": row.stage.value, "kind": row.kind.value if row.kind else None,
             "amendment": row.amendment.pk if row.amendment else None, "required": row.required,
             "missing": [{"field": gap.field, "label": str(gap.label)} for gap in row.missing],
             "submission": _submission(row.live)} for row in overview(target(request))]


@router.put("/procurements/{pk}/notices/details", response={200: NoticeDetailsIn, **ERRORS}, auth=SIGNED_IN)
@permitted("notices.prepare", load=load)
def save_notice_details(request, pk: int, payload: NoticeDetailsIn):
    procurement = target(request)
    data = payload.dict()
    sizes = data.pop("sizes")
    data.update({f"size_{organisation_id}": size for organisation_id, size in sizes.items()})
    for amendment_id, modification in data.pop("modifications").items():
        data.update({f"{name}_{amendment_id}": "" if value is None else value for name, value in modification.items()})
    form = NoticeDetailsForm(data=data, instance=selectors.details_of(procurement), **selectors.form_extras(procurement))
    if not form.is_valid():
        raise ServiceError.from_form(form)
    details = services.save_details(request.user, procurement, dict(form.cleaned_data))
    saved = selectors.notice_procurement(request.user, pk)
    extras = selectors.form_extras(saved)
    return {**{name: getattr(details, name) for name in services.DETAIL_FIELDS},
            "buyer_legal_type": extras["legal_type"],
            "sizes": {str(pk): size for pk, size in extras["sizes"].items() if size},
            "modifications": {str(amendment.pk): {name: getattr(modification, name)
                                                  for name in services.MODIFICATION_FIELDS}
                              for amendment, modification in extras["amendments"] if modification.pk}}


@router.get("/procurements/{pk}/notices/{kind}/xml", response={200: None, **ERRORS}, auth=SIGNED_IN)
@permitted("notices.view", load=load)
def notice_xml(request, pk: int, kind: str, lang: str = "fi", amendment: int | None = None):
    procurement = target(request)
    xml = services.render(procurement, kind, lang if lang in ("fi", "sv", "en") else "fi",
                          amendment=services.amendment_for(procurement, kind, amendment))
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@router.post("/procurements/{pk}/notices/submissions", response={202: NoticeSubmissionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("notices.send", load=load)
def send_notice(request, pk: int, payload: NoticeSendIn):
    return 202, _submission(services.submit(request.user, target(request), payload.kind, payload.amendment))


@router.get("/procurements/{pk}/notices/submissions", response={200: list[NoticeSubmissionOut], **ERRORS}, auth=SIGNED_IN)
@permitted("notices.view", load=load)
def notice_submissions(request, pk: int):
    return [_submission(s) for s in selectors.submissions_of(target(request))]
