"""The sheet body of DESIGN.md §4.2: a frozen model and its exact wire form.

:meth:`SheetBody.from_dict` checks the shape only (keys, types, syntax of hex,
dates and decimal strings); whether the sheet fits a package is
:mod:`reviewer_app.sheets.verify`'s business.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from reviewer_app.core.decimals import decimal_str
from reviewer_app.core.seat_codes import canonical_seat_code
from reviewer_app.sheets.errors import SheetBadDecimal, SheetMalformed, SheetUnsupportedFormat

SHEET_FORMAT = "reviewer-app/sheet/1"
KINDS = ("panel", "inspection")
CHECKLIST_RESULTS = ("compliant", "non_compliant", "unverifiable")
SEAT_CLAIM_TAG = b"RVSEAT1"

_HEX = re.compile(r"[0-9a-f]+")
_CREATED_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
# Canonical decimal strings: no "+", no leading zeros, no trailing fractional
# zeros, no exponent. Nine integer and six fractional digits at most keep every
# sum exact under Decimal's default 28-digit context.
_DECIMAL = re.compile(r"-?(0|[1-9][0-9]{0,8})(\.[0-9]{0,5}[1-9])?")

_TOP_KEYS = frozenset({
    "format", "kind", "created_at", "package_id", "manifest_sha256", "seat_id", "expert_name",
    "public_key", "key_id", "seat_claim", "revision", "previous_sha256", "projects"})
_PROJECT_KEYS = frozenset({"project_id", "conflict", "scores", "total", "comments",
                           "overall_comment", "recommendation", "evidence"})


# --- keys and the seat claim ------------------------------------------------

def raw_public_key(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id_for(public_key: bytes) -> str:
    """First 8 bytes of SHA-256 of the raw 32-byte key, lowercase hex."""
    return hashlib.sha256(public_key).digest()[:8].hex()


def seat_claim_for(seat_code: str, package_id: str, public_key: bytes) -> str:
    """HMAC-SHA256(canonical seat code, "RVSEAT1" || package id bytes || key), hex.

    Raises:
        SeatCodeError: the seat code cannot be canonicalised.
    """
    code = canonical_seat_code(seat_code).encode("ascii")
    message = SEAT_CLAIM_TAG + bytes.fromhex(package_id) + public_key
    return hmac.new(code, message, hashlib.sha256).hexdigest()


def format_created_at(moment: dt.datetime) -> str:
    """RFC 3339 UTC at seconds precision with "Z"; naive datetimes are refused."""
    if moment.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_decimal_string(text: object) -> bool:
    return isinstance(text, str) and _DECIMAL.fullmatch(text) is not None and text != "-0"


# --- the model --------------------------------------------------------------

@dataclass(frozen=True)
class Conflict:
    declared: bool = False
    reason: str = ""


@dataclass(frozen=True)
class EvidenceRef:
    """A page of a material the expert relied on for one criterion."""

    criterion_id: str
    member_id: int
    page: int


@dataclass(frozen=True)
class ProjectEntry:
    """One assigned project. A conflicted project has no scores, total None, no comments."""

    project_id: str
    conflict: Conflict
    scores: Mapping[str, Decimal]
    total: Decimal | None
    comments: Mapping[str, str] = field(default_factory=dict)
    overall_comment: str = ""
    recommendation: str = ""
    evidence: tuple[EvidenceRef, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "project_id": self.project_id,
            "conflict": {"declared": self.conflict.declared, "reason": self.conflict.reason},
            "scores": {cid: decimal_str(score) for cid, score in self.scores.items()},
            "total": None if self.total is None else decimal_str(self.total),
            "comments": dict(self.comments),
            "overall_comment": self.overall_comment,
            "recommendation": self.recommendation,
            "evidence": [{"criterion_id": e.criterion_id, "member_id": e.member_id,
                          "page": e.page} for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, raw: object, where: str, *, decimals: bool = True) -> ProjectEntry:
        """Check one entry's shape; with ``decimals`` False, scores are not yet parsed.

        The two passes let a body report every shape fault ("malformed") before any
        decimal fault ("bad decimal"), as the verification order requires.
        """
        obj = _object(raw, _PROJECT_KEYS, where)
        number = _decimal if decimals else _any_decimal
        conflict = _object(obj["conflict"], {"declared", "reason"}, f"{where}.conflict")
        declared = conflict["declared"]
        if not isinstance(declared, bool):
            raise SheetMalformed(f"{where}.conflict.declared: must be true or false")
        scores = _object(obj["scores"], None, f"{where}.scores")
        total = obj["total"]
        return cls(
            project_id=_text(obj["project_id"], f"{where}.project_id", nonempty=True),
            conflict=Conflict(declared, _text(conflict["reason"], f"{where}.conflict.reason")),
            scores={cid: number(value, f"{where}.scores.{cid}")
                    for cid, value in scores.items()},
            total=None if total is None else number(total, f"{where}.total"),
            comments={cid: _text(value, f"{where}.comments.{cid}")
                      for cid, value in _object(obj["comments"], None,
                                                f"{where}.comments").items()},
            overall_comment=_text(obj["overall_comment"], f"{where}.overall_comment"),
            recommendation=_text(obj["recommendation"], f"{where}.recommendation"),
            evidence=tuple(_evidence(item, f"{where}.evidence[{i}]")
                           for i, item in enumerate(_array(obj["evidence"],
                                                           f"{where}.evidence"))),
        )


@dataclass(frozen=True)
class ChecklistAnswer:
    """One inspection checklist item: compliant, non_compliant or unverifiable."""

    item_id: str
    result: str
    note: str = ""


@dataclass(frozen=True)
class Photo:
    """A photo taken on site, bound by its hash (the image travels separately)."""

    sha256: str
    media_type: str
    caption: str = ""


@dataclass(frozen=True)
class InspectionVisit:
    """What an inspection team found at one project's premises."""

    project_id: str
    checklist: tuple[ChecklistAnswer, ...]
    findings: str = ""
    recommendation: str = ""
    photos: tuple[Photo, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "project_id": self.project_id,
            "checklist": [{"item_id": a.item_id, "result": a.result, "note": a.note}
                          for a in self.checklist],
            "findings": self.findings,
            "recommendation": self.recommendation,
            "photos": [{"sha256": p.sha256, "media_type": p.media_type, "caption": p.caption}
                       for p in self.photos],
        }

    @classmethod
    def from_dict(cls, raw: object, where: str) -> InspectionVisit:
        obj = _object(raw, {"project_id", "checklist", "findings", "recommendation", "photos"},
                      where)
        answers = []
        for i, item in enumerate(_array(obj["checklist"], f"{where}.checklist")):
            at = f"{where}.checklist[{i}]"
            answer = _object(item, {"item_id", "result", "note"}, at)
            result = _text(answer["result"], f"{at}.result")
            if result not in CHECKLIST_RESULTS:
                raise SheetMalformed(f"{at}.result: must be one of "
                                     f"{', '.join(CHECKLIST_RESULTS)}, not {result!r}")
            answers.append(ChecklistAnswer(_text(answer["item_id"], f"{at}.item_id",
                                                 nonempty=True),
                                           result, _text(answer["note"], f"{at}.note")))
        photos = []
        for i, item in enumerate(_array(obj["photos"], f"{where}.photos")):
            at = f"{where}.photos[{i}]"
            photo = _object(item, {"sha256", "media_type", "caption"}, at)
            photos.append(Photo(_hex(photo["sha256"], 64, f"{at}.sha256"),
                                _text(photo["media_type"], f"{at}.media_type", nonempty=True),
                                _text(photo["caption"], f"{at}.caption")))
        return cls(
            project_id=_text(obj["project_id"], f"{where}.project_id", nonempty=True),
            checklist=tuple(answers),
            findings=_text(obj["findings"], f"{where}.findings"),
            recommendation=_text(obj["recommendation"], f"{where}.recommendation"),
            photos=tuple(photos),
        )


