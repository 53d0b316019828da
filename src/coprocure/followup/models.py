"""Who wants to hear what became of their input.

A ``FollowUpContact`` is left by someone who answered anonymously. It is kept apart from the
answer on purpose: no link to the response or the survey, no time at all, a random key, and
no audit entry (an entry's exact time would sit next to the answer's day). It names only the
procurement whose "you said, we did" page the person wants to follow. Contacts, like anonymous
answers, leave their order of arrival in shuffled batches (``followup.mixing``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Procurement


class FollowUpContact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="follow_up_contacts")
    email = models.EmailField(_("e-mail address"))
    # Kept only because people asked to give it; updates are sent by e-mail.
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    language = models.CharField(max_length=8, default="fi")
    # A contact still in its order of arrival, which follows the answers' (people leave an
    # address right after answering): ``mixing`` re-inserts contacts in shuffled batches.
    unmixed = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("follow-up contact")
        verbose_name_plural = _("follow-up contacts")
        indexes = [models.Index(fields=["procurement"], condition=models.Q(unmixed=True), name="follow_up_unmixed")]
        constraints = [models.UniqueConstraint(fields=["procurement", "email"], name="one_follow_up_per_address")]

    def __str__(self) -> str:
        return self.email


class UpdateOptOut(models.Model):
    """A signed-in participant who no longer wants updates about one procurement."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="update_opt_outs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="update_opt_outs")

    class Meta:
        verbose_name = _("update opt-out")
        verbose_name_plural = _("update opt-outs")
        constraints = [models.UniqueConstraint(fields=["procurement", "user"], name="one_opt_out_per_person")]
