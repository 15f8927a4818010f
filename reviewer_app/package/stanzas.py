"""Recipient stanzas: how the file key is wrapped for a passphrase or an X25519 key."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from reviewer_app.package import format as fmt
from reviewer_app.package.format import FormatViolation, LimitViolation

WRAPPED_SIZE = fmt.KEY_SIZE + fmt.TAG_SIZE  # 48


@dataclass(frozen=True)
class Argon2Params:
    memory_kib: int = fmt.ARGON2_DEFAULT_MEMORY_KIB
    iterations: int = fmt.ARGON2_DEFAULT_ITERATIONS
    lanes: int = fmt.ARGON2_DEFAULT_LANES

    def check(self) -> None:
        """Raise LimitViolation / FormatViolation for parameters a reader refuses."""
        fmt.json_int(self.lanes, "argon2id lanes", 1, fmt.ARGON2_MAX_LANES)
        fmt.json_int(self.iterations, "argon2id iterations", 1, fmt.ARGON2_MAX_ITERATIONS)
        fmt.json_int(self.memory_kib, "argon2id memory_kib", 8 * self.lanes,
                     fmt.ARGON2_MAX_MEMORY_KIB)


@dataclass(frozen=True)
class PassphraseStanza:
    salt: bytes
    params: Argon2Params
    body: bytes

    def to_json(self) -> dict[str, Any]:
        return {"type": "argon2id", "salt": fmt.b64encode(self.salt),
                "memory_kib": self.params.memory_kib, "iterations": self.params.iterations,
                "lanes": self.params.lanes, "body": fmt.b64encode(self.body)}


@dataclass(frozen=True)
class X25519Stanza:
    key_id: str
    ephemeral: bytes
    body: bytes

    def to_json(self) -> dict[str, Any]:
        return {"type": "x25519", "key_id": self.key_id,
                "ephemeral": fmt.b64encode(self.ephemeral), "body": fmt.b64encode(self.body)}


@dataclass(frozen=True)
class UnknownStanza:
    """A stanza type this reader does not know: kept (the header is signed), never used."""

    type: str
    raw: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return dict(self.raw)


Stanza = PassphraseStanza | X25519Stanza | UnknownStanza

_ARGON2_KEYS = frozenset({"type", "salt", "memory_kib", "iterations", "lanes", "body"})
_X25519_KEYS = frozenset({"type", "key_id", "ephemeral", "body"})


def parse_stanza(obj: Any, index: int) -> Stanza:
    where = f"stanza {index}"
    if not isinstance(obj, dict):
        raise FormatViolation(f"{where} is not an object")
    kind = obj.get("type")
    if not isinstance(kind, str) or not 0 < len(kind) <= fmt.MAX_STANZA_TYPE_LEN:
        raise FormatViolation(f"{where} has no valid type")
    if kind == "argon2id":
        if set(obj) != _ARGON2_KEYS:
            raise FormatViolation(f"{where} (argon2id) has keys {sorted(obj)[:8]}")
        params = Argon2Params(obj["memory_kib"], obj["iterations"], obj["lanes"])
        try:
            params.check()
        except (FormatViolation, LimitViolation) as exc:
            raise type(exc)(f"{where}: {exc}") from None
        return PassphraseStanza(
            fmt.b64decode_exact(obj["salt"], fmt.ARGON2_SALT_SIZE, f"{where} salt"), params,
            fmt.b64decode_exact(obj["body"], WRAPPED_SIZE, f"{where} body"))
    if kind == "x25519":
        if set(obj) != _X25519_KEYS:
            raise FormatViolation(f"{where} (x25519) has keys {sorted(obj)[:8]}")
        fmt.hex_exact(obj["key_id"], 8, f"{where} key_id")
        return X25519Stanza(
            obj["key_id"], fmt.b64decode_exact(obj["ephemeral"], 32, f"{where} ephemeral"),
            fmt.b64decode_exact(obj["body"], WRAPPED_SIZE, f"{where} body"))
    return UnknownStanza(kind, obj)


# --- wrap keys ------------------------------------------------------------------

def argon2_wrap_key(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    kdf = Argon2id(salt=salt, length=fmt.KEY_SIZE, iterations=params.iterations,
                   lanes=params.lanes, memory_cost=params.memory_kib)
    with fmt.passphrase_buffer(passphrase) as secret:
        return kdf.derive(secret)


class AllZeroSharedSecret(ValueError):
    """X25519 produced the all-zero secret: the ephemeral share is a low-order point."""


def x25519_wrap_key(shared_secret: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    if shared_secret == bytes(32):
        raise AllZeroSharedSecret("all-zero x25519 shared secret")
    return fmt.hkdf_sha256(shared_secret, ephemeral + recipient, fmt.X25519_INFO)


def x25519_exchange(private_key: X25519PrivateKey, peer: bytes) -> bytes:
    try:
        return private_key.exchange(X25519PublicKey.from_public_bytes(peer))
    except ValueError:
        # cryptography refuses the all-zero output itself; same meaning.
        raise AllZeroSharedSecret("all-zero x25519 shared secret") from None


def wrap(wrap_key: bytes, file_key: bytes, package_id: bytes) -> bytes:
    # A zero nonce is safe only because every wrap key is used once: fresh salt or
    # fresh ephemeral per stanza (a MUST for writers, see formats.md).
    return AESGCM(wrap_key).encrypt(fmt.WRAP_NONCE, file_key, fmt.wrap_aad(package_id))


def unwrap(wrap_key: bytes, body: bytes, package_id: bytes) -> bytes | None:
    """The file key, or None when the body does not authenticate under this wrap key."""
    try:
        return AESGCM(wrap_key).decrypt(fmt.WRAP_NONCE, body, fmt.wrap_aad(package_id))
    except InvalidTag:
        return None


def make_passphrase_stanza(passphrase: str, file_key: bytes, package_id: bytes,
                           params: Argon2Params, salt: bytes | None = None) -> PassphraseStanza:
    salt = os.urandom(fmt.ARGON2_SALT_SIZE) if salt is None else salt
    body = wrap(argon2_wrap_key(passphrase, salt, params), file_key, package_id)
    return PassphraseStanza(salt, params, body)


def make_x25519_stanza(recipient: bytes, file_key: bytes, package_id: bytes,
                       ephemeral: X25519PrivateKey | None = None) -> X25519Stanza:
    ephemeral = ephemeral or X25519PrivateKey.generate()
    eph_pub = ephemeral.public_key().public_bytes_raw()
    shared = x25519_exchange(ephemeral, recipient)
    body = wrap(x25519_wrap_key(shared, eph_pub, recipient), file_key, package_id)
    return X25519Stanza(fmt.key_id(recipient), eph_pub, body)
