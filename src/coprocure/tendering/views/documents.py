"""The service description and minimum requirements: the published version with its comments,
the working text for the people who write it, versions and what changed, and moderation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.core.moderation import redaction_page
from coprocure.core.services import require
from coprocure.errors import ServiceError
from coprocure.web.forms import form_page, posted

from .. import selectors, services
from ..forms import SectionCommentForm, SectionForm
from ..models import DocumentKind
from .tender import FORM


def _document_url(tender_id: int, kind: str) -> str:
    return reverse("tender_document", args=[tender_id, kind])


@require_http_methods(["GET", "POST"])
def tender_document(request, pk: int, kind: str, errors: ServiceError | None = None, status: int = 200):
    """The current published version with its comments, the versions, and for the people who
    write it the working text. POST publishes the working text as a new version."""
    tender = selectors.visible_documents(request.user, pk, kind)
    procurement = tender.procurement
    can_publish = request.user.has_perm("tendering.manage", procurement)
    if request.method == "POST":
        require(request.user, "tendering.manage", procurement)
        try:
            services.publish_document(request.user, tender, kind)
        except ServiceError as error:
            errors, status = error, error.status
        else:
            messages.success(request, _("The new version was published. The earlier versions are kept."))
            return redirect(_document_url(tender.pk, kind))
    document = selectors.document_of(tender, kind)
    sections = list(document.sections.all()) if document else []
    versions = list(document.versions.all()) if document else []
    comments = {section.number: list(section.comments.all()) for section in sections}
    current = versions[-1] if versions else None
    return render(request, "tendering/document.html", {
        "tender": tender, "procurement": procurement, "kind": kind, "title": DocumentKind(kind).label,
        "current": current, "published": [{**section, "comments": comments.get(section["number"], [])}
                                          for section in (current.sections if current else [])],
        "versions": versions, "sections": sections,
        "can_edit": request.user.has_perm("tendering.edit_documents", procurement), "can_publish": can_publish,
        "errors": errors,
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def section_add(request, pk: int, kind: str):
    tender = selectors.visible_documents(request.user, pk, kind)
    require(request.user, "tendering.edit_documents", tender.procurement)
    return form_page(
        request, SectionForm(posted(request)), template=FORM,
        context={"title": _("New section"), "procurement": tender.procurement},
        save=lambda data: services.add_section(request.user, tender, kind, data),
        success=_("The section was added. Publish a new version when the text is ready."),
        next_url=lambda _section: _document_url(tender.pk, kind),
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk: int):
    section = selectors.visible_section(request.user, pk)
    document = section.document
    require(request.user, "tendering.edit_documents", document.tender.procurement)
    return form_page(
        request, SectionForm(posted(request), instance=section), template=FORM,
        context={"title": _("Edit a section"), "procurement": document.tender.procurement},
        save=lambda data: services.update_section(request.user, section, data),
        success=_("The section was saved. Publish a new version when the text is ready."),
        next_url=lambda _section: _document_url(document.tender_id, document.kind),
    )


def document_version(request, pk: int, kind: str, number: int):
    """One published version and what changed from the version before it."""
    tender = selectors.visible_documents(request.user, pk, kind)
    version = selectors.version_of(tender, kind, number)
    if version is None:
        raise Http404
    return render(request, "tendering/document_version.html", {
        "tender": tender, "procurement": tender.procurement, "kind": kind, "title": DocumentKind(kind).label,
        "version": version, "changes": selectors.version_changes(version),
    })


@login_required
@require_http_methods(["GET", "POST"])
def section_comment(request, pk: int):
    section = selectors.visible_section(request.user, pk)
    document = section.document
    require(request.user, "tendering.edit_documents", document.tender.procurement)
    return form_page(
        request, SectionCommentForm(posted(request)), template=FORM,
        context={"title": _("Comment on a section"), "procurement": document.tender.procurement, "intro": str(section)},
        save=lambda data: services.comment_section(request.user, section, data["text"]),
        success=_("Your comment was saved and is shown with the document."),
        next_url=lambda _comment: _document_url(document.tender_id, document.kind),
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_redact(request, pk: int):
    """Moderation: hide part of a comment's public text with a reason; the original is kept."""
    comment = selectors.visible_comment(request.user, pk)
    document = comment.section.document
    require(request.user, "tendering.manage", document.tender.procurement)
    return redaction_page(
        request, comment, heading=_("Moderate a comment"), back_url=_document_url(document.tender_id, document.kind),
        back_label=str(document), save=lambda data: services.redact_comment(request.user, comment, data),
        again_url=reverse("comment_redact", args=[comment.pk]),
    )
