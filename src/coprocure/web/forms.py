"""Small helpers shared by every app's views."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from coprocure.web.ratelimit import refuse_if_limited
from coprocure.errors import ServiceError


def posted(request):
    """Form data for a POST, None otherwise: an empty POST must still be validated (and fail),
    not be shown again as a fresh form."""
    return request.POST if request.method == "POST" else None


def require(request, permission: str, obj) -> None:
    """A page's permission check: 403 for anyone the rules do not allow."""
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def save_form(form, save):
    """Run a service with a valid form's data; put the service's field errors back on the form,
    and the status it refused with on ``form.refused_status``."""
    if not form.is_valid():
        return None
    try:
        refuse_if_limited()
        return save(dict(form.cleaned_data))
    except ServiceError as error:
        error.add_to_form(form)
        form.refused_status = error.status
        return None


def post_form(request, form, save, *, success: str, next_url: str, page):
    """A form posted to a page that holds several (a stage's workspace): a valid form runs ``save``
    (a service call), says ``success`` and goes to ``next_url``; otherwise ``page(status)`` shows
    the page again with the form's errors, at the status the service refused with (409, 403…), or
    422 for the form's own mistakes."""
    if save_form(form, save):
        messages.success(request, success)
        return redirect(next_url)
    return page(getattr(form, "refused_status", 422))


def act(request, action, *, success: str, next_url: str):
    """An action without a form of its own (a button): run it, then say ``success`` or the
    service's reasons on ``next_url``."""
    try:
        action()
    except ServiceError as error:
        flash_errors(request, error)
    else:
        messages.success(request, success)
    return redirect(next_url)


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
