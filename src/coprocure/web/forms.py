"""Small helpers shared by every app's views."""

from django.contrib import messages
from django.shortcuts import redirect, render

from coprocure.web.ratelimit import refuse_if_limited
from coprocure.errors import ServiceError


def posted(request):
    """Form data for a POST, None otherwise: an empty POST must still be validated (and fail),
    not be shown again as a fresh form."""
    return request.POST if request.method == "POST" else None


def save_form(form, save):
    """Run a service with a valid form's data; put the service's field errors back on the form."""
    if not form.is_valid():
        return None
    try:
        refuse_if_limited()
        return save(dict(form.cleaned_data))
    except ServiceError as error:
        error.add_to_form(form)
        return None


def form_page(request, form, *, template: str, save, success: str, next_url, context: dict | None = None,
              status: int = 200):
    """The one staff form page: show the form; on a valid POST run ``save`` (a service call
    taking the cleaned data), say ``success`` and go to ``next_url(saved)``; with mistakes, show
    the form again with its field errors and 422."""
    if request.method == "POST":
        saved = save_form(form, save)
        if saved:
            messages.success(request, success)
            return redirect(next_url(saved))
    return render(request, template, {"form": form, **(context or {})}, status=422 if form.errors else status)


def flash_errors(request, error: ServiceError) -> None:
    """A refused action without a form of its own: its reasons become messages on the next page."""
    for items in error.errors.values():
        for _code, message in items:
            messages.error(request, message)
