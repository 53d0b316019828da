"""Answers collected on paper or by interview, typed in several people at a time."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from coprocure.errors import ServiceError, message_for
from coprocure.web.forms import posted

from .. import selectors, services
from ..forms import AnswerForm, BatchForm
from ._common import require

BATCH_SIZES = (1, 5, 10, 20, 50)


def _batch_size(request) -> int:
    raw = (request.POST if request.method == "POST" else request.GET).get("count", "")
    return int(raw) if raw.isdigit() and int(raw) in BATCH_SIZES else 5


@login_required
@require_http_methods(["GET", "POST"])
def batch_enter(request, pk: int):
    """Staff or peers type in answers collected on paper or by interview, several people at once.
    Empty forms are skipped; nothing is stored unless every filled form is accepted."""
    survey = selectors.visible_survey(request.user, pk)
    require(request, "participation.enter_answers", survey.procurement)
    count = _batch_size(request)
    batch = BatchForm(posted(request), initial={"count": count})
    entries = [AnswerForm(posted(request), survey=survey, prefix=f"p{number}") for number in range(1, count + 1)]
    if request.method == "POST":
        filled = [(number, form) for number, form in enumerate(entries, start=1) if form.has_changed()]
        valid = batch.is_valid() & all([form.is_valid() for _number, form in filled])
        if not filled:
            batch.add_error(None, message_for("batch_empty"))
        elif valid:
            try:
                saved = services.enter_batch(request.user, survey, batch.cleaned_data["channel"],
                                             batch.cleaned_data["place"],
                                             [{"answers": form.answers(), **form.background()} for _n, form in filled])
            except ServiceError as error:
                _errors_to_forms(error, batch, [form for _number, form in filled])
            else:
                messages.success(request, ngettext(
                    "%(count)s person's answers were saved.", "%(count)s people's answers were saved.", saved.answer_count,
                ) % {"count": saved.answer_count})
                return redirect(f"{reverse('batch_enter', args=[survey.pk])}?count={count}")
    status = 422 if request.method == "POST" else 200
    return render(request, "participation/batch.html", {
        "survey": survey, "procurement": survey.procurement, "batch": batch, "entries": entries,
        "sizes": BATCH_SIZES, "count": count, "is_open": selectors.is_open(survey),
    }, status=status)


def _errors_to_forms(error: ServiceError, batch: BatchForm, filled: list) -> None:
    """Put ``3.q12`` errors on the third filled form's field q12, and the rest on the batch."""
    for field, problems in error.errors.items():
        number, _dot, name = (field or "").partition(".")
        form = filled[int(number) - 1] if number.isdigit() and 0 < int(number) <= len(filled) else None
        target, target_field = (form, name or None) if form is not None else (batch, field if field in batch.fields else None)
        if target_field is not None and target_field not in target.fields:
            target_field = None
        for _code, message in problems:
            target.add_error(target_field, message)
