"""A tiny OpenID Connect provider on loopback: discovery, JWKS, authorisation, token and userinfo,
with id_tokens really signed with RS256, so that sign-in is tested as a browser and a provider
would run it and not against mocks.

Set ``encrypt_to`` (the client's public key) and it behaves as Suomi.fi e-Identification does:
the ID token and the user info are signed and then encrypted to the client (JWE, RSA-OAEP-256
and A256GCM), the user info is served as ``application/jwt``, and ``acr`` asserts the level of
assurance asked for in ``acr_values`` (override it with ``token_extra``).

Set ``client_jwks`` (the JWKS the client publishes, as Suomi.fi reads it from the client's
metadata) and the token endpoint takes only ``private_key_jwt``: a client assertion signed with
RS256 by a key of that JWKS, whose issuer and subject are the client id, whose audience is the
token endpoint, unexpired and with a ``jti`` never seen before; a client secret is refused. Each
refusal's reason is kept in ``refusals``. The end-session endpoint (RP-initiated logout) ends
the session named by a valid ``id_token_hint`` and returns to a registered
``post_logout_redirect_uri`` with the ``state``; ``sessions`` holds the sessions still open."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

CLIENT_ID = "coprocure-test"
CLIENT_SECRET = "test-secret"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _int(value: int) -> str:
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _uint(part: str) -> int:
    return int.from_bytes(_unb64(part), "big")


class FakeProvider:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key"
        self.person: dict = {}          # the claims of whoever signs in next
        self.token_extra: dict = {}     # extra or overriding id_token claims (amr, acr, aud…)
        self.codes: dict[str, dict] = {}
        self.encrypt_to = None          # the client's public key: encrypt tokens to it (Suomi.fi)
        self.requests: list[dict] = []  # the query of every authorisation request
        self.access: dict[str, dict] = {}
        self.client_jwks: dict | None = None      # set: private_key_jwt only (Suomi.fi)
        self.seen_jti: set[str] = set()
        self.assertions: list[str] = []           # every client assertion received
        self.refusals: list[str] = []             # why a token request or sign-out was refused
        self.sessions: dict[str, str] = {}        # sid -> subject of each session still open
        self.post_logout_redirect_uris: set[str] = set()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "token_endpoint_auth_methods_supported": ["private_key_jwt"] if self.client_jwks else ["client_secret_post"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self) -> dict:
        numbers = self.key.public_key().public_numbers()
        return {"keys": [{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": self.kid,
                          "n": _int(numbers.n), "e": _int(numbers.e)}]}

    def sign(self, claims: dict, key=None) -> str:
        header = b64url(json.dumps({"alg": "RS256", "typ": "JWT", "kid": self.kid}).encode())
        body = b64url(json.dumps(claims).encode())
        signature = (key or self.key).sign(f"{header}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{header}.{body}.{b64url(signature)}"

    def encrypt(self, plaintext: str) -> str:
        """Compact JWE to the client's public key: RSA-OAEP-256 wraps an A256GCM content key."""
        header = b64url(json.dumps({"alg": "RSA-OAEP-256", "enc": "A256GCM", "cty": "JWT", "kid": "client"}).encode())
        key, iv = AESGCM.generate_key(bit_length=256), secrets.token_bytes(12)
        wrapped = self.encrypt_to.encrypt(key, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(),
                                                            label=None))
        sealed = AESGCM(key).encrypt(iv, plaintext.encode(), header.encode("ascii"))
        return ".".join([header, b64url(wrapped), b64url(iv), b64url(sealed[:-16]), b64url(sealed[-16:])])

    def seal(self, claims: dict) -> str:
        signed = self.sign(claims)
        return self.encrypt(signed) if self.encrypt_to is not None else signed

    def _verified(self, token: str, keys: list[dict]) -> dict | None:
        """The claims of a compact RS256 JWT signed by one of ``keys`` (matched by kid); None if not."""
        try:
            header_part, body_part, signature = token.split(".")
            header = json.loads(_unb64(header_part))
            key = next(k for k in keys if k.get("kid") == header.get("kid") and k.get("use", "sig") == "sig")
            if header.get("alg") != "RS256":
                return None
            public = rsa.RSAPublicNumbers(_uint(key["e"]), _uint(key["n"])).public_key()
            public.verify(_unb64(signature), f"{header_part}.{body_part}".encode(), padding.PKCS1v15(), hashes.SHA256())
            return json.loads(_unb64(body_part))
        except Exception:  # noqa: BLE001 - a provider answers anything malformed with a refusal
            return None

    def client_authenticated(self, form: dict) -> bool:
        if self.client_jwks is None:
            return form.get("client_id") == CLIENT_ID and form.get("client_secret") == CLIENT_SECRET
        reason = self._assertion_refused(form)
        if reason:
            self.refusals.append(reason)
        return reason is None

    def _assertion_refused(self, form: dict) -> str | None:
        if "client_secret" in form:
            return "client_secret"
        if form.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
            return "assertion_type"
        self.assertions.append(form.get("client_assertion", ""))
        claims = self._verified(form.get("client_assertion", ""), self.client_jwks["keys"])
        if claims is None:
            return "signature"
        if claims.get("iss") != CLIENT_ID or claims.get("sub") != CLIENT_ID:
            return "issuer"
        if claims.get("aud") != f"{self.issuer}/token":
            return "audience"
        if not isinstance(claims.get("exp"), int) or claims["exp"] <= time.time() or claims["exp"] > time.time() + 600:
            return "expired"
        if not claims.get("jti") or claims["jti"] in self.seen_jti:
            return "jti_reused"
        self.seen_jti.add(claims["jti"])
        return None

    def _handler(provider):  # noqa: N805 - the handler closes over the provider
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status, data):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    return self._json(200, provider.discovery())
                if url.path == "/jwks":
                    return self._json(200, provider.jwks())
                if url.path == "/logout":
                    hint = provider._verified(query.get("id_token_hint", ""), provider.jwks()["keys"])
                    back = query.get("post_logout_redirect_uri", "")
                    if hint is None or hint.get("aud") != CLIENT_ID or back not in provider.post_logout_redirect_uris:
                        provider.refusals.append("logout")
                        return self._json(400, {"error": "invalid_request"})
                    provider.sessions.pop(hint.get("sid"), None)
                    self.send_response(302)
                    self.send_header("Location", f"{back}?{urlencode({'state': query.get('state', '')})}")
                    self.end_headers()
                    return None
                if url.path == "/authorize":
                    if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                        return self._json(400, {"error": "invalid_request"})
                    code, sid = secrets.token_urlsafe(16), secrets.token_urlsafe(8)
                    provider.requests.append(query)
                    provider.sessions[sid] = provider.person.get("sub")
                    provider.codes[code] = {"sid": sid, "nonce": query.get("nonce"), "redirect_uri": query["redirect_uri"],
                                            "challenge": query.get("code_challenge"), "person": dict(provider.person),
                                            "acr": (query.get("acr_values") or "").split(" ")[0] or None}
                    self.send_response(302)
                    self.send_header("Location", f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}")
                    self.end_headers()
                    return None
                if url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.access:
                        return self._json(401, {"error": "invalid_token"})
                    if provider.encrypt_to is None:
                        return self._json(200, provider.access[token])
                    body = provider.seal({"iss": provider.issuer, "aud": CLIENT_ID, **provider.access[token]}).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/jwt")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return None
                return self._json(404, {"error": "not_found"})

            def do_POST(self):
                if urlparse(self.path).path != "/token":
                    return self._json(404, {"error": "not_found"})
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
                grant = provider.codes.pop(form.get("code"), None)
                if not provider.client_authenticated(form):
                    return self._json(401, {"error": "invalid_client"})
                if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
                    return self._json(400, {"error": "invalid_grant"})
                verifier = form.get("code_verifier", "")
                if grant["challenge"] and b64url(hashlib.sha256(verifier.encode()).digest()) != grant["challenge"]:
                    return self._json(400, {"error": "invalid_grant"})
                person = grant["person"]
                now = int(time.time())
                claims = {"iss": provider.issuer, "sub": person["sub"], "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                          "nonce": grant["nonce"], "sid": grant["sid"], **({"acr": grant["acr"]} if grant["acr"] else {}),
                          **provider.token_extra}
                access = secrets.token_urlsafe(16)
                provider.access[access] = person
                return self._json(200, {"access_token": access, "token_type": "Bearer", "expires_in": 300,
                                        "id_token": provider.seal(claims)})

        return Handler
