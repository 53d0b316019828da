"""How the competition of a procedure with rounds ends: the invitation to submit final tenders,
or the accountable official's decision to award on the initial bids where the published
procedure reserved it (docs/procedures.md). Imported by ``models`` so the app registers them;
kept apart so that neither module grows past the project's limit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Organisation


class FinalTenderInvitation(models.Model):
    """The invitation to submit final tenders, issued once the final tenders' stage opens to every
    candidate still in the procedure, never to a subset: ``invited`` is who was in at that moment."""

    stage = models.OneToOneField("procedures.Stage", on_delete=models.CASCADE, related_name="final_invitation")
    message = models.TextField(_("message to the candidates"), max_length=5000)
    invited = models.ManyToManyField(Organisation, related_name="+", verbose_name=_("invited candidates"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(editable=False)
    emails_queued = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("invitation to submit final tenders")
        verbose_name_plural = _("invitations to submit final tenders")

    @property
    def procurement(self):
        return self.stage.procurement


class InitialBidsAward(models.Model):
    """The decision, on the first round's opened initial bids, to award on them without further
    negotiation: the stages left out are recorded as skipped and the initial bids became the
    tender's bids, compared by the existing evaluation and award."""

    stage = models.OneToOneField("procedures.Stage", on_delete=models.CASCADE, related_name="initial_bids_award")
    accountable_official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), max_length=5000)
    skipped = models.ManyToManyField("procedures.Stage", related_name="+", verbose_name=_("stages not held"))
    published_at = models.DateTimeField(editable=False)

    class Meta:
        verbose_name = _("decision to award on the initial bids")
        verbose_name_plural = _("decisions to award on the initial bids")

    @property
    def procurement(self):
        return self.stage.procurement