@dataclass(frozen=True)
class SheetBody:
    """Everything an expert signs. ``inspection`` is set exactly for kind "inspection"."""

    kind: str
    created_at: str
    package_id: str
    manifest_sha256: str
    seat_id: str
    expert_name: str
    public_key: bytes
    key_id: str
    seat_claim: str | None
    revision: int
    previous_sha256: str | None
    projects: tuple[ProjectEntry, ...]
    inspection: tuple[InspectionVisit, ...] | None = None
    format: str = SHEET_FORMAT

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "format": self.format,
            "kind": self.kind,
            "created_at": self.created_at,
            "package_id": self.package_id,
            "manifest_sha256": self.manifest_sha256,
            "seat_id": self.seat_id,
            "expert_name": self.expert_name,
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "key_id": self.key_id,
            "seat_claim": self.seat_claim,
            "revision": self.revision,
            "previous_sha256": self.previous_sha256,
            "projects": [p.to_dict() for p in self.projects],
        }
        if self.inspection is not None:
            body["inspection"] = {"visits": [v.to_dict() for v in self.inspection]}
        return body

    @classmethod
    def from_dict(cls, raw: object) -> SheetBody:
        """Check the shape of a parsed body and build the model.

        Raises:
            SheetUnsupportedFormat: ``format`` is not "reviewer-app/sheet/1".
            SheetMalformed: a missing, extra or mistyped key.
            SheetBadDecimal: a score or total that is not a canonical decimal string.
        """
        if not isinstance(raw, dict):
            raise SheetMalformed("body: must be a json object")
        if raw.get("format") != SHEET_FORMAT:
            raise SheetUnsupportedFormat(f"body: format {raw.get('format')!r} is not "
                                         f"{SHEET_FORMAT!r}")
        kind = raw.get("kind")
        if kind not in KINDS:
            raise SheetMalformed(f"body.kind: must be panel or inspection, not {kind!r}")
        keys = _TOP_KEYS | {"inspection"} if kind == "inspection" else _TOP_KEYS
        obj = _object(raw, keys, "body")
        revision = obj["revision"]
        if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
            raise SheetMalformed("body.revision: must be an integer of at least 1")
        previous = obj["previous_sha256"]
        if (revision == 1) != (previous is None):
            raise SheetMalformed("body.previous_sha256: must be null exactly for revision 1")
        public_key = _base64(obj["public_key"], "body.public_key")
        if len(public_key) != 32:
            raise SheetMalformed("body.public_key: must be 32 bytes")
        claim = obj["seat_claim"]
        inspection = None
        if kind == "inspection":
            section = _object(obj["inspection"], {"visits"}, "body.inspection")
            inspection = tuple(InspectionVisit.from_dict(item, f"body.inspection.visits[{i}]")
                               for i, item in enumerate(_array(section["visits"],
                                                               "body.inspection.visits")))
        projects = _array(obj["projects"], "body.projects")
        for i, item in enumerate(projects):
            ProjectEntry.from_dict(item, f"body.projects[{i}]", decimals=False)
        return cls(
            kind=kind,
            created_at=_created_at(obj["created_at"]),
            package_id=_hex(obj["package_id"], 32, "body.package_id"),
            manifest_sha256=_hex(obj["manifest_sha256"], 64, "body.manifest_sha256"),
            seat_id=_text(obj["seat_id"], "body.seat_id", nonempty=True),
            expert_name=_text(obj["expert_name"], "body.expert_name", nonempty=True),
            public_key=public_key,
            key_id=_hex(obj["key_id"], 16, "body.key_id"),
            seat_claim=None if claim is None else _hex(claim, 64, "body.seat_claim"),
            revision=revision,
            previous_sha256=None if previous is None else _hex(previous, 64,
                                                               "body.previous_sha256"),
            projects=tuple(ProjectEntry.from_dict(item, f"body.projects[{i}]")
                           for i, item in enumerate(projects)),
            inspection=inspection,
        )


