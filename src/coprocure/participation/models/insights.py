"""Insights from what people said, and the answers chosen for publication."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised
from coprocure.core.models import Procurement
from coprocure.core.moderation import shown

from .plan import Activity
from .surveys import Question


class InsightStatus(models.TextChoices):
    OPEN = "open", _("Being considered")
    TAKEN_UP = "taken_up", _("Taken up")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


class Insight(models.Model):
    """A finding from what people said, with where it came from. Insights are the raw material
    of objectives and quality criteria; the "you said, we did" page follows each one to what
    became of it (tendering links objectives to insights), or to the public reason it was not
    taken up."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="insights")
    statement = TranslatedTextField(_("insight"), max_length=500, multiline=True)
    plain_summary = TranslatedTextField(_("plain-language summary"), max_length=300, multiline=True, blank=True)
    activity = models.ForeignKey(
        Activity, verbose_name=_("from activity"), null=True, blank=True, on_delete=models.SET_NULL, related_name="insights"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("from survey question"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="insights",
    )
    # Short quotations from answers, redacted like every free text that is shown publicly.
    excerpts = models.JSONField(_("quoted excerpts"), default=list, blank=True)
    # Moderation hides parts of excerpts and never changes them: [{excerpt, start, end, reason, by, at}].
    redactions = models.JSONField(default=list, blank=True, editable=False)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    target_groups = models.ManyToManyField("core.TargetGroup", verbose_name=_("target groups"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=InsightStatus.choices, default=InsightStatus.OPEN)
    status_reason = TranslatedTextField(
        _("reason"), max_length=1000, multiline=True, blank=True,
        help_text=_("Required when an insight is not taken up: the reason is shown publicly."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("insight")
        verbose_name_plural = _("insights")

    def __str__(self) -> str:
        return localised(self.statement)

    @property
    def public_excerpts(self) -> list[str]:
        return [shown(excerpt, [r for r in self.redactions if r["excerpt"] == index])
                for index, excerpt in enumerate(self.excerpts)]


class PublishedAnswer(models.Model):
    """A free-text answer, or an excerpt of one, that staff chose to show publicly. The text is
    copied from the answer (already cleaned of identity codes, phone numbers and e-mail
    addresses) and nothing points back to the answer or its response. Moderation hides parts of
    it with a reason and never changes it; every output shows ``public_text``. ``author`` is set
    only for an identified survey's answer, so that the person can be told about a redaction."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="published_answers")
    text = models.TextField(_("answer or excerpt"), max_length=2000)
    redactions = models.JSONField(default=list, blank=True, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    chosen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question__ordering", "question_id", "chosen_at", "id"]
        verbose_name = _("published answer")
        verbose_name_plural = _("published answers")

    def __str__(self) -> str:
        return self.public_text

    @property
    def public_text(self) -> str:
        return shown(self.text, self.redactions)
