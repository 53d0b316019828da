"""Open-data endpoints: the OCDS release package of every public procurement, or of one."""

from __future__ import annotations

from django.http import FileResponse, JsonResponse, StreamingHttpResponse
from ninja import Router

from coprocure.api.auth import ANYONE
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS

from .ocds import export, validation

router = Router(tags=["open data"])


@router.get("/ocds/releases", response={200: dict, **ERRORS}, auth=ANYONE)
def ocds_releases(request):
    """Every public procurement as one OCDS 1.1 release package (docs/ocds.md), streamed."""
    return StreamingHttpResponse(export.stream(request.build_absolute_uri()), content_type="application/json")


@router.get("/procurements/{procurement_id}/ocds", response={200: dict, **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(lambda user, pk: export.public_procurement(pk), "procurement_id"))
def procurement_ocds(request, procurement_id: int):
    """One public procurement's OCDS release package. Open data only: a private procurement
    answers 404 to everyone, its own staff included."""
    package = export.package(request.build_absolute_uri(), [target(request)])
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False})


EVALUATION_EXTENSION = validation.SCHEMA_DIR / "extensions" / "coprocure_participationEvaluation_extension"


@router.get("/ocds/extensions/participation-evaluation/extension.json", response={200: dict, **ERRORS}, auth=ANYONE)
def evaluation_extension(request):
    """The metadata of CoProcure's participationEvaluation extension, which every release package names."""
    return FileResponse((EVALUATION_EXTENSION / "extension.json").open("rb"), content_type="application/json")


@router.get("/ocds/extensions/participation-evaluation/release-schema.json", response={200: dict, **ERRORS}, auth=ANYONE)
def evaluation_extension_schema(request):
    """The extension's patch to the OCDS release schema (JSON Merge Patch)."""
    return FileResponse((EVALUATION_EXTENSION / "release-schema.json").open("rb"), content_type="application/json")
