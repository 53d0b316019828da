"""Staff corrections and removals of records entered by mistake."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.errors import ServiceError
from coprocure.web.forms import form_page, posted

from .. import selectors, services
from ..forms import CORRECTIONS
from ._common import FORM, form_context, kras_kept_page, require

# The page to return to after correcting each kind of record.
CORRECTED_BACK = {"member": "contract_detail", "meeting": "contract_detail", "kra": "contract_outcomes",
                  "indicator": "contract_outcomes", "document": "contract_detail"}


def _correctable(request, kind: str, pk: int):
    model, form_class, needs_contract = CORRECTIONS[kind]
    record, contract = selectors.visible_record(request.user, model, pk)
    require(request, "contracts.manage", contract.procurement)
    return record, contract, form_class, needs_contract, reverse(CORRECTED_BACK[kind], args=[contract.pk])


def _kras_kept(request, kind: str, contract, title: str):
    return kras_kept_page(request, contract, title) if kind in ("kra", "indicator") else None


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, pk: int, kind: str):
    record, contract, form_class, needs_contract, back = _correctable(request, kind, pk)
    if refused := _kras_kept(request, kind, contract, _("Correct: %(record)s") % {"record": record}):
        return refused
    form = form_class(posted(request), instance=record, **({"contract": contract} if needs_contract else {}))
    if kind == "member":
        form.fields["deputy_for"].queryset = form.fields["deputy_for"].queryset.exclude(pk=record.pk)
    return form_page(
        request, form, template=FORM, context=form_context(_("Correct: %(record)s") % {"record": record}, contract=contract),
        save=lambda data: services.correct(request.user, record, data), success=_("The correction was saved."),
        next_url=lambda saved: back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_remove(request, pk: int, kind: str):
    record, contract, _form_class, _needs_contract, back = _correctable(request, kind, pk)
    if refused := _kras_kept(request, kind, contract, _("Remove: %(record)s") % {"record": record}):
        return refused
    problem = None
    if request.method == "POST":
        try:
            services.remove(request.user, record)
        except ServiceError as error:
            problem = " ".join(message for items in error.errors.values() for _code, message in items)
        else:
            messages.success(request, _("%(record)s was removed.") % {"record": record})
            return redirect(back)
    return render(request, "contracts/remove.html", {
        "record": record, "contract": contract, "problem": problem, "back": back,
    }, status=409 if problem else 200)
