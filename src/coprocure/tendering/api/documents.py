"""The service description and minimum requirements: versioned, co-edited, commented. As on the
pages, a published tender's documents are for its visitors and a draft's for their writers."""

from __future__ import annotations

from django.http import Http404
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.core.moderation import RedactionForm

from .. import selectors, services
from ..forms import SectionCommentForm, SectionForm
from coprocure.api.schemas import RedactionIn

from ..schemas import CommentIn, CommentOut, DocumentOut, SectionIn, SectionOut, VersionChangesOut, VersionOut
from . import router
from ._common import procurement_of

section_by_pk = by_pk(selectors.visible_section)


def document_tender(request, pk, kind, **_path):
    """The tender whose document (``kind``) the path names, for whoever may see that document."""
    return selectors.visible_documents(request.user, int(pk), kind)


document_tender.path_parameter = "pk"


def procurement_of_section(section):
    return section.document.tender.procurement


@router.get("/tenders/{pk}/documents/{kind}", response={200: DocumentOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=document_tender)
def get_document(request, pk: int, kind: str):
    """``kind``: ``service_description`` or ``minimum_requirements``."""
    tender = target(request)
    document = selectors.document_of(tender, kind)
    sections = list(document.sections.all()) if document else []
    versions = list(document.versions.all()) if document else []
    can_edit = request.user.has_perm("tendering.edit_documents", tender.procurement)
    return {"kind": kind, "current": versions[-1] if versions else None, "versions": [v.number for v in versions],
            "comments": {s.number: list(s.comments.all()) for s in sections if s.comments.all()},
            "working": sections if can_edit else None}


@router.get("/tenders/{pk}/documents/{kind}/versions/{number}", response={200: VersionChangesOut, **ERRORS}, auth=ANYONE)
@permitted(None, load=document_tender)
def get_document_version(request, pk: int, kind: str, number: int):
    """One published version and, section by section and word by word, what changed from the one before."""
    version = selectors.version_of(target(request), kind, number)
    if version is None:
        raise Http404
    return {"number": version.number, "published_at": version.published_at, "sections": version.sections,
            "changes": selectors.version_changes(version)}


@router.post("/tenders/{pk}/documents/{kind}/sections", response={201: SectionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.edit_documents", load=document_tender, of=procurement_of)
def add_section(request, pk: int, kind: str, payload: SectionIn):
    """``{"heading": {"fi": "..."}, "text": {"fi": "..."}}`` at the end of the working text."""
    data = validated(SectionForm, payload.dict())
    return Status(201, services.add_section(request.user, target(request), kind, data))


@router.put("/sections/{pk}", response={200: SectionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.edit_documents", load=section_by_pk, of=procurement_of_section)
def update_section(request, pk: int, payload: SectionIn):
    section = target(request)
    data = validated(SectionForm, payload.dict(), instance=section)
    return services.update_section(request.user, section, data)


@router.post("/tenders/{pk}/documents/{kind}/publish", response={201: VersionOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.manage", load=document_tender, of=procurement_of)
def publish_document(request, pk: int, kind: str):
    """The working text as the next version; 409 ``document_unchanged`` when nothing changed."""
    return Status(201, services.publish_document(request.user, target(request), kind))


@router.post("/sections/{pk}/comments", response={201: CommentOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.edit_documents", load=section_by_pk, of=procurement_of_section)
def comment_section(request, pk: int, payload: CommentIn):
    data = validated(SectionCommentForm, payload.dict())
    return Status(201, services.comment_section(request.user, target(request), data["text"]))


@router.post("/section-comments/{pk}/redactions", response={201: CommentOut, **ERRORS}, auth=SIGNED_IN)
@permitted("tendering.manage", load=by_pk(selectors.visible_comment),
           of=lambda comment: procurement_of_section(comment.section))
def redact_comment(request, pk: int, payload: RedactionIn):
    """Hide part of a comment: ``{"start": 10, "end": 24, "reason": "personal_data"}`` or ``{"passage": "...", ...}``."""
    comment = target(request)
    data = validated(RedactionForm, payload.dict(), text=comment.text)
    return Status(201, services.redact_comment(request.user, comment, data))
