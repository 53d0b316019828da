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
    rows = Membership.objects.filter(person=user).select_related("panel__procurement").order_by("-started_at")
    return [{**gdpr.record(row, leave_out=("person",)), "panel_title": row.panel.title,
             "procurement": row.panel.procurement.reference, "role_label": str(row.get_role_display()),
             "page": reverse("panel_member", args=[row.panel_id])}
            for row in rows]


def unlink_seats(user: User) -> None:
    """A panel's composition is part of the procurement's record: the seat stays, no longer
    pointing to the erased account; so does a volunteering, kept until the panel's term ends."""
    Membership.objects.filter(person=user).update(person=None)
    Volunteer.objects.filter(account=user).update(account=None)


def install() -> None:
    gdpr.register("panel_seats", seats, unlink_seats, gdpr.Notice(
        _("Your seats on panels: the panel, your role and when the seat began and ended."),
        _("Knowing who sits on the panel, for its meetings, fees and the record of its work."),
        _("With the procurement's records; erasing your account removes your name from the seat."),
    ))
