"""What a pre-market consultation notice (E1) says of the market dialogue, read from objects
fetched by ``selectors.with_notice_data``.

A procurement whose procedure has a ``market_dialogue`` stage (docs/procedures.md) is announced
from that stage as the published procedure has it: its deadline is the answer deadline (BT-630;
registration and written questions close then), and its opening and sessions are said in the
lot's description (BT-24), since eForms has no field of its own for either. Staff type none of
it, and a new published version of the procedure gives a new notice its new dates. A procurement
without such a stage keeps the participation app's market dialogue activities: the answer
deadline is the end (or start) of the last one.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils import translation as django_translation
from django.utils.formats import date_format
from django.utils.translation import gettext


def dialogue_stage(procurement):
    """The procedure's first market dialogue stage, with its sessions, or None."""
    stages = getattr(procurement, "dialogue_stages", ())
    return stages[0] if stages else None


def _published(procurement) -> bool:
    try:
        return procurement.procedure_plan.is_published
    except ObjectDoesNotExist:
        return False


def answer_deadline(procurement) -> datetime | None:
    """When interested providers answer by; None while there is nothing to announce (a stage in a
    procedure not published yet, or no market dialogue at all)."""
    stage = dialogue_stage(procurement)
    if stage is not None:
        return stage.closes_at if _published(procurement) else None
    moments = [a.ends_at or a.starts_at for a in getattr(procurement, "market_dialogues", ())
               if a.ends_at or a.starts_at]
    return max(moments, default=None)


def _moment(value: datetime) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def description(procurement, summary: str, language: str) -> str:
    """The E1 lot's description: the procurement's summary, then, from a published market dialogue
    stage, its dates and sessions in the notice's language."""
    stage = dialogue_stage(procurement)
    if stage is None or not _published(procurement):
        return summary
    with django_translation.override(language):
        lines = [summary, gettext("Market dialogue from %(opens)s to %(closes)s: register and send written "
                                  "questions by %(closes)s.") % {"opens": _moment(stage.opens_at),
                                                                 "closes": _moment(stage.closes_at)}]
        sessions = [f"{_moment(s.starts_at)} {gettext('online') if s.online else s.place}".strip()
                    for s in stage.dialogue_sessions.all()]
        if sessions:
            lines.append(gettext("Sessions: %(sessions)s.") % {"sessions": "; ".join(sessions)})
    return "\n".join(line for line in lines if line)
