"""Sealing bids until opening (the scheme is described in docs/sealed-bids.md).

Each tender gets an X25519 key pair when it is published. Its public key seals bids; its
private key is stored only wrapped (Fernet) by ``settings.COPROCURE_BID_KEY`` and is unwrapped
at one moment: when an official opens the bids after the deadline. So neither a database dump
nor anyone using the running application can read a bid before opening, and the server cannot
either, because sealing never needs the private key.
"""

from __future__ import annotations

import json
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from coprocure.domain.scoring import commitment

SCHEME = b"coprocure-sealed-bid-v1"
RAW = serialization.Encoding.Raw


class SealError(Exception):
    """A sealed bid or tender key that cannot be opened with this installation's key."""


def _wrapper() -> Fernet:
    return Fernet(settings.COPROCURE_BID_KEY.encode())


def new_tender_keys() -> tuple[bytes, bytes]:
    """(public key, wrapped private key) for a tender being published."""
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes(RAW, serialization.PublicFormat.Raw)
    secret = private.private_bytes(RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    return public, _wrapper().encrypt(secret)


def new_draw_seed() -> tuple[str, bytes]:
    """(commitment, wrapped seed) for the draw made at the opening: the seed's SHA-256 is shown,
    the seed itself stored only wrapped until the award reveals it."""
    seed = secrets.token_hex(32)
    return commitment(seed), _wrapper().encrypt(seed.encode())


def unwrap_draw_seed(wrapped: bytes) -> str:
    try:
        return _wrapper().decrypt(bytes(wrapped)).decode()
    except InvalidToken as error:
        raise SealError("the draw's seed cannot be unwrapped with this installation's bid key") from error


def _content_key(shared: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SCHEME).derive(shared)


def _bound_to(tender_id: int, bid_id: int) -> bytes:
    # Authenticated with the ciphertext, so a sealed content cannot be moved to another bid.
    return SCHEME + f":{tender_id}:{bid_id}".encode()


def _seal(public_key: bytes, binding: bytes, plaintext: bytes) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    key = _content_key(ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key)))
    nonce = os.urandom(12)
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, binding)
    return ephemeral.public_key().public_bytes(RAW, serialization.PublicFormat.Raw) + nonce + ciphertext


def _unseal(private_key: X25519PrivateKey, binding: bytes, sealed: bytes) -> bytes:
    sealed = bytes(sealed)
    ephemeral, nonce, ciphertext = sealed[:32], sealed[32:44], sealed[44:]
    key = _content_key(private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral)))
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, binding)
    except InvalidTag:
        raise SealError("the sealed content does not belong here or was altered") from None


def seal(public_key: bytes, tender_id: int, bid_id: int, content: dict) -> bytes:
    return _seal(public_key, _bound_to(tender_id, bid_id), json.dumps(content, sort_keys=True).encode())


def seal_attachment(public_key: bytes, tender_id: int, bid_id: int, attachment_id: int, name: str, kind: str,
                    data: bytes) -> bytes:
    """A file with its name and kind, sealed like the bid it belongs to: the name is as secret as the content."""
    header = json.dumps({"name": name, "kind": kind}, sort_keys=True).encode()
    return _seal(public_key, _bound_to(tender_id, bid_id) + f":attachment:{attachment_id}".encode(),
                 header + b"\n" + data)


def unwrap(wrapped_private_key: bytes) -> X25519PrivateKey:
    try:
        return X25519PrivateKey.from_private_bytes(_wrapper().decrypt(bytes(wrapped_private_key)))
    except InvalidToken:
        raise SealError("the tender key was not wrapped with this installation's bid key") from None


def unseal(private_key: X25519PrivateKey, tender_id: int, bid_id: int, sealed: bytes) -> dict:
    return json.loads(_unseal(private_key, _bound_to(tender_id, bid_id), sealed))


def unseal_attachment(private_key: X25519PrivateKey, tender_id: int, bid_id: int, attachment_id: int,
                      sealed: bytes) -> tuple[str, str, bytes]:
    """(name, kind, data) of a sealed attachment."""
    plaintext = _unseal(private_key, _bound_to(tender_id, bid_id) + f":attachment:{attachment_id}".encode(), sealed)
    header, _newline, data = plaintext.partition(b"\n")
    meta = json.loads(header)
    return meta["name"], meta["kind"], data
