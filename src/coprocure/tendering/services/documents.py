"""The service description and the minimum requirements: numbered sections written together,
published as versions that never change, commented on and moderated."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core import moderation
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import documents as document_rules
from coprocure.domain.errors import DomainError

from ..models import DocumentKind, DocumentSection, DocumentVersion, SectionComment, Tender, TenderDocument
from ._common import fail, locked_tender, refused


def _documents_open(tender: Tender) -> None:
    # Bidders must all answer the same documents, so nothing changes once bids are due.
    if tender.is_published and timezone.now() >= tender.deadline:
        raise fail("document_after_deadline", status=409)


def _document(tender: Tender, kind: str) -> TenderDocument:
    try:
        document_rules.check_kind(kind)
    except DomainError as error:
        raise refused(error) from None
    document, _created = TenderDocument.objects.get_or_create(tender=tender, kind=kind)
    return document


@transaction.atomic
def add_section(actor: User, tender: Tender, kind: str, data: dict) -> DocumentSection:
    """A new section at the end of the working text. ``data``: heading, text."""
    tender = locked_tender(tender)
    require(actor, "tendering.edit_documents", tender.procurement)
    _documents_open(tender)
    document = _document(tender, kind)
    number = document_rules.next_number(document.sections.values_list("number", flat=True))
    section = DocumentSection.objects.create(document=document, number=number, heading=data["heading"],
                                             text=data["text"], updated_by=actor)
    audit.record(actor, "tendering.section_add", section, None, {"kind": kind, **section.snapshot()})
    return section


@transaction.atomic
def update_section(actor: User, section: DocumentSection, data: dict) -> DocumentSection:
    section = DocumentSection.objects.select_for_update().select_related("document__tender__procurement").get(pk=section.pk)
    tender = section.document.tender
    require(actor, "tendering.edit_documents", tender.procurement)
    _documents_open(tender)
    before = section.snapshot()
    section.heading, section.text, section.updated_by = data["heading"], data["text"], actor
    section.save(update_fields=["heading", "text", "updated_by", "updated_at"])
    audit.record(actor, "tendering.section_update", section, before, section.snapshot())
    return section


@transaction.atomic
def publish_document(actor: User, tender: Tender, kind: str) -> DocumentVersion:
    """Freeze the working text as the next version; earlier versions stay as they were."""
    tender = locked_tender(tender)
    require(actor, "tendering.manage", tender.procurement)
    _documents_open(tender)
    document = _document(tender, kind)
    sections = [section.snapshot() for section in document.sections.all()]
    latest = document.versions.order_by("-number").first()
    try:
        document_rules.check_publishable(sections, latest.sections if latest else None)
    except DomainError as error:
        raise refused(error, status=409) from None
    version = DocumentVersion.objects.create(
        document=document, number=(latest.number + 1) if latest else 1, sections=sections, published_by=actor,
        published_at=timezone.now(),
    )
    audit.record(actor, "tendering.document_publish", version, None,
                 {"kind": kind, "version": version.number, "sections": sections})
    return version


def published_requirements(tender: Tender) -> list[int]:
    """The numbers of the minimum requirements in the current published version."""
    version = DocumentVersion.objects.filter(
        document__tender=tender, document__kind=DocumentKind.MINIMUM_REQUIREMENTS).order_by("-number").first()
    return [section["number"] for section in version.sections] if version else []


@transaction.atomic
def comment_section(actor: User, section: DocumentSection, text: str) -> SectionComment:
    section = DocumentSection.objects.select_related("document__tender__procurement").get(pk=section.pk)
    require(actor, "tendering.edit_documents", section.document.tender.procurement)
    comment = SectionComment.objects.create(section=section, author=actor, text=text.strip())
    audit.record(actor, "tendering.section_comment", comment, None, {"section": section.pk, "text": comment.text})
    return comment


@transaction.atomic
def redact_comment(actor: User, comment: SectionComment, data: dict) -> SectionComment:
    """Hide part of a comment's public text with a reason; the original is kept and the author told."""
    comment = SectionComment.objects.select_for_update(of=("self",)).select_related(
        "section__document__tender__procurement", "author").get(pk=comment.pk)
    document = comment.section.document
    require(actor, "tendering.manage", document.tender.procurement)
    redaction = moderation.new_redaction(comment.text, data, actor)
    comment.redactions = [*comment.redactions, redaction]
    comment.save(update_fields=["redactions"])
    audit.record(actor, "tendering.comment_redact", comment, None,
                 {"start": redaction["start"], "end": redaction["end"], "reason": redaction["reason"]})
    author = comment.author
    if author is not None and author.email:
        path = reverse("tender_document", args=[document.tender_id, document.kind])
        transaction.on_commit(lambda: moderation.tell_author(author, comment, redaction["reason"], path))
    return comment
