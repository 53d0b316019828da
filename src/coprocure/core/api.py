"""/api/v1 endpoints for organisations and procurements. Each endpoint declares its permission
and how its procurement is loaded (``coprocure.api.permissions.permitted``), validates through
the same form and writes through the same service as the web UI."""

from __future__ import annotations

from ninja import Router
from ninja.decorators import decorate_view
from ninja.pagination import paginate
from ninja.responses import Status

from coprocure.api.auth import ANYONE, PUBLIC_WRITE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS, ErrorOut
from coprocure.web.ratelimit import rate_limited

from . import accessibility, gdpr, selectors, services
from .my_participation import participation_of
from .forms import AccessibilityFeedbackForm, OrganisationForm, PhaseChangeForm, ProcurementForm, RoleForm
from .schemas import (
    AccessibilityFeedbackIn, AccessibilityFeedbackOut, AccessibilityStatementOut, PrivacyNoticeOut, MyParticipationOut, OrganisationIn, OrganisationOut, PhaseChangeIn, ProcurementIn, ProcurementOut, ProcurementPatch,
    RoleIn, RoleOut,
)

router = Router()
procurement_by_pk = by_pk(selectors.visible_procurement)


@router.get("/procurements", response={200: list[ProcurementOut], **ERRORS}, auth=ANYONE, tags=["procurements"])
@paginate
def list_procurements(request, phase: str | None = None, service_area: str | None = None):
    return selectors.public_procurements(phase=phase, service_area=service_area).prefetch_related("phase_changes")


@router.get("/procurements/{pk}", response={200: ProcurementOut, **ERRORS}, auth=ANYONE, tags=["procurements"])
@permitted(None, load=procurement_by_pk)
def get_procurement(request, pk: int):
    return target(request)


@router.post("/procurements", response={201: ProcurementOut, **ERRORS}, auth=SIGNED_IN, tags=["procurements"])
@permitted("procurement.create")
def create_procurement(request, payload: ProcurementIn):
    data = validated(ProcurementForm, payload.dict(), authority=request.user.organisation)
    procurement = services.create_procurement(request.user, data)
    return Status(201, selectors.procurement_page(procurement.pk))


@router.patch("/procurements/{pk}", response={200: ProcurementOut, **ERRORS}, auth=SIGNED_IN, tags=["procurements"])
@permitted("procurement.edit", load=procurement_by_pk)
def update_procurement(request, pk: int, payload: ProcurementPatch):
    """Only the fields sent change; the form validates them together with the current ones."""
    procurement = target(request)
    merged = {**ProcurementIn.of(procurement), **payload.dict(exclude_unset=True)}
    data = validated(ProcurementForm, merged, instance=procurement, authority=procurement.authority)
    services.update_procurement(request.user, procurement, data)
    return selectors.procurement_page(pk)


@router.post("/procurements/{pk}/phase", response={200: ProcurementOut, **ERRORS}, auth=SIGNED_IN, tags=["procurements"])
@permitted("procurement.change_phase", load=procurement_by_pk)
def change_phase(request, pk: int, payload: PhaseChangeIn):
    data = validated(PhaseChangeForm, payload.dict())
    services.change_phase(request.user, target(request), data["target"], data["reason"])
    return selectors.procurement_page(pk)


@router.get("/procurements/{pk}/roles", response={200: list[RoleOut], **ERRORS}, auth=SIGNED_IN, tags=["procurements"])
@permitted("procurement.view_roles", load=procurement_by_pk)
def list_roles(request, pk: int):
    return list(selectors.roles_of(target(request)))


@router.post("/procurements/{pk}/roles", response={201: RoleOut, **ERRORS}, auth=SIGNED_IN, tags=["procurements"])
@permitted("procurement.assign_role", load=procurement_by_pk)
def assign_role(request, pk: int, payload: RoleIn):
    data = validated(RoleForm, payload.dict())
    return Status(201, services.assign_role(request.user, target(request), data["user"], data["role"]))


@router.get("/organisations", response={200: list[OrganisationOut], **ERRORS}, auth=ANYONE, tags=["organisations"])
@paginate
def list_organisations(request, kind: str | None = None):
    return selectors.organisations(kind=kind)


@router.post("/organisations", response={201: OrganisationOut, **ERRORS}, auth=SIGNED_IN, tags=["organisations"])
@permitted("organisation.create")
def create_organisation(request, payload: OrganisationIn):
    data = validated(OrganisationForm, payload.dict())
    return Status(201, services.create_organisation(request.user, data))


@router.get("/me/participation", response={200: MyParticipationOut, **ERRORS}, auth=SIGNED_IN, tags=["me"])
@permitted(None)
def my_participation(request):
    """The caller's sign-ups with their needs, answers given signed in, ideas with their reference
    and status, and the updates they asked for. Anonymous answers are not, and cannot be, here."""
    return participation_of(request.user)


@router.get("/accessibility-statement", response={200: AccessibilityStatementOut, **ERRORS}, auth=ANYONE,
            tags=["statements"])
def get_accessibility_statement(request):
    """The accessibility statement (Act 306/2019): the status derived from the automated checks, the
    open known issues and the last review by a person; what each automated check covered."""
    statement = selectors.accessibility_statement()
    assessment = statement["assessment"]
    return {
        "conformance": statement["status"].conformance, "conformance_reasons": list(statement["status"].reasons),
        "declared_conformance": assessment and assessment.conformance, "automated_checks": statement["checks"],
        "assessed_on": assessment and assessment.assessed_on,
        "method": assessment.method if assessment else {}, "contact_email": assessment and assessment.contact_email,
        "known_issues": statement["issues"], "supervisory_authority": accessibility.SUPERVISORY_AUTHORITY,
    }


@router.post("/accessibility-statement/feedback", response={201: AccessibilityFeedbackOut, **ERRORS, 429: ErrorOut},
             auth=PUBLIC_WRITE, tags=["statements"])
@decorate_view(rate_limited("proposal"))
def send_accessibility_feedback(request, payload: AccessibilityFeedbackIn):
    """Anyone may send feedback; it is answered within 14 days (``answer_by``)."""
    return Status(201, accessibility.submit_feedback(validated(AccessibilityFeedbackForm, payload.dict())))


@router.get("/privacy-notice", response={200: PrivacyNoticeOut, **ERRORS}, auth=ANYONE, tags=["statements"])
def get_privacy_notice(request):
    """The privacy notice built from the privacy register, with each public procurement's controller."""
    return {
        "personal_data": [{"data": str(n.data), "why": str(n.why), "kept": str(n.kept)}
                     for _name, n in gdpr.register_notices() if n is not None],
        "controllers": [{"procurement": p.pk, "reference": p.reference, "controller": p.authority.name}
                        for p in selectors.controllers()],
    }
