"""The counts behind a procurement's public participation figures, as last published."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Procurement


class Publication(models.Model):
    """A snapshot of the cells that the public equality monitor, the evaluation's ledger, the
    comparison and the open data are computed from. Counts that followed every answer would
    tell an answer by difference (``domain/publication.py``): the snapshot is replaced only when
    every cell has moved by 0 or at least k, in one direction."""

    procurement = models.OneToOneField(Procurement, on_delete=models.CASCADE, related_name="participation_publication")
    # [[table, phase, column, participations], ...]: a list, as a year column is a number or null.
    cells = models.JSONField(_("counts"), default=list)
    published_at = models.DateTimeField(_("published"))

    class Meta:
        verbose_name = _("published participation counts")
