"""A local stand-in for an e-tendering notice service's notice-receiving endpoint. It checks
each notice with the same rules (the SDK's XSDs and schematron), answers 201 with a notice
identifier or 422 with the violations, remembers answers by idempotency key (a repeat gets the
first answer, never a second notice), and can be told to be slow or to fail first."""

from __future__ import annotations

import base64
import json
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeNoticeService:
    def __init__(self, check, user="sender", password="secret"):
        self.check = check              # bytes -> list of violations
        self.credentials = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.answers: dict[str, tuple[int, dict]] = {}
        self.published: list[bytes] = []
        self.requests = 0
        self.fail_first = 0             # this many requests answer 503
        self.delay_first = 0            # this many requests are answered only after `delay` seconds
        self.delay = 0.0
        self.lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status, answer = service.handle(body, self.headers)
                if status is None:
                    return
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/notices"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def handle(self, body: bytes, headers):
        with self.lock:
            self.requests += 1
            number = self.requests
        if headers.get("Authorization") != f"Basic {self.credentials}":
            return 401, {"error": "unauthorised"}
        key = headers.get("Idempotency-Key", "")
        if number <= self.fail_first:
            return 503, {"error": "unavailable"}
        with self.lock:
            if key in self.answers:
                return self.answers[key]
            problems = self.check(body)
            if problems:
                answer = (422, {"violations": [{"rule": p.rule, "location": p.location, "text": p.text} for p in problems]})
            else:
                self.published.append(body)
                answer = (201, {"id": f"{len(self.published):08d}-2027", "published_on": date.today().isoformat()})
            self.answers[key] = answer
        if number <= self.delay_first:
            time.sleep(self.delay)  # the notice was taken in, but the answer comes too late
        return answer

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
