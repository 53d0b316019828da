"""Which saved or deleted rows change a cached page, and of which procurement.

Bulk writes send no signals: a service that writes shown data in bulk calls
``versions.procurement_changed`` itself (contracts.services.report_measurements does)."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import versions

# Model → the attributes that lead from a row to its procurement's id.
PROCUREMENT_OF = {
    "core.Procurement": "pk",
    "core.PhaseChange": "procurement_id",
    "core.ProcurementRole": "procurement_id",
    "participation.ParticipationPlan": "procurement_id",
    "participation.Activity": "procurement_id",
    "participation.Insight": "procurement_id",
    "participation.Survey": "activity.procurement_id",
    "participation.Question": "survey.activity.procurement_id",
    "tendering.Objective": "procurement_id",
    "tendering.Tender": "procurement_id",
    "tendering.QualityCriterion": "tender.procurement_id",
    "contracts.Contract": "procurement_id",
    "contracts.Party": "contract.procurement_id",
    "contracts.Kra": "contract.procurement_id",
    "contracts.Indicator": "kra.contract.procurement_id",
    "contracts.Measurement": "indicator.kra.contract.procurement_id",
}
# Shown on many procurements' pages: a change makes every cached page stale.
EVERYWHERE = ("core.Organisation", "core.TargetGroup", "core.User")


def procurement_of(instance) -> int | None:
    """The procurement id, or None when the change may touch any procurement's pages."""
    path = PROCUREMENT_OF.get(instance._meta.label)
    if path is None:
        return None
    value = instance
    try:
        for name in path.split("."):
            value = getattr(value, name)
    except Exception:  # noqa: BLE001 - a parent deleted in the same cascade: invalidate everything
        return None
    return value


def changed(sender, instance, update_fields=None, **kwargs) -> None:
    if sender._meta.label == "core.User" and update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # signing in changes nothing anybody else sees
    versions.procurement_changed(procurement_of(instance))


def links_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_"):
        versions.procurement_changed(procurement_of(instance))


def connect() -> None:
    for label in (*PROCUREMENT_OF, *EVERYWHERE):
        model = apps.get_model(label)
        post_save.connect(changed, sender=model, dispatch_uid=f"caching-save-{label}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"caching-delete-{label}")
    for label, field in (("core.Procurement", "target_groups"), ("participation.Insight", "target_groups"),
                         ("tendering.Objective", "insights"), ("tendering.QualityCriterion", "objectives")):
        through = apps.get_model(label)._meta.get_field(field).remote_field.through
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"caching-links-{label}-{field}")
