"""The probes and the metrics, answered by ``ops.middleware.OperationsMiddleware`` before any
other middleware: a load balancer asks by the host's address over plain HTTP, with no session
and no language, and must get the same answer a browser cannot be redirected away from (no
HTTPS or language redirect, no host check, no two-factor step). Never cached."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound, JsonResponse
from prometheus_client import CONTENT_TYPE_LATEST

from . import metrics, probes


def _uncached(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def healthz(request) -> HttpResponse:
    """The process is alive and answers; the database is not asked."""
    return _uncached(JsonResponse({"status": "alive"}))


def readyz(request) -> HttpResponse:
    checks = probes.readiness()
    ready = all(result == "ok" for result in checks.values())
    return _uncached(JsonResponse({"status": "ready" if ready else "not ready", "checks": checks},
                                  status=200 if ready else 503))


def metrics_view(request) -> HttpResponse:
    """Prometheus text format, for a scraper that sends ``Authorization: Bearer <token>`` with
    COPROCURE_METRICS_TOKEN. Without a configured token the route does not exist."""
    token = settings.COPROCURE_METRICS_TOKEN
    sent = request.headers.get("Authorization", "")
    if not token or not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return _uncached(HttpResponseNotFound())
    return _uncached(HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST))


ROUTES = {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics_view}
