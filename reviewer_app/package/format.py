"""RVPKG v1 constants, limits and derivations (docs/formats.md §1).

Everything a reader and a writer must agree on byte for byte lives here, so the
two cannot drift apart.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import struct
import unicodedata
from collections.abc import Iterator
from typing import Any

import blake3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reviewer_app import strictjson

MAGIC = b"\x89RVPK\r\n\x1a"
VERSION = 1
PREAMBLE = struct.Struct(">8sHHI")
PREAMBLE_SIZE = PREAMBLE.size  # 16
SIGNATURE_SIZE = 64
TAG_SIZE = 16
KEY_SIZE = 32
SEGMENT_SIZE = 65536
AEAD_NAME = "AES-256-GCM"

MAX_HEADER_LEN = 65536
MIN_STANZAS, MAX_STANZAS = 1, 16
MAX_MANIFEST_LENGTH = 64 * 1024 * 1024
MAX_MEMBERS = 100_000
MAX_JSON_INT = 2**53 - 1
MAX_ORGANIZER_NAME = 256
MAX_STANZA_TYPE_LEN = 64

ARGON2_MAX_MEMORY_KIB = 1_048_576
ARGON2_MAX_ITERATIONS = 10
ARGON2_MAX_LANES = 16
ARGON2_DEFAULT_MEMORY_KIB = 65536
ARGON2_DEFAULT_ITERATIONS = 3
ARGON2_DEFAULT_LANES = 4
ARGON2_SALT_SIZE = 16

WRAP_NONCE = bytes(12)
WRAP_AAD_PREFIX = b"RVPKG1 wrap"
X25519_INFO = b"RVPKG1 x25519"
MEMBER_INFO_PREFIX = b"RVPKG1 member"
SIGNATURE_CONTEXT = b"RVPKG1 organizer"
MANIFEST_FORMAT = "rvpkg-manifest/1"
MANIFEST_FORMAT_2 = "rvpkg-manifest/2"
MANIFEST_FORMAT_3 = "rvpkg-manifest/3"
"""Format 2 plus the organizer's ``return_recipient`` (docs/formats.md §1.8.2): the
X25519 key that inspection photo packages (§5) are encrypted to."""
MANIFEST_FORMAT_4 = "rvpkg-manifest/4"
"""Format 3's rules (``return_recipient`` optional) plus the panel's commitment text
(``commitment``), its conflict categories (``conflict_categories``) and each seat's
pre-screened ``conflict_hints`` (docs/formats.md §1.8.3)."""
MANIFEST_FORMAT_5 = "rvpkg-manifest/5"
"""A second-round (复议) panel package (docs/formats.md §1.8.4): format 2's seat keys and
suite plus ``second_round`` (the first round's package id, the projects, their
anonymised distribution, and per seat a member sealed to that seat's code)."""
MANIFEST_FORMATS = (MANIFEST_FORMAT, MANIFEST_FORMAT_2, MANIFEST_FORMAT_3, MANIFEST_FORMAT_4,
                    MANIFEST_FORMAT_5)
SEAT_KEY_FORMATS = (MANIFEST_FORMAT_2, MANIFEST_FORMAT_3, MANIFEST_FORMAT_4, MANIFEST_FORMAT_5)
"""Manifest formats whose seats carry ``seat_key`` and which name a ``suite``."""
PHOTOS_FORMAT = "reviewer-app/photos/1"
"""The index (member 0) of an inspection photo package (docs/formats.md §5): an RVPKG
container that a review package reader refuses, and a photo reader asks for."""
SUITE_ED25519 = "ed25519-hkdf-sha256-aes256gcm-blake3"
"""The one algorithm suite of manifest format 2 (docs/formats.md §1.8.1): Ed25519
signatures and seat keys, HKDF-SHA256 derivations, AES-256-GCM, BLAKE3 member digests.
A later suite (e.g. SM2/SM3/SM4) gets another name; readers refuse a name they do
not know as UnsupportedVersion."""
SUITES = (SUITE_ED25519,)
MEMBER_DIGEST_KEY = "blake3"  # the manifest member entry's digest field
MEMBER_DIGEST_SIZE = 32


def segment_count(length: int, segment_size: int = SEGMENT_SIZE) -> int:
    """Segments of a member of ``length`` plaintext bytes (an empty member has one)."""
    return max(1, -(-length // segment_size))


def ciphertext_length(length: int, segment_size: int = SEGMENT_SIZE) -> int:
    """Bytes a member of ``length`` plaintext bytes occupies in the file."""
    return length + TAG_SIZE * segment_count(length, segment_size)


def segment_nonce(index: int, last: bool) -> bytes:
    """u88be(index) || 0x01 if last else 0x00."""
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def hkdf_sha256(ikm: bytes, salt: bytes, info: bytes, length: int = KEY_SIZE) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def member_key(file_key: bytes, package_id: bytes, index: int) -> bytes:
    """HKDF-SHA256(file key, salt = package_id, info = "RVPKG1 member" || u32be(i))."""
    return hkdf_sha256(file_key, package_id, MEMBER_INFO_PREFIX + struct.pack(">I", index))


def member_hasher() -> blake3.blake3:
    """A fresh BLAKE3-256 hasher for a member's plaintext (§1.8, ``blake3``).

    BLAKE3, not SHA-256: the signed digest must be checked on every read, and
    SHA-256 runs at a fifth of AES-GCM's speed on CPUs with AES instructions.
    """
    return blake3.blake3()


def wrap_aad(package_id: bytes) -> bytes:
    return WRAP_AAD_PREFIX + package_id


def key_id(public_key: bytes) -> str:
    """First 8 bytes of SHA-256 of a raw 32-byte public key, lowercase hex."""
    return hashlib.sha256(public_key).digest()[:8].hex()


def fingerprint(public_key: bytes) -> str:
    """Human-comparable fingerprint of a raw 32-byte public key.

    The first 16 bytes of SHA-256(key) as 32 uppercase hex digits in 8 groups of
    4 separated by single spaces, e.g. ``"3F2A 9C01 77B0 …"`` (39 characters).
    """
    digest = hashlib.sha256(public_key).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def signature_message(preamble_and_header: bytes, manifest: bytes) -> bytes:
    """"RVPKG1 organizer" || SHA-256(preamble || header) || SHA-256(manifest plaintext)."""
    return (SIGNATURE_CONTEXT + hashlib.sha256(preamble_and_header).digest()
            + hashlib.sha256(manifest).digest())


def normalize_passphrase(passphrase: str) -> bytes:
    """The UTF-8 bytes of the NFC form: what Argon2id receives."""
    if not isinstance(passphrase, str):
        raise TypeError("a passphrase is a str")
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


@contextlib.contextmanager
def passphrase_buffer(passphrase: str) -> Iterator[bytearray]:
    """:func:`normalize_passphrase` in a ``bytearray`` that is zeroed after use.

    As far as Python allows: the ``str`` the passphrase came in, its NFC form and the
    transient ``bytes`` of the encoding are immutable objects whose memory is freed
    without being cleared, and the caller's ``str`` lives as long as it holds it.
    What this removes is one long-lived copy per derivation (Argon2id reads it from
    the buffer); core dumps are off (``reviewer_app/hardening.py``), which matters more.
    """
    buffer = bytearray(normalize_passphrase(passphrase))
    try:
        yield buffer
    finally:
        wipe(buffer)


def wipe(buffer: bytearray) -> None:
    """Overwrite a mutable secret with zeros in place."""
    buffer[:] = bytes(len(buffer))


# --- strict encodings ---------------------------------------------------------

class FormatViolation(ValueError):
    """A field is malformed (mapped to Tampered by the reader)."""


class LimitViolation(ValueError):
    """A well-formed value is outside its permitted range (mapped to LimitsExceeded)."""


class UnknownSuite(ValueError):
    """A validly signed manifest of an algorithm suite this reader does not know
    (mapped to UnsupportedVersion: it was written by a newer application)."""


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode_exact(value: Any, size: int, what: str) -> bytes:
    """Decode canonical standard base64 (with padding) of exactly ``size`` bytes."""
    if not isinstance(value, str) or len(value) != 4 * (-(-size // 3)):
        raise FormatViolation(f"{what} is not base64 of {size} bytes")
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise FormatViolation(f"{what} is not base64 of {size} bytes") from None
    if len(raw) != size or b64encode(raw) != value:
        raise FormatViolation(f"{what} is not canonical base64 of {size} bytes")
    return raw


def hex_exact(value: Any, size: int, what: str) -> bytes:
    """Decode lowercase hex of exactly ``size`` bytes."""
    if (not isinstance(value, str) or len(value) != 2 * size
            or any(c not in "0123456789abcdef" for c in value)):
        raise FormatViolation(f"{what} is not {2 * size} lowercase hex digits")
    return bytes.fromhex(value)


def json_int(value: Any, what: str, low: int, high: int) -> int:
    """A JSON integer (not a bool, not a float) in [low, high]."""
    if type(value) is not int:
        raise FormatViolation(f"{what} is not an integer")
    if value < 0 and low >= 0:
        raise FormatViolation(f"{what} is negative")
    if value < low:
        raise FormatViolation(f"{what} is below {low}")
    if value > high:
        raise LimitViolation(f"{what} is {value}, above the limit of {high}")
    return value


def loads_strict(data: bytes, what: str) -> Any:
    """Parse UTF-8 JSON rejecting duplicate keys, floats, NaN/Infinity and a BOM."""
    try:
        return strictjson.loads(data)
    except strictjson.JSONLimitError as exc:
        raise LimitViolation(f"{what}: {exc}") from None
    except strictjson.StrictJSONError as exc:
        raise FormatViolation(f"{what}: {exc}") from None


def dumps_compact(obj: Any) -> bytes:
    """The writer's JSON encoding: compact, UTF-8, non-ASCII kept as is."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def return_recipient_key(manifest: Any) -> bytes:
    """The raw X25519 key of a format-3 manifest's ``return_recipient`` (§1.8.2).

    Raises:
        FormatViolation: missing or malformed.
    """
    recipient = manifest.get("return_recipient") if isinstance(manifest, dict) else None
    if not isinstance(recipient, dict) or set(recipient) != {"type", "public_key", "key_id"} \
            or recipient["type"] != "x25519":
        raise FormatViolation("return_recipient is not {type: x25519, public_key, key_id}")
    key = b64decode_exact(recipient["public_key"], 32, "return_recipient public_key")
    if recipient["key_id"] != key_id(key):
        raise FormatViolation("return_recipient key_id is not the key id of its public_key")
    return key


# --- manifest format 4 (docs/formats.md §1.8.3) -------------------------------

MAX_COMMITMENT_CHARS = 20_000
MAX_CONFLICT_CATEGORIES = 32
MAX_CATEGORY_NAME = 100
MAX_HINT_NAMES = 16
MAX_HINT_NAME = 200


def commitment_sha256(text: str) -> str:
    """SHA-256 of the UTF-8 bytes of a commitment text, lowercase hex (the suite's
    sheet digest, since the sheet carries it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _category_id_ok(value: Any) -> bool:
    return (isinstance(value, str) and 1 <= len(value) <= 32
            and all(c in "abcdefghijklmnopqrstuvwxyz0123456789_" for c in value))


def check_manifest_4(manifest: Any) -> None:
    """The members a format-4 manifest adds (§1.8.3), as every reader checks them.

    Raises:
        FormatViolation: a member missing or malformed, a commitment whose ``sha256``
            is not that of its text, a hint naming an unknown category or a project
            not assigned to its seat.
    """
    if not isinstance(manifest, dict):
        raise FormatViolation("manifest is not a JSON object")
    if "return_recipient" in manifest:
        return_recipient_key(manifest)
    commitment = manifest.get("commitment")
    if not isinstance(commitment, dict) or set(commitment) != {"text", "sha256"}:
        raise FormatViolation("commitment is not {text, sha256}")
    text = commitment["text"]
    if not isinstance(text, str) or not text.strip():
        raise FormatViolation("commitment text is not a non-empty string")
    if len(text) > MAX_COMMITMENT_CHARS:
        raise LimitViolation(f"commitment text is longer than {MAX_COMMITMENT_CHARS} characters")
    hex_exact(commitment["sha256"], 32, "commitment sha256")
    if commitment["sha256"] != commitment_sha256(text):
        raise FormatViolation("commitment sha256 is not the sha-256 of its text")
    categories = manifest.get("conflict_categories")
    if not isinstance(categories, list) or not categories:
        raise FormatViolation("conflict_categories is not a non-empty list")
    if len(categories) > MAX_CONFLICT_CATEGORIES:
        raise LimitViolation(f"{len(categories)} conflict categories, above the limit of "
                             f"{MAX_CONFLICT_CATEGORIES}")
    ids: set[str] = set()
    for i, category in enumerate(categories):
        where = f"conflict_categories[{i}]"
        if not isinstance(category, dict) or set(category) != {"id", "name"}:
            raise FormatViolation(f"{where} is not {{id, name}}")
        if not _category_id_ok(category["id"]) or category["id"] in ids:
            raise FormatViolation(f"{where} id is not 1 to 32 of a-z 0-9 _, unique")
        name = category["name"]
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_CATEGORY_NAME:
            raise FormatViolation(f"{where} name is not 1 to {MAX_CATEGORY_NAME} characters")
        ids.add(category["id"])
    seats, assignments = manifest.get("seats"), manifest.get("assignments")
    if not isinstance(seats, list) or not isinstance(assignments, dict):
        raise FormatViolation("a format-4 manifest has seats and assignments")
    for seat in seats:
        if not isinstance(seat, dict):
            raise FormatViolation("a seat is not a JSON object")
        _check_hints(seat, assignments, ids)


def _check_hints(seat: dict[str, Any], assignments: dict[str, Any], ids: set[str]) -> None:
    where = f"seat {str(seat.get('seat_id'))[:64]!r} conflict_hints"
    hints = seat.get("conflict_hints")
    if not isinstance(hints, list):
        raise FormatViolation(f"{where} is not a list")
    assigned = assignments.get(seat.get("seat_id"))
    assigned = set(assigned) if isinstance(assigned, list) and all(
        isinstance(p, str) for p in assigned) else set()
    seen: set[str] = set()
    for hint in hints:
        if not isinstance(hint, dict) or set(hint) != {"project_id", "category", "matched"}:
            raise FormatViolation(f"{where}: a hint is not {{project_id, category, matched}}")
        if hint["project_id"] not in assigned or hint["project_id"] in seen:
            raise FormatViolation(f"{where}: a hint names a project not assigned to the "
                                  "seat, or one named twice")
        seen.add(hint["project_id"])
        if hint["category"] not in ids:
            raise FormatViolation(f"{where}: a hint names an unknown category")
        matched = hint["matched"]
        if (not isinstance(matched, list) or not 1 <= len(matched) <= MAX_HINT_NAMES
                or not all(isinstance(m, str) and 0 < len(m) <= MAX_HINT_NAME
                           for m in matched)):
            raise FormatViolation(f"{where}: matched is not 1 to {MAX_HINT_NAMES} names")
def second_round_section(manifest: Any, member_count: int | None = None) -> dict[str, Any]:
    """A format-5 manifest's ``second_round`` (§1.8.4), checked for what a reader needs:
    the first round's package id, a non-empty list of project ids, and per seat the id
    of an existing member (``member_count`` members) holding its sealed first round.

    Raises:
        FormatViolation: missing or malformed.
    """
    section = manifest.get("second_round") if isinstance(manifest, dict) else None
    if not isinstance(section, dict) or not {"first_round_package_id", "projects",
                                             "distribution", "seat_members"} <= set(section):
        raise FormatViolation("second_round is not {first_round_package_id, projects, "
                              "distribution, seat_members}")
    hex_exact(section["first_round_package_id"], 16, "second_round first_round_package_id")
    if section["first_round_package_id"] == manifest.get("package_id"):
        raise FormatViolation("second_round names its own package as the first round")
    projects = section["projects"]
    if not isinstance(projects, list) or not projects or not all(
            isinstance(p, str) and p for p in projects) or len(set(projects)) != len(projects):
        raise FormatViolation("second_round projects is not a list of distinct project ids")
    if not isinstance(section["distribution"], dict) or set(section["distribution"]) - set(
            projects):
        raise FormatViolation("second_round distribution names a project not in the round")
    seat_members = section["seat_members"]
    if not isinstance(seat_members, dict):
        raise FormatViolation("second_round seat_members is not an object")
    high = member_count if member_count is not None else MAX_MEMBERS
    ids = [json_int(v, "second_round seat member", 1, MAX_MEMBERS) for v in
           seat_members.values()]
    if any(i > high for i in ids) or len(set(ids)) != len(ids):
        raise FormatViolation("second_round seat_members names a member the package does "
                              "not have, or one member twice")
    return section
