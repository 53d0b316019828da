"""The steering group: its members, meetings and fees, and the decisions with the official
accountable for each and every member's position."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised
from coprocure.core.models import Organisation

from .contract import Contract


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    AUTHORITY_OFFICIAL = "authority_official", _("Authority official")
    PROVIDER_REPRESENTATIVE = "provider_representative", _("Provider representative")
    CLIENT_REPRESENTATIVE = "client_representative", _("Client representative (expert by experience)")
    PEER = "peer", _("Peer")


# Members who are paid a fee for their time, as experts by experience are.
COMPENSATED_ROLES = frozenset({MemberRole.CLIENT_REPRESENTATIVE, MemberRole.PEER})


class SteeringMember(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="steering_members")
    name = models.CharField(_("name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="steering_memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    role = models.CharField(_("role"), max_length=32, choices=MemberRole.choices)
    term_starts = models.DateField(_("term starts"))
    term_ends = models.DateField(_("term ends"), null=True, blank=True)
    deputy_for = models.ForeignKey(
        "self", verbose_name=_("deputy for"), null=True, blank=True, on_delete=models.SET_NULL, related_name="deputies",
    )

    class Meta:
        ordering = ["deputy_for_id", "role", "name"]
        verbose_name = _("steering group member")
        verbose_name_plural = _("steering group members")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_ends__isnull=True) | Q(term_ends__gte=models.F("term_starts")),
                name="member_term_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    agenda = TranslatedTextField(
        _("agenda"), max_length=3000, multiline=True,
        help_text=_("Write the agenda in plain language: short sentences, no abbreviations."),
    )
    # [{"title": ..., "url": ...}]: links to accessible materials (plain language, large print, audio).
    materials = models.JSONField(_("materials"), default=list, blank=True)
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, blank=True, editable=False)
    minutes = TranslatedTextField(_("minutes"), max_length=10000, multiline=True, blank=True)
    attendees = models.ManyToManyField(SteeringMember, verbose_name=_("attendance"), blank=True, related_name="meetings")

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d}"


class Compensation(models.Model):
    """The fee paid to an expert by experience for one meeting: their work is paid work."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="compensations")
    member = models.ForeignKey(SteeringMember, on_delete=models.PROTECT, related_name="compensations")
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    fee = models.DecimalField(_("fee (EUR)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("compensation")
        verbose_name_plural = _("compensations")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_compensation_per_meeting")]


class ProposerRole(models.TextChoices):
    AUTHORITY = "authority", _("Contracting authority")
    PROVIDER = "provider", _("Provider")
    CLIENT_REPRESENTATIVE = "client_representative", _("Client representative (expert by experience)")
    PEER = "peer", _("Peer")
    SERVICE_USERS = "service_users", _("Service users")
    STEERING_GROUP = "steering_group", _("Steering group")


class Decision(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions",
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    title = TranslatedTextField(_("title"), max_length=200)
    decided = TranslatedTextField(_("what was decided"), max_length=5000, multiline=True)
    reasoning = TranslatedTextField(_("reasoning"), max_length=5000, multiline=True)
    proposed_by = models.CharField(_("whose proposal"), max_length=200)
    proposer_role = models.CharField(_("proposer's role"), max_length=32, choices=ProposerRole.choices)
    client_view = TranslatedTextField(
        _("client representatives' view"), max_length=3000, multiline=True, blank=True,
        help_text=_("In their own words, shown with the decision even when it differs from it."),
    )
    accountable_official = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accountable official"), on_delete=models.PROTECT,
        related_name="accountable_decisions",
    )
    decided_on = models.DateField(_("decided on"))
    is_confidential = models.BooleanField(_("confidential"), default=False)
    confidentiality_reason = models.CharField(
        _("legal reason for confidentiality"), max_length=300, blank=True,
        help_text=_("The section of law, for example: Act on the Openness of Government Activities 24 § 1 (20)."),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="unique_decision_number"),
            models.CheckConstraint(
                condition=Q(is_confidential=False) | ~Q(confidentiality_reason=""), name="confidential_decision_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return localised(self.title)


class Position(models.TextChoices):
    SUPPORTS = "supports", _("Supports")
    OPPOSES = "opposes", _("Opposes")
    ABSTAINS = "abstains", _("Abstains")
    DISSENT = "dissent", _("Dissents (view recorded)")


class MemberPosition(models.Model):
    """One steering-group member's position on a decision. The view is kept as the member gave
    it, in their own words, and is public with the decision."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="positions")
    member = models.ForeignKey(SteeringMember, verbose_name=_("member"), on_delete=models.PROTECT,
                               related_name="positions")
    position = models.CharField(_("position on the decision"), max_length=12, choices=Position.choices)
    view = models.TextField(
        _("view in their own words"), max_length=3000, blank=True,
        help_text=_("Write it as the member said it. Required when the member dissents."),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["member__role", "member__name", "id"]
        verbose_name = _("member's position")
        verbose_name_plural = _("members' positions")
        constraints = [models.UniqueConstraint(fields=["decision", "member"], name="one_position_per_member")]

    @property
    def is_client_view(self) -> bool:
        return self.member.role == MemberRole.CLIENT_REPRESENTATIVE
