"""Small helpers shared by every app's views."""

from coprocure.core.ratelimit import refuse_if_limited
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
