"""Importing a list of organisations from a spreadsheet: all rows or none."""

from __future__ import annotations

from ninja import File
from ninja.files import UploadedFile
from ninja.responses import Status

from coprocure.api.auth import SIGNED_IN
from coprocure.api.permissions import permitted
from coprocure.api.schemas import ERRORS
from coprocure.errors import RowsRejected
from coprocure.interop import spreadsheets
from coprocure.ops.api import JobOut, job_out

from .. import services, tasks
from ..schemas import ImportOut
from . import router


@router.post("/organisations/import", response={200: ImportOut, 201: ImportOut, **ERRORS}, auth=SIGNED_IN,
             tags=["organisations"])
@permitted("partners.import_organisations")
def import_organisations(request, file: UploadedFile = File(...), dry_run: bool = False):
    """A CSV (semicolons or commas, UTF-8 with or without BOM, or Windows-1252) or XLSX list with
    the columns nimi, tyyppi, y-tunnus and kotikunta; all rows or none. Errors name the row as
    ``rows.N.field`` (the header is row 1). ``dry_run=true`` only checks. A file over 100 kB is
    refused (413): send it to ``POST /organisations/imports``."""
    spreadsheets.refuse_large_in_request(file, "/api/v1/organisations/imports")
    table = spreadsheets.read_upload(file)
    rows, errors = services.check_organisation_list(table)
    if errors:
        raise RowsRejected(errors)
    if not dry_run:
        services.import_organisations(request.user, table)
    body = {"imported": not dry_run, "rows": [
        {"row": r.number, "name": r.name, "kind": r.kind, "business_id": r.business_id, "municipality": r.municipality}
        for r in rows]}
    return Status(200 if dry_run else 201, body)


@router.post("/organisations/imports", response={202: JobOut, **ERRORS}, auth=SIGNED_IN, tags=["organisations"])
@permitted("partners.import_organisations")
def import_organisations_job(request, file: UploadedFile = File(...)):
    """The same import, of a list of any size, by a worker: the file's size and type are checked
    now, its rows by the job. Follow it at ``GET /jobs/{id}``: ``done`` with ``outcome.imported``
    (rows imported), or ``failed`` with ``reason`` ``rejected`` and ``outcome.errors``, each named
    ``rows.N.field`` as above (nothing was imported)."""
    return Status(202, job_out(tasks.start_import(request.user, file)))
