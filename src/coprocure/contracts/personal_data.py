"""What the contract period keeps about a signed-in person, for ``core.gdpr``: the ideas they
sent signed in (with their reference and status, also listed on "My participation") and their
seats on steering groups."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coprocure.core import gdpr
from coprocure.core.models import User

from .models import DevelopmentProposal, SteeringMember


def ideas(user: User) -> list[dict]:
    rows = DevelopmentProposal.objects.filter(submitted_by=user).select_related("contract").prefetch_related("kras")
    return [{**gdpr.record(row, leave_out=("submitted_by",)), "kras": [kra.pk for kra in row.kras.all()],
             "contract_title": row.contract.title, "status_label": str(row.get_status_display()),
             "status_page": reverse("idea_status", args=[row.reference])}
            for row in rows]


def erase_ideas(user: User) -> None:
    """An idea stays on the trail, as anyone's anonymous idea is (its text was cleaned on arrival)."""
    DevelopmentProposal.objects.filter(submitted_by=user).update(submitted_by=None)


def steering_seats(user: User) -> list[dict]:
    rows = SteeringMember.objects.filter(user=user).select_related("contract")
    return [{**gdpr.record(row, leave_out=("user",)), "contract_title": row.contract.title} for row in rows]


def unlink_seats(user: User) -> None:
    """A steering group's membership is part of the public record of who decided: the seat keeps
    the name it was given and no longer points to the erased account."""
    SteeringMember.objects.filter(user=user).update(user=None)


def install() -> None:
    gdpr.register("ideas", ideas, erase_ideas, gdpr.Notice(
        _("The development ideas you sent while signed in, with their status."),
        _("Improving the service and telling you what became of your idea."),
        _("With the contract's records; erasing your account leaves the idea without your name."),
    ))
    gdpr.register("steering_seats", steering_seats, unlink_seats, gdpr.Notice(
        _("Your seat on a contract's steering group: your name, role and term."),
        _("The public record of who took part in the contract's decisions."),
        _("With the contract's records, as public administration requires."),
    ))
