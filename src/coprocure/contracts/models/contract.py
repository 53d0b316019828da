"""The contract, its parties, documents and amendments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised
from coprocure.core.models import ContractKind, Organisation, Procurement


class Contract(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.PROTECT, related_name="contracts")
    kind = models.CharField(_("kind"), max_length=16, choices=ContractKind.choices)
    title = TranslatedTextField(_("title"), max_length=200)
    description = TranslatedTextField(_("description"), max_length=5000, multiline=True, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    options = TranslatedTextField(
        _("options"), max_length=1000, multiline=True, blank=True,
        help_text=_("Extension options, for example two optional years."),
    )
    # Raised by each amendment, so every reader can tell which version they are looking at.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="contract_ends_after_start"),
        ]

    def __str__(self) -> str:
        return localised(self.title) or f"#{self.pk}"


class PartyRole(models.TextChoices):
    AUTHORITY = "authority", _("Contracting authority")
    PROVIDER = "provider", _("Provider")
    CONSORTIUM_LEAD = "consortium_lead", _("Consortium lead")
    CONSORTIUM_MEMBER = "consortium_member", _("Consortium member")
    SUBCONTRACTOR = "subcontractor", _("Subcontractor")


class Party(models.Model):
    """One party to the contract. Consortium members who are not registered organisations are
    named only, so the parties list is complete even then."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="contract_parties",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    # What a consortium member does in the consortium, in its own words from the bid (for
    # example "peer support"); ``role`` says only that it is a member.
    consortium_role = models.CharField(_("role in the consortium"), max_length=200, blank=True)

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(fields=["contract", "organisation"], condition=Q(organisation__isnull=False),
                                    name="one_party_per_organisation"),
        ]

    def __str__(self) -> str:
        return self.name


class ContractDocument(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address (URL)"))
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Amendment(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="amendments")
    version = models.PositiveIntegerField(_("version"), editable=False)
    summary = TranslatedTextField(_("what changes"), max_length=3000, multiline=True)
    reason = TranslatedTextField(_("reason"), max_length=3000, multiline=True)
    decision = models.ForeignKey(
        "Decision", verbose_name=_("approving decision"), on_delete=models.PROTECT, related_name="amendments",
    )
    new_ends_on = models.DateField(_("new end date"), null=True, blank=True,
                                   help_text=_("Only when the amendment changes the contract's end, for example an option used."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [models.UniqueConstraint(fields=["contract", "version"], name="unique_amendment_version")]
