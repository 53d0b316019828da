"""Decrypting the JSON Web Encryption (RFC 7516, compact form) in which Suomi.fi e-Identification
sends the ID token and the user info: a content key wrapped with the client's public RSA key
(RSA-OAEP or RSA-OAEP-256) and the content sealed with AES-GCM. The signed token inside is
then checked as any other (accounts.suomifi).

Twenty lines over ``cryptography`` instead of a JOSE library: only these algorithms are
accepted, so a token cannot choose a weaker one, and nothing else is pulled in."""

from __future__ import annotations

import base64
import json

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_WRAPPING = {"RSA-OAEP": hashes.SHA1, "RSA-OAEP-256": hashes.SHA256}
CONTENT_KEY_BYTES = {"A128GCM": 16, "A192GCM": 24, "A256GCM": 32}


class JWEError(ValueError):
    pass


def _b64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def is_encrypted(token: str) -> bool:
    return isinstance(token, str) and token.count(".") == 4


def decrypt(token: str, private_key) -> str:
    """The plaintext (for Suomi.fi, a signed JWT) of a compact JWE; JWEError for anything else."""
    try:
        protected, wrapped_key, iv, ciphertext, tag = token.split(".")
        header = json.loads(_b64(protected))
        digest = KEY_WRAPPING[header["alg"]]
        size = CONTENT_KEY_BYTES[header["enc"]]
        if header.get("zip"):
            raise JWEError("compressed content is not accepted")
        key = private_key.decrypt(_b64(wrapped_key), padding.OAEP(mgf=padding.MGF1(digest()), algorithm=digest(), label=None))
        if len(key) != size:
            raise JWEError("content key of the wrong size")
        return AESGCM(key).decrypt(_b64(iv), _b64(ciphertext) + _b64(tag), protected.encode("ascii")).decode()
    except JWEError:
        raise
    except (KeyError, TypeError, ValueError, InvalidTag) as error:
        raise JWEError(f"the encrypted token could not be opened ({type(error).__name__})") from None
