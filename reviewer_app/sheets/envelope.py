"""The DSSE envelope around a sheet body: PAE, sealing, and strict opening.

The envelope is itself written in RFC 8785 form, so a sheet file is a pure
function of the body and the key (Ed25519 signatures are deterministic): the same
revision exported twice is byte-identical, and any other byte is a rejection.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reviewer_app.sheets.body import key_id_for, raw_public_key, strict_b64decode
from reviewer_app.sheets.canonical import CanonicalError, canonical_bytes, strict_loads
from reviewer_app.sheets.errors import (
    SheetMalformed,
    SheetNotCanonical,
    SheetOversized,
    SheetSignatureCount,
    SheetUnsupportedFormat,
)
from reviewer_app.strictjson import StrictJSONError

PAYLOAD_TYPE = "application/vnd.reviewer-app.sheet+json;version=1"
PAYLOAD_TYPE_2 = "application/vnd.reviewer-app.sheet+json;version=2"
PAYLOAD_TYPE_3 = "application/vnd.reviewer-app.sheet+json;version=3"
PAYLOAD_TYPE_4 = "application/vnd.reviewer-app.sheet+json;version=4"
PAYLOAD_TYPES = {PAYLOAD_TYPE: "reviewer-app/sheet/1", PAYLOAD_TYPE_2: "reviewer-app/sheet/2",
                 PAYLOAD_TYPE_3: "reviewer-app/sheet/3", PAYLOAD_TYPE_4: "reviewer-app/sheet/4"}
"""Each payload type and the body format it carries (the type is signed, through PAE)."""
MAX_SHEET_BYTES = 4 * 1024 * 1024
"""Largest .revsheet accepted, checked before any parsing (4 MiB)."""

SIGNATURE_BYTES = 64
_ENVELOPE_KEYS = frozenset({"payloadType", "payload", "signatures"})
_PAYLOAD_HEAD = b'{"payload":"'


def pae(payload_type: str, body: bytes) -> bytes:
    """DSSE pre-authentication encoding: "DSSEv1" SP len(type) SP type SP len(body) SP body."""
    type_bytes = payload_type.encode("utf-8")
    return b"DSSEv1 %d %b %d %b" % (len(type_bytes), type_bytes, len(body), body)


@dataclass(frozen=True)
class Signature:
    keyid: str
    sig: bytes


@dataclass(frozen=True)
class Envelope:
    payload_type: str
    payload: bytes
    signatures: tuple[Signature, ...]


def encode_envelope(payload: bytes, signatures: list[Signature],
                    payload_type: str = PAYLOAD_TYPE) -> bytes:
    """The canonical envelope bytes (no trailing newline)."""
    return canonical_bytes({
        "payloadType": payload_type,
        "payload": base64.b64encode(payload).decode("ascii"),
        "signatures": [{"keyid": s.keyid, "sig": base64.b64encode(s.sig).decode("ascii")}
                       for s in signatures],
    })


def sign_payload(payload: bytes, private_key: Ed25519PrivateKey,
                 payload_type: str = PAYLOAD_TYPE) -> Signature:
    keyid = key_id_for(raw_public_key(private_key.public_key()))
    return Signature(keyid, private_key.sign(pae(payload_type, payload)))


def seal(payload: bytes, private_key: Ed25519PrivateKey,
         payload_type: str = PAYLOAD_TYPE) -> bytes:
    """Sign ``payload`` (already canonical body bytes) and wrap it in an envelope."""
    return encode_envelope(payload, [sign_payload(payload, private_key, payload_type)],
                           payload_type)


def payload_type_for(body_format: str) -> str:
    """The payload type that carries a body of ``body_format``."""
    return next(t for t, form in PAYLOAD_TYPES.items() if form == body_format)


def open_envelope(data: bytes) -> Envelope:
    """Parse envelope bytes strictly; the signature is not checked here.

    Raises:
        SheetOversized: more than :data:`MAX_SHEET_BYTES`, before anything is parsed.
        SheetMalformed: not strict JSON, other keys, wrong types, bad base64.
        SheetUnsupportedFormat: another payload type.
        SheetNotCanonical: valid but not the RFC 8785 form of itself.
        SheetSignatureCount: not exactly one signature.
    """
    if len(data) > MAX_SHEET_BYTES:
        raise SheetOversized(f"sheet: {len(data)} bytes exceeds the limit of "
                             f"{MAX_SHEET_BYTES} bytes")
    try:
        raw = strict_loads(data)
    except StrictJSONError as exc:
        raise SheetMalformed(f"envelope: {exc}") from exc
    if not isinstance(raw, dict) or set(raw) != _ENVELOPE_KEYS:
        raise SheetMalformed("envelope: must be an object with exactly payloadType, payload "
                             "and signatures")
    payload_type = raw["payloadType"]
    if not isinstance(payload_type, str):
        raise SheetMalformed("envelope.payloadType: must be a string")
    if not isinstance(raw["payload"], str):
        raise SheetMalformed("envelope.payload: must be a base64 string")
    payload = strict_b64decode(raw["payload"], "envelope.payload")
    if not isinstance(raw["signatures"], list):
        raise SheetMalformed("envelope.signatures: must be an array")
    signatures = tuple(_signature(item, i) for i, item in enumerate(raw["signatures"]))
    if payload_type not in PAYLOAD_TYPES:
        raise SheetUnsupportedFormat(f"envelope: payload type {payload_type!r} is not "
                                     f"{' or '.join(map(repr, PAYLOAD_TYPES))}")
    # Step 4 without encoding the payload, most of the file, once more: canonical
    # base64 (step 3) needs no escaping and "payload" sorts first, so the canonical
    # envelope is the canonical form with an empty payload, the payload spliced in.
    try:
        rest = canonical_bytes({**raw, "payload": ""})
    except CanonicalError as exc:  # a lone surrogate in keyid, say
        raise SheetNotCanonical(f"envelope: {exc}") from exc
    if data != _PAYLOAD_HEAD + raw["payload"].encode("ascii") + rest[len(_PAYLOAD_HEAD):]:
        raise SheetNotCanonical("envelope: not in rfc 8785 canonical form")
    if len(signatures) != 1:
        raise SheetSignatureCount(f"envelope: {len(signatures)} signatures, exactly one is "
                                  "required")
    return Envelope(payload_type, payload, signatures)


def _signature(raw: object, index: int) -> Signature:
    where = f"envelope.signatures[{index}]"
    if not isinstance(raw, dict) or set(raw) != {"keyid", "sig"}:
        raise SheetMalformed(f"{where}: must be an object with exactly keyid and sig")
    keyid, sig = raw["keyid"], raw["sig"]
    if not isinstance(keyid, str) or not isinstance(sig, str):
        raise SheetMalformed(f"{where}: keyid and sig must be strings")
    sig_bytes = strict_b64decode(sig, f"{where}.sig")
    if len(sig_bytes) != SIGNATURE_BYTES:
        raise SheetMalformed(f"{where}.sig: must be {SIGNATURE_BYTES} bytes, not "
                             f"{len(sig_bytes)}")
    return Signature(keyid, sig_bytes)
