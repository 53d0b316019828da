"""Open-data endpoints: the OCDS release package of every public procurement, or of one."""

from __future__ import annotations

from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from ninja import Router
from ninja.responses import Status

from coprocure.api.auth import ANYONE
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS
from coprocure.ops import pages as ops_pages
from coprocure.ops import selectors as ops_selectors
from coprocure.ops.api import JobOut, job_out

from .ocds import export, tasks, validation

router = Router(tags=["open data"])


@router.get("/ocds/releases", response={200: dict, **ERRORS}, auth=ANYONE)
def ocds_releases(request):
    """Every public procurement as one OCDS 1.1 release package (docs/ocds.md), streamed while it
    is read. For the whole data set, prefer the day's file (``GET /ocds/releases/package``)."""
    return StreamingHttpResponse(export.stream(request.build_absolute_uri()), content_type="application/json")


def _todays(job) -> dict:
    return job_out(job, page_url=reverse("open_data"), download_url="/api/v1/ocds/releases/package")


@router.post("/ocds/releases/exports", response={202: JobOut, **ERRORS}, auth=ANYONE)
def ocds_releases_export(request):
    """Start today's release package file, or join it when someone started it already: a worker
    writes it once a day for everyone. Follow it with ``GET /ocds/releases/package``."""
    return Status(202, _todays(tasks.todays_package()))


@router.get("/ocds/releases/package", response={200: None, 202: JobOut, **ERRORS}, auth=ANYONE)
def ocds_releases_package(request):
    """Today's release package as a file (``200``, ``ocds-releases.json``) once a worker has
    written it; until then ``202`` with the job that writes it (started by the first to ask).
    This is the documented way to download all open data."""
    job = tasks.todays_package()
    if ops_selectors.downloadable(job):
        return ops_pages.download(job)
    return Status(202, _todays(job))


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
