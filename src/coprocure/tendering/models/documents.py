"""The service description and the minimum requirements: working sections, published versions
and the co-editors' comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised
from coprocure.core.moderation import shown

from .tender import Tender


class DocumentKind(models.TextChoices):
    SERVICE_DESCRIPTION = "service_description", _("Service description")
    MINIMUM_REQUIREMENTS = "minimum_requirements", _("Minimum requirements")


class TenderDocument(models.Model):
    """The service description or the minimum requirements of a tender: numbered sections
    edited together by staff and user representatives, published as versions that never change."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=32, choices=DocumentKind.choices)

    class Meta:
        verbose_name = _("tender document")
        verbose_name_plural = _("tender documents")
        constraints = [models.UniqueConstraint(fields=["tender", "kind"], name="one_document_per_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class DocumentSection(models.Model):
    """The working text of one section; what bidders read is the published ``DocumentVersion``."""

    document = models.ForeignKey(TenderDocument, on_delete=models.CASCADE, related_name="sections")
    # Kept for life, so versions can be compared and a minimum requirement cited by its number.
    number = models.PositiveSmallIntegerField(editable=False)
    heading = TranslatedTextField(_("heading"), max_length=200)
    text = TranslatedTextField(_("text"), max_length=10000, multiline=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_section_per_number")]

    def __str__(self) -> str:
        return f"{self.number}. {localised(self.heading)}"

    def snapshot(self) -> dict:
        return {"number": self.number, "heading": self.heading, "text": self.text}


class DocumentVersion(models.Model):
    """A published version of a document, frozen: a later change is a new version."""

    document = models.ForeignKey(TenderDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(editable=False)
    sections = models.JSONField(editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    published_at = models.DateTimeField(editable=False)

    class Meta:
        ordering = ["number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_version_per_number")]


class SectionComment(models.Model):
    """A co-editor's comment on a section, shown publicly as moderated (``public_text``)."""

    section = models.ForeignKey(DocumentSection, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                               editable=False)
    text = models.TextField(_("comment"), max_length=2000)
    redactions = models.JSONField(default=list, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    @property
    def public_text(self) -> str:
        return shown(self.text, self.redactions)
