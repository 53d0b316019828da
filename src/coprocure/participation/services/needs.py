"""Changing the needs of one's own sign-up, and nothing else of it: the place, the waiting list
and the background snapshot stay as they were."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from coprocure.audit import services as audit
from coprocure.core import redaction
from coprocure.core.models import User
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError

from ..models import ACTIVE, Registration
from ..needs import NEEDS_FIELDS


@transaction.atomic
def update_needs(actor: User, registration: Registration, data: dict) -> Registration:
    """The organiser reads the new needs on the roster. Free text is cleaned of identity codes
    and contact details, as on signing up; the audit entry names the fields that changed, never
    what they say (needs often tell of health)."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.participant_id != actor.pk:
        raise PermissionDenied
    if registration.status not in ACTIVE:
        raise ServiceError.from_domain(DomainError("registration_not_active"), status=409)
    data = {**data, "needs": redaction.redact(data.get("needs", ""))[0]}
    changed = sorted(name for name in NEEDS_FIELDS if getattr(registration, name) != data[name])
    for name in NEEDS_FIELDS:
        setattr(registration, name, data[name])
    registration.save(update_fields=[*NEEDS_FIELDS, "updated_at"])
    audit.record(actor, "participation.registration_needs", registration, None, {"changed": changed})
    return registration
