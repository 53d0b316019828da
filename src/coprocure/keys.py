"""The deployment's keys, read where settings.py asks for them, never from the data directory.

A deployment is given its keys (environment or a 0600 key file outside the data directory) and
refuses to start without them; only the demo (`make run`, the tests) generates them into its
data directory. docs/security.md has the threat model these rules serve.
"""

from __future__ import annotations

import base64
import os
import secrets
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def secret_key(var_dir: Path, demo: bool) -> str:
    """The configured key; a deployment refuses to start without one, the demo keeps one
    generated key in var/ (mode 0600)."""
    if key := os.environ.get("COPROCURE_SECRET_KEY"):
        return key
    if not demo:
        raise ImproperlyConfigured("Set COPROCURE_SECRET_KEY: it is generated only for the demo (COPROCURE_DEMO=1).")
    return _generated(var_dir, var_dir / "secret_key", lambda: secrets.token_urlsafe(50))


def bid_key(var_dir: Path, demo: bool) -> str:
    """The key that wraps each tender's bid-opening key (docs/sealed-bids.md). A deployment takes
    it from the environment (COPROCURE_BID_KEY) or from a key file readable by its owner only
    (COPROCURE_BID_KEY_FILE, mode 0600) outside the data directory, and refuses to start
    otherwise: a key kept beside the database would let whoever copies the data directory open
    every sealed bid. Only the demo generates one, into var/bid_key with mode 0600."""
    if key := os.environ.get("COPROCURE_BID_KEY"):
        return key
    if os.environ.get("COPROCURE_BID_KEY_FILE"):
        return _key_file(var_dir, "COPROCURE_BID_KEY_FILE")
    if not demo:
        raise ImproperlyConfigured("Set COPROCURE_BID_KEY or COPROCURE_BID_KEY_FILE (a 0600 file outside the data "
                                   "directory): the bid key is never generated beside the data outside the demo.")
    return _generated(var_dir, var_dir / "bid_key", lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())


def suomifi_signing_key(var_dir: Path, demo: bool, enabled: bool) -> str:
    """The private key (PEM) that signs the client assertions of Suomi.fi's token endpoint
    (private_key_jwt, accounts/suomifi_client.py). Like the bid key: from the environment
    (COPROCURE_SUOMIFI_SIGNING_KEY) or a 0600 file outside the data directory
    (COPROCURE_SUOMIFI_SIGNING_KEY_FILE); generated into var/ only for the demo, and asked for
    only when Suomi.fi sign-in is configured."""
    if key := os.environ.get("COPROCURE_SUOMIFI_SIGNING_KEY"):
        return key
    if os.environ.get("COPROCURE_SUOMIFI_SIGNING_KEY_FILE"):
        return _key_file(var_dir, "COPROCURE_SUOMIFI_SIGNING_KEY_FILE")
    if not enabled:
        return ""
    if not demo:
        raise ImproperlyConfigured("Set COPROCURE_SUOMIFI_SIGNING_KEY or COPROCURE_SUOMIFI_SIGNING_KEY_FILE (a 0600 file "
                                   "outside the data directory): Suomi.fi's token endpoint takes only signed assertions.")
    return _generated(var_dir, var_dir / "suomifi_signing_key.pem", _rsa_pem)


def _rsa_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def _key_file(var_dir: Path, variable: str) -> str:
    """A key file a deployment names: it must exist, be readable by its owner only and lie
    outside the data directory (whoever copies the data must not get the key with it)."""
    path = Path(os.environ[variable]).resolve()
    if not path.is_file():
        raise ImproperlyConfigured(f"{variable} {path} does not exist.")
    if path.stat().st_mode & 0o077:
        raise ImproperlyConfigured(f"{variable} {path} is readable by others: chmod 600 it.")
    if path.is_relative_to(var_dir.resolve()):
        raise ImproperlyConfigured(f"{variable} {path} is inside the data directory {var_dir}: keep it apart.")
    return path.read_text().strip()


def _generated(var_dir: Path, path: Path, make) -> str:
    """A demo key file, created readable by its owner only (never readable by others, even briefly).
    Several server workers start at once: each writes a complete key to its own temporary file
    and links it into place, so the first link wins and nobody reads a half-written key."""
    var_dir.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        descriptor, temporary = tempfile.mkstemp(dir=var_dir, prefix=f".{path.name}.")  # mode 0600
        try:
            with os.fdopen(descriptor, "w") as file:
                file.write(make())
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_text().strip()
