"""The client of an e-tendering notice service's notice-receiving endpoint.

Configured from the environment (``settings.COPROCURE_NOTICE_SERVICE``):
``COPROCURE_NOTICE_SERVICE_URL``, and ``COPROCURE_NOTICE_SERVICE_USER`` /
``COPROCURE_NOTICE_SERVICE_PASSWORD`` sent as HTTP Basic credentials. The notice is POSTed as
XML with an ``Idempotency-Key`` header carrying the notice's UUID: a retry after a time-out
the service did receive returns the first answer, never a second notice. Answers: 200/201 JSON
``{"id", "published_on"}``; 422 JSON ``{"violations": [{"rule", "location", "text"}]}``;
anything else, or no answer, is a failure worth retrying.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date

from django.conf import settings


class Unavailable(Exception):
    """The service did not answer usefully (down, slow, 5xx): try again later."""


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    publication_id: str = ""
    published_on: date | None = None
    violations: tuple[dict, ...] = ()


def config(name: str):
    value = settings.COPROCURE_NOTICE_SERVICE[name]
    return float(value) if name in ("timeout", "backoff", "max_backoff") else int(value) if name == "attempts" else value


def send(xml: bytes, key: str) -> Outcome:
    url = config("url")
    if not url:
        raise Unavailable("COPROCURE_NOTICE_SERVICE_URL is not set")
    request = urllib.request.Request(url, data=xml, method="POST", headers={
        "Content-Type": "application/xml", "Accept": "application/json", "Idempotency-Key": key,
    })
    user, password = config("user"), config("password")
    if user:
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=config("timeout")) as response:
            body = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        if error.code == 422:
            body = json.loads(error.read() or b"{}")
            return Outcome(False, violations=tuple(body.get("violations", ())))
        raise Unavailable(f"HTTP {error.code}") from None
    except (OSError, ValueError) as error:  # refused, reset, timed out, not JSON
        raise Unavailable(type(error).__name__) from None
    published = body.get("published_on")
    return Outcome(True, str(body.get("id", "")), date.fromisoformat(published) if published else None)
