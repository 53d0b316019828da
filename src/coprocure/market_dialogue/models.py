"""A procedure's market dialogue stage (pre-market consultation): the seats per kind of
organisation, registrations of providers and user or patient associations, written questions
with the answers sent to all, sessions with agendas and minutes, and what was learned, linked to
the objectives it changed (docs/procedures.md, "Market dialogue")."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from coprocure.core.models import Organisation
from coprocure.domain.market_dialogue import SeatKind as DomainSeatKind
from coprocure.procedures.models import Stage
from coprocure.tendering.models import Objective


class SeatKind(models.TextChoices):
    PROVIDER = DomainSeatKind.PROVIDER.value, _("Providers")
    USER_ASSOCIATION = DomainSeatKind.USER_ASSOCIATION.value, _("User or patient associations")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REFUSED = "refused", _("Refused")


class DialogueSeats(models.Model):
    """How many organisations of each kind the dialogue seats; the associations' seats are kept for them."""

    stage = models.OneToOneField(Stage, on_delete=models.CASCADE, related_name="dialogue_seats")
    provider_seats = models.PositiveSmallIntegerField(_("seats for providers"), default=10,
                                                      validators=[MinValueValidator(1)])
    user_association_seats = models.PositiveSmallIntegerField(
        _("seats for user or patient associations"), default=3, validators=[MinValueValidator(1)],
        help_text=_("Kept for user or patient associations: providers cannot take them."))

    def seats(self, kind: str) -> int:
        return self.user_association_seats if kind == SeatKind.USER_ASSOCIATION else self.provider_seats


class DialogueRegistration(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="dialogue_registrations")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    seat_kind = models.CharField(max_length=32, choices=SeatKind.choices, editable=False)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    status = models.CharField(max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING,
                              editable=False)
    registered_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", editable=False)

    class Meta:
        ordering = ["registered_at", "id"]
        constraints = [models.UniqueConstraint(fields=["stage", "organisation"], name="one_dialogue_registration")]

    @property
    def procurement(self):
        return self.stage.procurement


class WrittenQuestion(models.Model):
    """A registered organisation's question; its answer goes to every registered organisation and
    is published on the stage page, naming the asker only if it agreed."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="written_questions")
    registration = models.ForeignKey(DialogueRegistration, on_delete=models.PROTECT, related_name="questions")
    text = models.TextField(_("question"), max_length=3000)
    may_name_asker = models.BooleanField(_("our organisation may be named with the question"), default=False)
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer"), max_length=5000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", editable=False)

    class Meta:
        ordering = ["asked_at", "id"]


class DialogueSession(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="dialogue_sessions")
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online = models.BooleanField(_("online"), default=False)
    agenda = models.TextField(_("agenda"), max_length=5000)
    minutes = models.TextField(_("minutes"), max_length=20000, blank=True)
    # Business secrets or personal matters said in the session: kept from the published minutes
    # by the visibility policy (core.visibility), shown to the authority's staff only.
    confidential_minutes = models.TextField(_("confidential part of the minutes"), max_length=20000, blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]

    # What the visibility policy (core.visibility) asks of a session.
    is_confidential = True  # the confidential part is the authority's own, always

    @property
    def procurement(self):
        return self.stage.procurement

    @property
    def is_published(self) -> bool:
        return self.minutes_published_at is not None


class DialogueLearning(models.Model):
    """What the authority learned in the dialogue and which objectives or documents it changed,
    traced like an insight: the public "what came of it" trail follows it."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="dialogue_learnings")
    text = models.TextField(_("what was learned"), max_length=3000)
    objectives = models.ManyToManyField(Objective, blank=True, related_name="dialogue_learnings",
                                        verbose_name=_("objectives it changed"))
    documents_changed = models.TextField(_("documents it changed"), max_length=2000, blank=True)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["published_at", "id"]
