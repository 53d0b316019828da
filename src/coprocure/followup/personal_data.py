"""The procurements a signed-in person asked not to hear about any more, for ``core.gdpr``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coprocure.core import gdpr
from coprocure.core.models import User

from .models import UpdateOptOut


def opt_outs(user: User) -> list[dict]:
    rows = UpdateOptOut.objects.filter(user=user).select_related("procurement")
    return [{**gdpr.record(row, leave_out=("user",)), "procurement": row.procurement.reference} for row in rows]


def erase_opt_outs(user: User) -> None:
    UpdateOptOut.objects.filter(user=user).delete()


def install() -> None:
    gdpr.register("update_opt_outs", opt_outs, erase_opt_outs, gdpr.Notice(
        _("The procurements whose updates you turned off."),
        _("Not sending you updates you do not want."),
        _("Until you erase your account."),
    ))
