"""A signed-in person's seats on panels, for ``core.gdpr``: shown on "My data" and "My
participation". Volunteers who answered the open call without an account are only described in
the register (``apps``): no account holds them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coprocure.core import gdpr
from coprocure.core.models import User

from .models import Membership, Volunteer


def seats(user: User) -> list[dict]:
    rows = (Membership.objects.filter(person=user).order_by("-started_at")
            .select_related("panel__procurement", "panel__contract__procurement", "panel__authority"))
    return [{**gdpr.record(row, leave_out=("person",)), "panel_title": row.panel.title,
             "procurement": _owner_name(row.panel), "role_label": str(row.get_role_display()),
             "page": reverse("panel_member", args=[row.panel_id])}
            for row in rows]


def _owner_name(panel) -> str:
    """What the seat's line names beside the panel: the procurement's or contract's procurement's
    reference, or the authority."""
    procurement = panel.governing_procurement
    return procurement.reference if procurement else panel.authority.name


def unlink_seats(user: User) -> None:
    """A panel's composition is part of the procurement's record: the seat stays, no longer
    pointing to the erased account."""
    Membership.objects.filter(person=user).update(person=None)


def volunteering(user: User) -> list[dict]:
    """What someone who volunteered signed in gave: their name, contact and background."""
    rows = Volunteer.objects.filter(account=user).select_related("panel", "background").order_by("-created_at")
    return [{**gdpr.record(row, leave_out=("account",)), "panel_title": row.panel.title,
             "background": gdpr.record(row.background, leave_out=("volunteer",)) if hasattr(row, "background") else {}}
            for row in rows]


def unlink_volunteering(user: User) -> None:
    """The volunteering stays for the draw until the panel's term ends (or consent is withdrawn),
    like a volunteering without an account; it no longer points to the erased account."""
    Volunteer.objects.filter(account=user).update(account=None)


def install() -> None:
    gdpr.register("panel_seats", seats, unlink_seats, gdpr.Notice(
        _("Your seats on panels: the panel, your role and when the seat began and ended."),
        _("Knowing who sits on the panel, for its meetings, fees and the record of its work."),
        _("With the procurement's records; erasing your account removes your name from the seat."),
    ))
    gdpr.register("panel_volunteering", volunteering, unlink_volunteering, gdpr.Notice(
        _("What you gave when you volunteered for a panel signed in: your name or pseudonym, contact and "
          "background."),
        _("Choosing the panel's members by a fair lottery and linking a seat drawn for you to your account."),
        _("Until the panel's term ends, or until you withdraw."),
    ))
