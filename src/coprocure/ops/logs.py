"""Log lines as JSON, one per line, each carrying the id of the request it was written in.

Nothing personal goes in: the request line names the route pattern (``procurements/<int:pk>/``),
never the path with its query string; no user is named; the anonymous answering flow writes no
line at all (``request.unlinkable``, participation.unlinkable). As a last guard every message
goes through the same redaction as free text (``domain.privacy.redact``), so an e-mail address,
phone number or identity code another library puts in a message is replaced by a marker. An
exception is logged by its type and stack only: its message may quote what someone typed.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import traceback
from datetime import datetime, timezone

from coprocure.domain import privacy

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
# What a client may send as X-Request-ID: a proxy's or tracer's id, not free text.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# Fields the request line (ops.middleware) passes with ``extra=``.
REQUEST_FIELDS = ("method", "route", "status", "duration_ms")


def current_request_id() -> str | None:
    return _request_id.get()


def bind_request_id(request_id: str) -> contextvars.Token:
    return _request_id.set(request_id)


def unbind_request_id(token: contextvars.Token) -> None:
    _request_id.reset(token)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message, _redacted = privacy.redact(record.getMessage())
        line = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": message,
        }
        if request_id := _request_id.get() or getattr(getattr(record, "request", None), "request_id", None):
            line["request_id"] = request_id
        line.update({field: getattr(record, field) for field in REQUEST_FIELDS if hasattr(record, field)})
        if record.exc_info and record.exc_info[0] is not None:
            kind, _value, trace = record.exc_info
            line["exception"] = kind.__qualname__
            line["stack"] = "".join(traceback.format_tb(trace))
        return json.dumps(line, ensure_ascii=False)
