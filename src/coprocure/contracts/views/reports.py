"""A provider's report of measured values: one at a time, or a file checked row by row."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.errors import RowsRejected, ServiceError, message_for
from coprocure.interop import spreadsheets

from .. import selectors, services, tasks
from ..forms import MeasurementForm, UploadForm
from ._common import require

UPLOAD_SALT = "coprocure.contracts.report"
PAGE = "contracts/report.html"


def _report_context(contract, **extra):
    return {"contract": contract, "upload_form": UploadForm(), "entry_form": MeasurementForm(contract=contract),
            "rows": [], "row_errors": [], "signed_rows": "", **extra}


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk: int):
    """Report measurements: one at a time, or a file checked row by row before anything is stored.

    A file's checked table travels back with the preview, signed, so that confirming stores
    exactly what was shown (and is checked once more against reports that arrived meanwhile).
    """
    contract = selectors.visible_contract(request.user, pk)
    require(request, "contracts.report", contract)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "entry":
        return _report_entry(request, contract)
    if action == "preview":
        return _report_preview(request, contract)
    if action == "store":
        return _report_store(request, contract)
    return render(request, PAGE, _report_context(contract))


def _report_entry(request, contract):
    form = MeasurementForm(request.POST, contract=contract)
    if form.is_valid():
        try:
            services.report_measurements(request.user, contract, form.table(), source="ui")
        except RowsRejected as rejected:
            for problem in rejected.row_errors:
                field = problem.field if problem.field in form.fields else "value"
                form.add_error(field, message_for(problem.code, problem.params))
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("The value was saved."))
            return redirect("contract_report", pk=contract.pk)
    return render(request, PAGE, _report_context(contract, entry_form=form), status=422)


def _report_preview(request, contract):
    form = UploadForm(request.POST, request.FILES)
    context = _report_context(contract, upload_form=form)
    if not form.is_valid():
        return render(request, PAGE, context, status=422)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > spreadsheets.IN_REQUEST_MAX_BYTES:  # read and stored by a worker
            return redirect("job_detail", tasks.start_import(request.user, contract, upload).pk)
        table = spreadsheets.read_upload(upload)
    except ServiceError as error:
        error.add_to_form(form)
        return render(request, PAGE, context, status=422)
    rows, errors = services.check_report(contract, table)
    context.update(rows=rows, row_errors=[(e, message_for(e.code, e.params)) for e in errors], previewed=True,
                   signed_rows=signing.dumps(_plain_table(table), salt=UPLOAD_SALT) if not errors else "")
    return render(request, PAGE, context, status=422 if errors else 200)


def _report_store(request, contract):
    try:
        table = signing.loads(request.POST.get("rows", ""), salt=UPLOAD_SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, _("The checked report has expired. Please upload the file again."))
        return redirect("contract_report", pk=contract.pk)
    try:
        stored = services.report_measurements(request.user, contract, table, source="upload")
    except RowsRejected as rejected:
        context = _report_context(contract, row_errors=[(e, message_for(e.code, e.params)) for e in rejected.row_errors],
                                  previewed=True)
        return render(request, PAGE, context, status=422)
    messages.success(request, _("The report was saved: %(count)s values.") % {"count": len(stored)})
    return redirect("contract_outcomes", pk=contract.pk)


def _plain_table(table: list[list]) -> list[list]:
    """Cells as text the signer can carry (dates in ISO form, numbers exactly)."""
    def plain(cell):
        if isinstance(cell, datetime):
            return cell.date().isoformat()
        if isinstance(cell, date):
            return cell.isoformat()
        return None if cell is None else str(cell)

    return [[plain(cell) for cell in row] for row in table]
