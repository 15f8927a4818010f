"""The preamble and the JSON header: parsing with every check of formats.md §1.4–1.5."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewer_app.package import format as fmt
from reviewer_app.package.format import FormatViolation, LimitViolation
from reviewer_app.package.stanzas import PassphraseStanza, Stanza, parse_stanza

_HEADER_KEYS = frozenset({"package_id", "aead", "segment_size", "manifest_length", "total_size",
                          "organizer", "stanzas"})
_ORGANIZER_KEYS = frozenset({"name", "public_key"})


@dataclass(frozen=True)
class Header:
    package_id: bytes
    manifest_length: int
    total_size: int
    organizer_name: str
    organizer_key: bytes
    stanzas: tuple[Stanza, ...]
    segment_size: int = fmt.SEGMENT_SIZE

    def to_json_bytes(self) -> bytes:
        return fmt.dumps_compact({
            "package_id": self.package_id.hex(),
            "aead": fmt.AEAD_NAME,
            "segment_size": self.segment_size,
            "manifest_length": self.manifest_length,
            "total_size": self.total_size,
            "organizer": {"name": self.organizer_name,
                          "public_key": fmt.b64encode(self.organizer_key)},
            "stanzas": [s.to_json() for s in self.stanzas],
        })



def pack_preamble(header_len: int) -> bytes:
    return fmt.PREAMBLE.pack(fmt.MAGIC, fmt.VERSION, 0, header_len)


def parse_header(data: bytes) -> Header:
    """Parse and check the header JSON.

    Raises:
        FormatViolation: malformed (the reader reports Tampered).
        LimitViolation: a value beyond a limit (the reader reports LimitsExceeded).
    """
    obj = fmt.loads_strict(data, "header")
    if not isinstance(obj, dict):
        raise FormatViolation("header is not a JSON object")
    if set(obj) != _HEADER_KEYS:
        missing = sorted(_HEADER_KEYS - set(obj))
        extra = sorted(set(obj) - _HEADER_KEYS)[:4]
        raise FormatViolation(f"header keys: missing {missing}, unexpected {extra}")
    package_id = fmt.hex_exact(obj["package_id"], 16, "header package_id")
    if obj["aead"] != fmt.AEAD_NAME:
        raise FormatViolation("header aead is not AES-256-GCM")
    segment_size = fmt.json_int(obj["segment_size"], "header segment_size", 1, fmt.MAX_JSON_INT)
    if segment_size != fmt.SEGMENT_SIZE:
        raise LimitViolation(f"segment size {segment_size} is not {fmt.SEGMENT_SIZE}")
    manifest_length = fmt.json_int(obj["manifest_length"], "header manifest_length", 2,
                                   fmt.MAX_MANIFEST_LENGTH)
    total_size = fmt.json_int(obj["total_size"], "header total_size", 0, fmt.MAX_JSON_INT)
    organizer = obj["organizer"]
    if not isinstance(organizer, dict) or set(organizer) != _ORGANIZER_KEYS:
        raise FormatViolation("header organizer must have exactly name and public_key")
    name = organizer["name"]
    if not isinstance(name, str) or len(name) > fmt.MAX_ORGANIZER_NAME:
        raise FormatViolation("header organizer name is not a short string")
    organizer_key = fmt.b64decode_exact(organizer["public_key"], 32, "organizer public_key")
    stanzas_json: Any = obj["stanzas"]
    if not isinstance(stanzas_json, list):
        raise FormatViolation("header stanzas is not a list")
    if len(stanzas_json) < fmt.MIN_STANZAS:
        raise FormatViolation("header has no recipient stanza")
    if len(stanzas_json) > fmt.MAX_STANZAS:
        raise LimitViolation(f"{len(stanzas_json)} stanzas, above the limit of "
                             f"{fmt.MAX_STANZAS}")
    stanzas = tuple(parse_stanza(s, i) for i, s in enumerate(stanzas_json))
    if sum(isinstance(s, PassphraseStanza) for s in stanzas) > 1:
        raise FormatViolation("header has more than one passphrase stanza")
    return Header(package_id, manifest_length, total_size, name, organizer_key, stanzas,
                  segment_size)
