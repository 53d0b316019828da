"""The panel's scoring: conflict-of-interest declarations, each evaluator's scores and the
settled final scores."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bids import Bid
from .tender import QualityCriterion, Tender


class ConflictDeclaration(models.Model):
    """A panel member's declaration, made before any bid is shown to them."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="declarations")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    has_conflict = models.BooleanField(_("I have a conflict of interest"), default=False)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [models.UniqueConstraint(fields=["tender", "evaluator"], name="one_declaration_per_evaluator")]


class Score(models.Model):
    """One evaluator's score of one bid on one criterion, with the justification."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(QualityCriterion, on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    justification = models.TextField(_("justification"), max_length=3000)
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["bid_id", "criterion__ordering", "criterion_id", "evaluator_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["bid", "criterion", "evaluator"], name="one_score_per_evaluator")]


class FinalScore(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="final_scores")
    criterion = models.ForeignKey(QualityCriterion, on_delete=models.CASCADE, related_name="final_scores")
    score = models.DecimalField(max_digits=30, decimal_places=20)
    method = models.CharField(max_length=16)
    reason = models.TextField(_("reason"), blank=True)
    settled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    settled_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("final score")
        verbose_name_plural = _("final scores")
        constraints = [models.UniqueConstraint(fields=["bid", "criterion"], name="one_final_score")]
