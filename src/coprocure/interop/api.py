"""Open-data endpoints: the OCDS release package of every public procurement, or of one."""

from __future__ import annotations

from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from ninja import Router
from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.ops import work
from coprocure.ops.api import JobOut, job_out

from .ocds import export, tasks, validation

router = Router(tags=["open data"])


@router.get("/ocds/releases", response={200: dict, **ERRORS}, auth=ANYONE)
def ocds_releases(request):
    """Every public procurement as one OCDS 1.1 release package (docs/ocds.md), streamed."""
    return StreamingHttpResponse(export.stream(request.build_absolute_uri()), content_type="application/json")


@router.post("/ocds/releases/exports", response={202: JobOut, **ERRORS}, auth=SIGNED_IN)
def ocds_releases_export(request):
    """The same package written to a file by a worker (long work): follow the job at
    ``GET /jobs/{id}`` and download it from its ``download_url`` when it is ``done``; you also get
    an e-mail with the link. Only you can download it, until ``expires_at``."""
    job = work.start(request.user, tasks.TITLE, tasks.export_releases, "ocds-releases.json", "application/json",
                     request.build_absolute_uri("/api/v1/ocds/releases"))
    return Status(202, job_out(job))


@router.get("/procurements/{procurement_id}/ocds", response={200: dict, **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(lambda user, pk: export.public_procurement(pk), "procurement_id"))
def procurement_ocds(request, procurement_id: int):
    """One public procurement's OCDS release package. Open data only: a private procurement
    answers 404 to everyone, its own staff included."""
    package = export.package(request.build_absolute_uri(), [target(request)])
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False})


# CoProcure's own OCDS extensions, served where every release package names them.
OWN_EXTENSIONS = {name: validation.SCHEMA_DIR / "extensions" / folder for name, folder in export.OWN_EXTENSIONS.items()}
EXTENSION_FILES = ("extension.json", "release-schema.json")


@router.get("/ocds/extensions/{name}/{filename}", response={200: dict, **ERRORS}, auth=ANYONE)
def own_extension(request, name: str, filename: str):
    """The metadata (``extension.json``) or the patch to the OCDS release schema
    (``release-schema.json``, JSON Merge Patch) of CoProcure's extensions:
    ``participation-evaluation`` and ``tie-break``."""
    if name not in OWN_EXTENSIONS or filename not in EXTENSION_FILES:
        raise Http404
    return FileResponse((OWN_EXTENSIONS[name] / filename).open("rb"), content_type="application/json")
