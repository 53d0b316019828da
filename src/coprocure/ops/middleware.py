"""First in the middleware list: answers the probes and the metrics (ops.views), and gives
every other request an id, its metric and one JSON log line (ops.logs)."""

from __future__ import annotations

import logging
import time
import uuid

from . import logs, metrics, views

request_log = logging.getLogger("coprocure.request")


class OperationsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if probe := views.ROUTES.get(request.path_info):
            return probe(request)
        sent = request.headers.get("X-Request-ID", "")
        request_id = sent if logs.VALID_REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
        # Django logs a 4xx or 5xx after the middleware has returned: its record carries the
        # request, and the formatter reads the id from there.
        request.request_id = request_id
        token = logs.bind_request_id(request_id)
        try:
            started = time.perf_counter()
            response = self.get_response(request)
            elapsed = time.perf_counter() - started
            response["X-Request-ID"] = request_id
            # The anonymous answering flow leaves neither a line nor a sample (participation.unlinkable).
            if not getattr(request, "unlinkable", False):
                route = _route(request)
                metrics.observe(request.method, route, response.status_code, elapsed)
                request_log.info("request", extra={"method": request.method, "route": route,
                                                   "status": response.status_code,
                                                   "duration_ms": round(elapsed * 1000, 1)})
            return response
        finally:
            logs.unbind_request_id(token)


def _route(request) -> str:
    """The pattern that matched (``/procurements/<int:pk>/``), never the path: no ids, no query."""
    match = getattr(request, "resolver_match", None)
    return f"/{match.route}" if match is not None else "unmatched"
