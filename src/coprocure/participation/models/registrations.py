"""Sign-ups for events, with the waiting list's statuses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .plan import Activity
from .surveys import AgeBand


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("You have a place")
    OFFERED = "offered", _("A place is waiting for your confirmation")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("The offered place was not confirmed in time")


# Statuses that hold one of the activity's places.
HOLDS_PLACE = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


ACTIVE = (*HOLDS_PLACE, RegistrationStatus.WAITING)


class Registration(models.Model):
    """One person's sign-up for an activity. The target group and age band are a snapshot given
    when signing up, so attendance figures for a past phase do not change with a profile.

    A person without an account signs up with a name (or a pseudonym) and an e-mail address or a
    phone number; the confirmation, a freed place and the links to confirm or cancel reach them
    there, and nothing else is asked. The contact and the name are cleared with the needs once the
    activity is over (retention.registration_needs)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations",
                                    null=True, blank=True)
    name = models.CharField(_("name or pseudonym"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("mobile phone number"), max_length=20, blank=True)
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="fi")
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    offer_expires_at = models.DateTimeField(_("confirm by"), null=True, blank=True)
    dietary = models.CharField(_("dietary needs"), max_length=300, blank=True)
    assistance = models.BooleanField(_("I need assistance to move or to find my way"), default=False)
    interpreter = models.CharField(_("interpreter, which language"), max_length=100, blank=True)
    needs = models.TextField(_("what I need to take part"), max_length=2000, blank=True)
    target_group = models.CharField(_("target group"), max_length=50, blank=True)
    age_band = models.CharField(_("age"), max_length=16, choices=AgeBand.choices, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], condition=Q(status__in=[s.value for s in ACTIVE]),
                name="one_active_registration_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="offer_has_expiry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} – {self.activity}"

    @property
    def display_name(self) -> str:
        """The name given with the sign-up first: an account made by e-mail or Suomi.fi has no
        name of its own, and its username is an address or a pseudonym."""
        return self.name or (str(self.participant) if self.participant_id else "–")
