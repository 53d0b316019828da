"""The one visibility policy applied to stored objects: gathers the facts about an object and a
viewer and asks the pure rules in ``coprocure.domain.visibility``. Output paths call
``may_show`` (or ``shown``) rather than testing flags themselves."""

from __future__ import annotations

from typing import Any

from coprocure.domain import visibility as rules
from coprocure.permissions.predicates import is_procurement_staff


def _procurement_of(obj):
    for path in ("procurement", "tender.procurement", "bid.tender.procurement", "contract.procurement",
                 "draft.contract.procurement", "activity.procurement", "survey.activity.procurement",
                 "response.survey.activity.procurement"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
            if target is None:
                break
        if target is not None:
            return target
    return obj if obj._meta.label_lower == "core.procurement" else None


def _is_staff(user, obj) -> bool:
    if user is None or not user.is_authenticated:
        return False
    procurement = _procurement_of(obj)
    return bool(procurement is not None and is_procurement_staff.test(user, procurement))


def _is_party(user, obj) -> bool:
    """Works for a provider party of the object's contract (the authority's people are its staff)."""
    if user is None or not user.is_authenticated or user.organisation_id is None:
        return False
    contract = getattr(obj, "contract", None) or getattr(getattr(obj, "draft", None), "contract", None)
    return bool(contract is not None and contract.parties.filter(organisation_id=user.organisation_id)
                .exclude(role="authority").exists())


def facts(user, obj) -> rules.Facts:
    model = obj._meta.label_lower
    owner = False
    if user is not None and user.is_authenticated:
        person = getattr(obj, "participant_id", None) or getattr(obj, "person_id", None)
        # A bid belongs to its lead bidder's organisation.
        organisation = getattr(obj, "organisation_id", None) or getattr(obj, "lead_id", None)
        owner = (person is not None and person == user.pk) or (
            organisation is not None and organisation == user.organisation_id) or (model == "core.user" and obj.pk == user.pk)
    tender = getattr(obj, "tender", None) or getattr(getattr(obj, "bid", None), "tender", None)
    return rules.Facts(
        opened=bool(tender is not None and getattr(tender, "opened_at", None)),
        published=bool(getattr(obj, "published_at", None) or getattr(obj, "agenda_published_at", None)
                       or getattr(obj, "is_published", False)),
        confidential=bool(getattr(obj, "is_confidential", False)
                          or (model == "core.procurement" and not obj.is_public)),
        viewer_is_owner=owner,
        viewer_is_staff=_is_staff(user, obj),
        viewer_is_party=model in rules.PARTY_MODELS and _is_party(user, obj),
    )


def may_show(user, obj, field: str, **extra: Any) -> bool:
    """Whether ``user`` may see ``obj.field``; ``extra`` overrides facts only the caller knows
    (the group size of a figure, whether a text part was redacted)."""
    found = facts(user, obj)
    if extra:
        found = rules.Facts(**{**found.__dict__, **extra})
    return rules.may_show(rules.protection_of(obj._meta.label_lower, field), found)


def shown(user, obj, field: str, hidden=None):
    return getattr(obj, field) if may_show(user, obj, field) else hidden


def public(obj, field: str) -> bool:
    """Whether anyone at all may see ``obj.field``: for open data and for the pages that show
    only what is public whoever reads them."""
    return may_show(None, obj, field)
