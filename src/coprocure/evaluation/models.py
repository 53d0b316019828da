"""What the evaluation keeps of its own: which surveys are participation experience surveys
(with the round they measure and which question asks which item) and the staff's
self-assessment. Every other figure is read from the records of the other apps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Phase, Procurement
from coprocure.domain.evaluation import Round as DomainRound
from coprocure.participation.models import Survey


class Round(models.TextChoices):
    BEFORE = DomainRound.BEFORE.value, _("Before the phase")
    DURING = DomainRound.DURING.value, _("During the phase")
    AFTER = DomainRound.AFTER.value, _("After the phase")


class ExperienceSurvey(models.Model):
    """A participation experience survey: an ordinary anonymous survey made from the fixed
    template, for one phase and one round (before, during or after it)."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="experience_surveys")
    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="experience")
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    round = models.CharField(_("round"), max_length=8, choices=Round.choices)
    # {question id: item code}: the template's items as the survey asks them.
    items = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["phase", "round", "id"]
        verbose_name = _("participation experience survey")
        verbose_name_plural = _("participation experience surveys")
        constraints = [
            models.UniqueConstraint(fields=["procurement", "phase", "round"], name="one_experience_survey_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} – {self.get_round_display()}"


class SelfAssessment(models.Model):
    """The staff's assessment of the procurement against the promising-practice criteria and
    the governance model's questions: {criterion code: {"rating": ..., "note": ...}}."""

    procurement = models.OneToOneField(Procurement, on_delete=models.CASCADE, related_name="self_assessment")
    answers = models.JSONField(default=dict)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")

    def __str__(self) -> str:
        return str(self.procurement)
