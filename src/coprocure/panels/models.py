"""Panels: standing customer, resident and experts-by-experience panels of a procurement, a
contract or an authority, the volunteers who answered their open call, the draws that chose the
members, and the members.

A volunteer's background (``VolunteerBackground``) is a table of its own, joined to nothing but
the volunteer's row: only the selection and the panel's staff read it, and it is deleted with
the volunteer when the panel's term has ended (``services.forget_ended``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coprocure.core.fields import TranslatedTextField, localised
from coprocure.core.models import Organisation, Procurement
from coprocure.participation.models import Activity, AgeBand


class PanelKind(models.TextChoices):
    CUSTOMER = "customer", _("Customer panel")
    RESIDENT = "resident", _("Resident panel")
    EXPERTS = "experts_by_experience", _("Experts-by-experience panel")


class Language(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    OTHER = "other", _("Another language")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Another gender")


CATEGORY_LABELS = {"target_group": _("Target group"), "age_band": _("Age band"), "area": _("Area"),
                   "language": _("Language"), "gender": _("Gender")}


class Panel(models.Model):
    """A panel belongs to exactly one of a procurement, a contract or an authority (a standing
    panel across its procurements); who may see and run it follows that owner (``rules``)."""

    procurement = models.ForeignKey(Procurement, null=True, blank=True, on_delete=models.CASCADE, related_name="panels")
    contract = models.ForeignKey("contracts.Contract", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="panels")
    authority = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="panels")
    kind = models.CharField(_("kind"), max_length=32, choices=PanelKind.choices)
    title = TranslatedTextField(_("title"), max_length=200)
    purpose = TranslatedTextField(_("purpose"), max_length=3000, multiline=True,
                                  help_text=_("What the panel is for and what it can influence, in plain language."))
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(3), MaxValueValidator(200)])
    # Deputies are drawn from the reserve like members, never named by hand.
    deputies = models.PositiveSmallIntegerField(_("deputies"), default=0, validators=[MaxValueValidator(50)])
    term_starts = models.DateField(_("term starts"))
    term_ends = models.DateField(_("term ends"))
    # Places in the area the panel serves that volunteers choose from ("keskusta", "pohjoinen"…).
    areas = models.JSONField(_("areas"), default=list, blank=True)
    call_open = models.BooleanField(_("open call for volunteers"), default=False)
    # {category: {value: [min, max]}}: set from the plan's reference shares or by staff with a reason.
    quotas = models.JSONField(_("quotas"), default=dict, blank=True)
    quota_reason = models.CharField(_("reason for the quotas"), max_length=500, blank=True)
    # Meetings are participation's activities, with their sign-up, accessibility and experts' fees.
    meetings = models.ManyToManyField(Activity, blank=True, related_name="panels", verbose_name=_("meetings"))
    achievements = TranslatedTextField(_("what the panel achieved"), max_length=3000, multiline=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term_starts", "id"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        constraints = [
            models.CheckConstraint(condition=Q(term_ends__gte=models.F("term_starts")), name="panel_term_ends_after_start"),
            models.CheckConstraint(
                condition=Q(procurement__isnull=False, contract__isnull=True, authority__isnull=True)
                | Q(procurement__isnull=True, contract__isnull=False, authority__isnull=True)
                | Q(procurement__isnull=True, contract__isnull=True, authority__isnull=False),
                name="panel_has_exactly_one_owner"),
        ]

    def __str__(self) -> str:
        return localised(self.title) or self.get_kind_display()

    @property
    def owner(self):
        return self.procurement or self.contract or self.authority

    @property
    def governing_procurement(self) -> Procurement | None:
        """The procurement whose roles, plan and activities the panel uses: its own, its
        contract's, or none for an authority's panel."""
        if self.contract_id:
            return self.contract.procurement
        return self.procurement


class Volunteer(models.Model):
    """Someone who answered the open call, or whom an outreach partner entered from paper with
    their consent. ``code`` is the only name the draw and the verification file know."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="volunteers")
    code = models.CharField(max_length=12)
    name = models.CharField(_("name or pseudonym"), max_length=120)
    contact = models.CharField(_("phone number or e-mail address"), max_length=200)
    consent_at = models.DateTimeField()
    # The language of the page they volunteered on: what the draw's result is written in.
    language = models.CharField(max_length=8, default="fi")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # The account of someone who volunteered signed in: if drawn, the seat is theirs to follow
    # on the member's page. Never shown beside the background.
    account = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="panel_volunteering")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["panel", "code"], name="one_volunteer_code_per_panel")]

    def __str__(self) -> str:
        return self.code


class VolunteerBackground(models.Model):
    volunteer = models.OneToOneField(Volunteer, on_delete=models.CASCADE, related_name="background")
    target_group = models.CharField(_("target group"), max_length=50, blank=True)
    age_band = models.CharField(_("age band"), max_length=16, choices=AgeBand.choices, blank=True)
    area = models.CharField(_("area"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)


class DrawKind(models.TextChoices):
    INITIAL = "initial", _("Draw of the panel")
    REPLACEMENT = "replacement", _("Draw of replacements")
    DEPUTIES = "deputies", _("Draw of deputies")


class Draw(models.Model):
    """One seed, one draw. The seed is stored when it is committed but shown only once the draw
    has been made; its SHA-256 is public from the start."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="draws")
    kind = models.CharField(max_length=16, choices=DrawKind.choices)
    seed = models.CharField(max_length=64, unique=True)
    seed_commitment = models.CharField(max_length=64, unique=True)
    committed_at = models.DateTimeField()
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    drawn_at = models.DateTimeField(null=True, blank=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    seats = models.PositiveSmallIntegerField(default=0)
    minimum_probability = models.CharField(max_length=12, blank=True)
    verification_file = models.TextField(blank=True)
    # The queued work that makes the draw (the lottery takes seconds), and why its last attempt
    # stored nothing ({"code", "params"}; empty when none failed).
    job = models.ForeignKey("ops.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    failure = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["committed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["panel"], condition=Q(drawn_at__isnull=True),
                                               name="one_pending_draw_per_panel")]

    @property
    def is_done(self) -> bool:
        return self.drawn_at is not None


class SeatRole(models.TextChoices):
    MEMBER = "member", _("Member")
    DEPUTY = "deputy", _("Deputy")
    SUPPORT = "support", _("Support person")


class Membership(models.Model):
    """A seat on the panel: a drawn member or deputy (a volunteer, with their account if they
    volunteered signed in), or a support person staff named (with an account, so that meetings,
    fees and hours go through participation's contributions)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=SeatRole.choices)
    volunteer = models.OneToOneField(Volunteer, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="membership")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="panel_memberships", verbose_name=_("person"))
    draw = models.ForeignKey(Draw, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(_("why the seat ended"), max_length=300, blank=True)

    class Meta:
        ordering = ["role", "started_at", "id"]
