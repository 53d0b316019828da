"""A tiny OpenID Connect provider on loopback: discovery, JWKS, authorisation, token and userinfo,
with id_tokens really signed with RS256, so that sign-in is tested as a browser and a provider
would run it and not against mocks.

Set ``encrypt_to`` (the client's public key) and it behaves as Suomi.fi e-Identification does:
the ID token and the user info are signed and then encrypted to the client (JWE, RSA-OAEP-256
and A256GCM), the user info is served as ``application/jwt``, and ``acr`` asserts the level of
assurance asked for in ``acr_values`` (override it with ``token_extra``)."""

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
                if url.path == "/authorize":
                    if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                        return self._json(400, {"error": "invalid_request"})
                    code = secrets.token_urlsafe(16)
                    provider.requests.append(query)
                    provider.codes[code] = {"nonce": query.get("nonce"), "redirect_uri": query["redirect_uri"],
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
                if (grant is None or form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET
                        or form.get("redirect_uri") != grant["redirect_uri"]):
                    return self._json(400, {"error": "invalid_grant"})
                verifier = form.get("code_verifier", "")
                if grant["challenge"] and b64url(hashlib.sha256(verifier.encode()).digest()) != grant["challenge"]:
                    return self._json(400, {"error": "invalid_grant"})
                person = grant["person"]
                now = int(time.time())
                claims = {"iss": provider.issuer, "sub": person["sub"], "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                          "nonce": grant["nonce"], **({"acr": grant["acr"]} if grant["acr"] else {}),
                          **provider.token_extra}
                access = secrets.token_urlsafe(16)
                provider.access[access] = person
                return self._json(200, {"access_token": access, "token_type": "Bearer", "expires_in": 300,
                                        "id_token": provider.seal(claims)})

        return Handler
