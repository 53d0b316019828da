"""Every person's right to see and to erase what CoProcure keeps about them.

Each app registers what it holds about a person: an exporter (a JSON-ready section), an
eraser, and a notice (what is kept, why, for how long) from which the public privacy notice is
built; data kept about people without an account (anonymous answers, contacts given without
signing in) is only described (``describe``). Erasure anonymises where a record must stay — a decision keeps its (now anonymous)
accountable official, an audit entry keeps its ``user:<id>`` label — and deletes the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Callable
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coprocure.audit import services as audit

from .models import User


@dataclass(frozen=True)
class Notice:
    """One row of the privacy notice, in words a reader understands (lazy translations)."""

    data: str
    why: str
    kept: str


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable[[User], object]
    erase: Callable[[User], None]
    notice: Notice | None = None


SECTIONS: list[Section] = []
DESCRIBED: dict[str, Notice] = {}


def register(name: str, export: Callable[[User], object], erase: Callable[[User], None],
             notice: Notice | None = None) -> None:
    SECTIONS.append(Section(name, export, erase, notice))


def describe(name: str, notice: Notice) -> None:
    """Data about people that no account holds, shown in the privacy notice only."""
    DESCRIBED[name] = notice


def register_notices() -> list[tuple[str, Notice | None]]:
    """The privacy register as the notice shows it: every section and every described kind of data."""
    return [(section.name, section.notice) for section in SECTIONS] + list(DESCRIBED.items())


def export_person(user: User, names: tuple[str, ...] | None = None) -> dict:
    """Everything kept about ``user``, section by section (only the ``names`` given, if any)."""
    return {section.name: section.export(user) for section in SECTIONS if names is None or section.name in names}


def record(row, *, leave_out: tuple[str, ...] = ()) -> dict:
    """Every stored field of a row about a person, as JSON-ready values. Exporters start from
    this, so a field added to such a model is in the person's download without anyone having to
    remember it; ``leave_out`` names what must not go out (a password hash) or is not theirs."""
    return {field.attname: _json(getattr(row, field.attname))
            for field in row._meta.concrete_fields if field.name not in leave_out}


def _json(value):
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    return value


@transaction.atomic
def erase_person(actor: User | None, user: User) -> None:
    # The profile goes last: other sections find what is the person's by the address it holds.
    for section in sorted(SECTIONS, key=lambda section: section.name == "profile"):
        section.erase(user)
    # The entry says that an erasure happened, never what was erased.
    audit.record(actor if actor and actor.pk != user.pk else None, "person.erase", user, None, {"erased": True})


def _profile(user: User) -> dict:
    # The password is kept only as a salted hash, which is of no use to anyone but an attacker.
    return {**record(user, leave_out=("password",)),
            "organisation": user.organisation.name if user.organisation else None}


def _erase_profile(user: User) -> None:
    user.username = f"erased-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()


def _api_tokens(user: User) -> list[dict]:
    # The digest is a credential: a token is shown by its name and first characters.
    return [record(token, leave_out=("user", "digest")) for token in user.api_tokens.all()]


def _erase_api_tokens(user: User) -> None:
    user.api_tokens.all().delete()


def _roles(user: User) -> list[dict]:
    return [
        {"procurement": role.procurement.reference, "role": role.role, "since": role.granted_at.isoformat()}
        for role in user.procurement_roles.select_related("procurement")
    ]


def _activity(user: User) -> list[dict]:
    from coprocure.audit.models import AuditEntry

    return [
        {"at": entry.at.isoformat(), "action": entry.action, "object": f"{entry.object_type}:{entry.object_id}"}
        for entry in AuditEntry.objects.filter(actor=user).order_by("sequence")
    ]


def _keep(user: User) -> None:
    """Roles and the audit trail stay, pointing at the anonymised account: they record what the
    public authority did and who was accountable, which the law requires to be kept."""


register("profile", _profile, _erase_profile, Notice(
    _("Your account: username, name, e-mail address, organisation, position, language and a protected password."),
    _("Signing in, naming the official accountable for a decision, and contacting you."),
    _("Until you erase your account or the organisation removes it."),
))
register("api_tokens", _api_tokens, _erase_api_tokens, Notice(
    _("The API tokens you created: their names, first characters and when they were used."),
    _("Letting your organisation's systems use the service in your name."),
    _("Until you revoke them or erase your account, which deletes them."),
))
register("roles", _roles, _keep, Notice(
    _("Your roles in procurements."),
    _("What each person may do, and who took part in which role."),
    _("As long as the procurement's records; after erasure they point to an anonymous account."),
))
register("recorded_actions", _activity, _keep, Notice(
    _("What you changed in the service, and when (the audit trail)."),
    _("A tamper-evident record of the authority's actions, as public administration requires."),
    _("Permanently, as public administration records; no names are written in the entries."),
))
describe("anonymous_answers", Notice(
    _("Anonymous survey answers and development ideas."),
    _("Hearing service users and residents."),
    _("With the procurement. Nothing links them to a person: no account, address or exact time is stored, and identity codes, phone numbers and e-mail addresses are removed from free text."),
))
describe("accessibility_feedback", Notice(
    _("Accessibility feedback and the e-mail address you give for the answer."),
    _("Answering your feedback within 14 days and fixing what it points out."),
    _("Two years after the answer."),
))
