"""The requests of the anonymous answering flow leave no trace that names or times the sender.

Reading a survey's form, getting a token, sending answers, the thank-you page and leaving a
follow-up address are marked ``unlinkable`` (pages and API alike):

- an API token used in the request is not stamped with its last use
  (``api.auth.stamp_last_use``), whose time would sit next to the answer's;
- the session is not saved, so its row's transaction id and expiry do not move at the moment
  of answering;
- Django does not log the response (``django.request`` logs every 4xx with the path, and a
  process supervisor adds the time to each line).

An anonymous survey's answer also does not authenticate its caller at all: the survey is loaded
without asking who is there (``selectors.answering_survey``) and the API asks for no session or
token (``api.surveys.AnswerCaller``). The web server's own access log is the operator's to turn
off (docs/security.md).
"""

from __future__ import annotations

import functools


def quiet(request, response):
    """Mark one request and its response as unlinkable."""
    request.unlinkable = True
    session = getattr(request, "session", None)
    if session is not None:
        # Nothing in the answering flow writes to the session; should anything ever, it is not
        # saved in these requests.
        session.modified = False
    response._has_been_logged = True  # django.utils.log.log_response leaves it alone
    return response


def unlinkable(view):
    """Decorate a view (or, through ninja's ``decorate_view``, an API operation)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.unlinkable = True
        return quiet(request, view(request, *args, **kwargs))

    return wrapped