# --- shape checks -----------------------------------------------------------

def _object(value: object, keys: frozenset[str] | set[str] | None,
            where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SheetMalformed(f"{where}: must be a json object")
    if keys is not None and set(value) != keys:
        missing = sorted(keys - set(value))
        extra = sorted(set(value) - keys)
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
            [f"unexpected {', '.join(extra)}"] if extra else [])
        raise SheetMalformed(f"{where}: {'; '.join(parts)}")
    return value


def _array(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise SheetMalformed(f"{where}: must be a json array")
    return value


def _text(value: object, where: str, *, nonempty: bool = False) -> str:
    if not isinstance(value, str):
        raise SheetMalformed(f"{where}: must be a string")
    if nonempty and not value:
        raise SheetMalformed(f"{where}: must not be empty")
    return value


def _hex(value: object, length: int, where: str) -> str:
    if not isinstance(value, str) or len(value) != length or not _HEX.fullmatch(value):
        raise SheetMalformed(f"{where}: must be {length} lowercase hex digits")
    return value


def _base64(value: object, where: str) -> bytes:
    if not isinstance(value, str):
        raise SheetMalformed(f"{where}: must be a base64 string")
    return strict_b64decode(value, where)


def strict_b64decode(text: str, where: str) -> bytes:
    """Standard base64 with padding, and only its one canonical spelling.

    Raises:
        SheetMalformed: other characters, missing padding, or non-zero pad bits
            (two spellings of one value would let a flipped byte go unnoticed).
    """
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise SheetMalformed(f"{where}: not standard base64") from exc
    if base64.b64encode(data).decode("ascii") != text:
        raise SheetMalformed(f"{where}: not canonical base64")
    return data


def _decimal(value: object, where: str) -> Decimal:
    if not is_decimal_string(value):
        raise SheetBadDecimal(f"{where}: {value!r} is not a canonical decimal string")
    return Decimal(str(value))


def _any_decimal(value: object, where: str) -> Decimal:
    return Decimal(0)


def _created_at(value: object) -> str:
    if not isinstance(value, str) or not _CREATED_AT.fullmatch(value):
        raise SheetMalformed("body.created_at: must be rfc 3339 utc like 2026-06-20T09:30:00Z")
    try:
        dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError as exc:
        raise SheetMalformed(f"body.created_at: {value!r} is not a real date and time") from exc
    return value


def _evidence(raw: object, where: str) -> EvidenceRef:
    obj = _object(raw, {"criterion_id", "member_id", "page"}, where)
    numbers = []
    for name in ("member_id", "page"):
        value = obj[name]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise SheetMalformed(f"{where}.{name}: must be a positive integer")
        numbers.append(value)
    return EvidenceRef(_text(obj["criterion_id"], f"{where}.criterion_id", nonempty=True),
                       numbers[0], numbers[1])
