"""The sheet body of docs/formats.md §2.4: a frozen model and its exact wire form.

:meth:`SheetBody.from_dict` checks the shape only (keys, types, syntax of hex,
dates and decimal strings); whether the sheet fits a package is
:mod:`reviewer_app.sheets.verify`'s business.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
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
from reviewer_app.package.format import SUITES
from reviewer_app.sheets.errors import SheetBadDecimal, SheetMalformed, SheetUnsupportedFormat

SHEET_FORMAT = "reviewer-app/sheet/1"
SHEET_FORMAT_2 = "reviewer-app/sheet/2"
"""Format 2 (packages of manifest format 2): signed with the seat's key, names its suite."""
SHEET_FORMAT_3 = "reviewer-app/sheet/3"
"""Format 3 (packages of manifest format 4): format 2 plus the commitment acceptance,
each conflict's category and the answers to the build's conflict hints (§2.4.1)."""
SHEET_FORMAT_4 = "reviewer-app/sheet/4"
"""Format 4 (second-round packages, manifest format 5, docs/formats.md §2.4.4): format 2
plus ``round`` (2), ``first_round_package_id`` and each project's ``reason``."""
SHEET_FORMATS = (SHEET_FORMAT, SHEET_FORMAT_2, SHEET_FORMAT_3, SHEET_FORMAT_4)
SEAT_KEY_SHEET_FORMATS = (SHEET_FORMAT_2, SHEET_FORMAT_3, SHEET_FORMAT_4)
"""Body formats that name a suite and prove the seat by its key (no seat claim)."""
HINT_ANSWERS = ("conflict", "no_conflict")
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
_TOP_KEYS_2 = _TOP_KEYS - {"seat_claim"} | {"suite"}
_TOP_KEYS_3 = _TOP_KEYS_2 | {"commitment"}
_PROJECT_KEYS = frozenset({"project_id", "conflict", "scores", "total", "comments",
                           "overall_comment", "recommendation", "evidence"})
_PROJECT_KEYS_3 = _PROJECT_KEYS | {"hint"}
# Sheet format 4 (a second round): see reviewer_app/sheets/second_round_body.py.
_TOP_KEYS_4 = _TOP_KEYS_2 | {"round", "first_round_package_id"}
_PROJECT_KEYS_4 = _PROJECT_KEYS | {"reason"}


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


@functools.lru_cache(maxsize=4096)
def decimal_value(text: str) -> Decimal | None:
    """The value of a decimal string (§2.1 of docs/formats.md), None for any other text.

    Cached: a merge meets the same few dozen score spellings thousands of times.
    """
    if _DECIMAL.fullmatch(text) is None or text == "-0":
        return None
    return Decimal(text)


# --- the model --------------------------------------------------------------

@dataclass(frozen=True)
class Conflict:
    declared: bool = False
    reason: str = ""
    category: str | None = None  # format 3: the package's category id of a declared conflict


@dataclass(frozen=True)
class HintAnswer:
    """Format 3: the expert's answer to a conflict the build pre-screened."""

    answer: str  # "conflict" (确认存在冲突，回避) or "no_conflict" (不存在冲突)
    reason: str = ""


@dataclass(frozen=True)
class CommitmentAcceptance:
    """Format 3: when the expert accepted the package's 承诺书, and its text's SHA-256."""

    sha256: str
    accepted_at: str  # RFC 3339 UTC, seconds


def _conflict_dict(conflict: Conflict, form: str) -> dict[str, Any]:
    out: dict[str, Any] = {"declared": conflict.declared, "reason": conflict.reason}
    if form == SHEET_FORMAT_3:
        out["category"] = conflict.category
    return out


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
    hint: HintAnswer | None = None  # format 3: the answer to the seat's hint, if any
    reason: str | None = None  # sheet format 4 only: why the score changed (复议理由)

    def to_dict(self, form: str = SHEET_FORMAT) -> dict[str, Any]:
        out = self._dict(form)
        if form == SHEET_FORMAT_3:
            out["hint"] = None if self.hint is None else {"answer": self.hint.answer,
                                                          "reason": self.hint.reason}
        if self.reason is not None:
            out["reason"] = self.reason
        return out

    def _dict(self, form: str) -> dict[str, Any]:
        return {
            "project_id": self.project_id,
            "conflict": _conflict_dict(self.conflict, form),
            "scores": {cid: decimal_str(score) for cid, score in self.scores.items()},
            "total": None if self.total is None else decimal_str(self.total),
            "comments": dict(self.comments),
            "overall_comment": self.overall_comment,
            "recommendation": self.recommendation,
            "evidence": [{"criterion_id": e.criterion_id, "member_id": e.member_id,
                          "page": e.page} for e in self.evidence],
        }


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
    def from_checked(cls, raw: Mapping[str, Any]) -> InspectionVisit:
        """From a visit of a body that :func:`check_shape` has passed.

        Raises:
            KeyError, TypeError: the visit lacks a member (it was never checked).
        """
        return cls(
            project_id=raw["project_id"],
            checklist=tuple(ChecklistAnswer(a["item_id"], a["result"], a["note"])
                            for a in raw["checklist"]),
            findings=raw["findings"],
            recommendation=raw["recommendation"],
            photos=tuple(Photo(p["sha256"], p["media_type"], p["caption"])
                         for p in raw["photos"]),
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
    suite: str | None = None  # formats 2 to 4: the package's algorithm suite
    commitment: CommitmentAcceptance | None = None  # format 3 only
    round: int | None = None  # format 4 only: 2
    first_round_package_id: str | None = None  # format 4 only

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
            "projects": [p.to_dict(self.format) for p in self.projects],
        }
        if self.inspection is not None:
            body["inspection"] = {"visits": [v.to_dict() for v in self.inspection]}
        if self.format in SEAT_KEY_SHEET_FORMATS:
            # The seat key is the proof: a format-2 body has no seat claim.
            del body["seat_claim"]
            body["suite"] = self.suite
        if self.format == SHEET_FORMAT_3:
            assert self.commitment is not None
            body["commitment"] = {"sha256": self.commitment.sha256,
                                  "accepted_at": self.commitment.accepted_at}
        if self.format == SHEET_FORMAT_4:
            body["round"] = self.round
            body["first_round_package_id"] = self.first_round_package_id
        return body

    @classmethod
    def from_dict(cls, raw: object) -> SheetBody:
        """Check the shape of a parsed body (:func:`check_shape`) and build the model.

        Raises:
            SheetUnsupportedFormat, SheetMalformed, SheetBadDecimal: as check_shape.
        """
        body = check_shape(raw)
        claim, previous = body.get("seat_claim"), body["previous_sha256"]
        inspection = None
        if body["kind"] == "inspection":
            inspection = tuple(InspectionVisit.from_checked(item)
                               for item in body["inspection"]["visits"])
        return cls(
            kind=body["kind"], created_at=body["created_at"], package_id=body["package_id"],
            manifest_sha256=body["manifest_sha256"], seat_id=body["seat_id"],
            expert_name=body["expert_name"],
            public_key=base64.b64decode(body["public_key"]), key_id=body["key_id"],
            seat_claim=claim, revision=body["revision"], previous_sha256=previous,
            projects=tuple(_entry(item) for item in body["projects"]),
            inspection=inspection, format=body["format"], suite=body.get("suite"),
            commitment=(CommitmentAcceptance(body["commitment"]["sha256"],
                                             body["commitment"]["accepted_at"])
                        if "commitment" in body else None),
            round=body.get("round"), first_round_package_id=body.get("first_round_package_id"),
        )


def _entry(raw: Mapping[str, Any]) -> ProjectEntry:
    conflict, total, hint = raw["conflict"], raw["total"], raw.get("hint")
    return ProjectEntry(
        project_id=raw["project_id"],
        conflict=Conflict(conflict["declared"], conflict["reason"], conflict.get("category")),
        hint=None if hint is None else HintAnswer(hint["answer"], hint["reason"]),
        scores={cid: _value(text) for cid, text in raw["scores"].items()},
        total=None if total is None else _value(total),
        comments=dict(raw["comments"]),
        overall_comment=raw["overall_comment"],
        recommendation=raw["recommendation"],
        evidence=tuple(EvidenceRef(e["criterion_id"], e["member_id"], e["page"])
                       for e in raw["evidence"]),
        reason=raw.get("reason"),
    )


def _value(text: str) -> Decimal:
    value = decimal_value(text)
    assert value is not None  # check_shape has seen every score and total
    return value


def check_shape(raw: object) -> dict[str, Any]:
    """Check a parsed body against §2.4 (steps 10 to 10b) and return it.

    One pass over the projects; a decimal fault is held back until the pass has
    found no shape fault, as the verification order requires. Paths for messages
    are only spelled out on the way to a rejection.

    Raises:
        SheetUnsupportedFormat: ``format`` is not "reviewer-app/sheet/1" or "/2", or a
            format-2 body names an unknown suite.
        SheetMalformed: a missing, extra or mistyped key.
        SheetBadDecimal: a score or total that is not a canonical decimal string.
    """
    if not isinstance(raw, dict):
        raise SheetMalformed("body: must be a json object")
    form = raw.get("format")
    if form not in SHEET_FORMATS:
        raise SheetUnsupportedFormat(f"body: format {form!r} is not "
                                     f"{' or '.join(map(repr, SHEET_FORMATS))}")
    if form in SEAT_KEY_SHEET_FORMATS and raw.get("suite") not in SUITES:
        raise SheetUnsupportedFormat(f"body: suite {str(raw.get('suite'))[:64]!r} is not "
                                     f"{' or '.join(map(repr, SUITES))}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise SheetMalformed(f"body.kind: must be panel or inspection, not {kind!r}")
    top = {SHEET_FORMAT: _TOP_KEYS, SHEET_FORMAT_2: _TOP_KEYS_2,
           SHEET_FORMAT_3: _TOP_KEYS_3}.get(form, _TOP_KEYS_4)
    keys = {SHEET_FORMAT_3: _PROJECT_KEYS_3, SHEET_FORMAT_4: _PROJECT_KEYS_4}.get(
        form, _PROJECT_KEYS)
    conflict_keys = _CONFLICT_KEYS_3 if form == SHEET_FORMAT_3 else _CONFLICT_KEYS
    obj = _object(raw, top | {"inspection"} if kind == "inspection" else top, "body")
    revision = obj["revision"]
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        raise SheetMalformed("body.revision: must be an integer of at least 1")
    previous = obj["previous_sha256"]
    if (revision == 1) != (previous is None):
        raise SheetMalformed("body.previous_sha256: must be null exactly for revision 1")
    if len(_base64(obj["public_key"], "body.public_key")) != 32:
        raise SheetMalformed("body.public_key: must be 32 bytes")
    if kind == "inspection":
        section = _object(obj["inspection"], {"visits"}, "body.inspection")
        for i, item in enumerate(_array(section["visits"], "body.inspection.visits")):
            _check_visit(item, f"body.inspection.visits[{i}]")
    bad_decimals: list[str] = []
    for i, item in enumerate(_array(obj["projects"], "body.projects")):
        _check_project(item, i, bad_decimals, keys, conflict_keys)
    if form == SHEET_FORMAT_3:
        commitment = _object(obj["commitment"], {"sha256", "accepted_at"}, "body.commitment")
        _hex(commitment["sha256"], 64, "body.commitment.sha256")
        _created_at(commitment["accepted_at"], "body.commitment.accepted_at")
    if form == SHEET_FORMAT_4:
        if obj["round"] != 2 or type(obj["round"]) is not int:
            raise SheetMalformed("body.round: must be 2 in a sheet of format 4")
        _hex(obj["first_round_package_id"], 32, "body.first_round_package_id")
    _created_at(obj["created_at"])
    _hex(obj["package_id"], 32, "body.package_id")
    _hex(obj["manifest_sha256"], 64, "body.manifest_sha256")
    _text(obj["seat_id"], "body.seat_id", nonempty=True)
    _text(obj["expert_name"], "body.expert_name", nonempty=True)
    _hex(obj["key_id"], 16, "body.key_id")
    if obj.get("seat_claim") is not None:
        _hex(obj["seat_claim"], 64, "body.seat_claim")
    if previous is not None:
        _hex(previous, 64, "body.previous_sha256")
    if bad_decimals:
        raise SheetBadDecimal(bad_decimals[0])
    return obj


_CONFLICT_KEYS = frozenset({"declared", "reason"})
_CONFLICT_KEYS_3 = _CONFLICT_KEYS | {"category"}
_EVIDENCE_KEYS = frozenset({"criterion_id", "member_id", "page"})


def _check_project(obj: object, index: int, bad_decimals: list[str],
                   keys: frozenset[str] = _PROJECT_KEYS,
                   conflict_keys: frozenset[str] = _CONFLICT_KEYS) -> None:
    # The hot loop of a merge (every project of every sheet): cheap tests first,
    # the descriptive path only once something is wrong.
    if not isinstance(obj, dict) or obj.keys() != keys:
        _object(obj, keys, f"body.projects[{index}]")
    if keys is _PROJECT_KEYS_4:
        _text(obj["reason"], f"body.projects[{index}].reason")
    conflict = obj["conflict"]
    if not isinstance(conflict, dict) or conflict.keys() != conflict_keys:
        _object(conflict, conflict_keys, f"body.projects[{index}].conflict")
    if "category" in conflict_keys:
        _check_format_3_conflict(obj, index)
    if not isinstance(conflict["declared"], bool):
        raise SheetMalformed(f"body.projects[{index}].conflict.declared: must be true or false")
    scores = obj["scores"]
    if not isinstance(scores, dict):
        raise SheetMalformed(f"body.projects[{index}].scores: must be a json object")
    project_id = obj["project_id"]
    if not isinstance(project_id, str) or not project_id:
        _text(project_id, f"body.projects[{index}].project_id", nonempty=True)
    if not isinstance(conflict["reason"], str):
        _text(conflict["reason"], f"body.projects[{index}].conflict.reason")
    comments = obj["comments"]
    if not isinstance(comments, dict) or (comments and not all(isinstance(v, str)
                                                               for v in comments.values())):
        for cid, value in _object(comments, None, f"body.projects[{index}].comments").items():
            _text(value, f"body.projects[{index}].comments.{cid}")
    if not isinstance(obj["overall_comment"], str):
        _text(obj["overall_comment"], f"body.projects[{index}].overall_comment")
    if not isinstance(obj["recommendation"], str):
        _text(obj["recommendation"], f"body.projects[{index}].recommendation")
    evidence = obj["evidence"]
    if not isinstance(evidence, list) or evidence:
        for i, item in enumerate(_array(evidence, f"body.projects[{index}].evidence")):
            _check_evidence(item, f"body.projects[{index}].evidence[{i}]")
    if bad_decimals:
        return  # only the first decimal fault is reported, and only without a shape fault
    for cid, value in scores.items():
        if not isinstance(value, str) or decimal_value(value) is None:
            bad_decimals.append(f"body.projects[{index}].scores.{cid}: {value!r} is not a "
                                "canonical decimal string")
            return
    total = obj["total"]
    if total is not None and (not isinstance(total, str) or decimal_value(total) is None):
        bad_decimals.append(f"body.projects[{index}].total: {total!r} is not a canonical "
                            "decimal string")


def _check_format_3_conflict(obj: dict[str, Any], index: int) -> None:
    category = obj["conflict"]["category"]
    if category is not None:
        _text(category, f"body.projects[{index}].conflict.category", nonempty=True)
    hint = obj["hint"]
    if hint is not None:
        where = f"body.projects[{index}].hint"
        answer = _object(hint, {"answer", "reason"}, where)
        if answer["answer"] not in HINT_ANSWERS:
            raise SheetMalformed(f"{where}.answer: must be conflict or no_conflict")
        _text(answer["reason"], f"{where}.reason")


def _check_evidence(raw: object, where: str) -> None:
    obj = _object(raw, _EVIDENCE_KEYS, where)
    for name in ("member_id", "page"):
        value = obj[name]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise SheetMalformed(f"{where}.{name}: must be a positive integer")
    _text(obj["criterion_id"], f"{where}.criterion_id", nonempty=True)


def _check_visit(raw: object, where: str) -> None:
    obj = _object(raw, {"project_id", "checklist", "findings", "recommendation", "photos"},
                  where)
    for i, item in enumerate(_array(obj["checklist"], f"{where}.checklist")):
        at = f"{where}.checklist[{i}]"
        answer = _object(item, {"item_id", "result", "note"}, at)
        result = _text(answer["result"], f"{at}.result")
        if result not in CHECKLIST_RESULTS:
            raise SheetMalformed(f"{at}.result: must be one of "
                                 f"{', '.join(CHECKLIST_RESULTS)}, not {result!r}")
        _text(answer["item_id"], f"{at}.item_id", nonempty=True)
        _text(answer["note"], f"{at}.note")
    for i, item in enumerate(_array(obj["photos"], f"{where}.photos")):
        at = f"{where}.photos[{i}]"
        photo = _object(item, {"sha256", "media_type", "caption"}, at)
        _hex(photo["sha256"], 64, f"{at}.sha256")
        _text(photo["media_type"], f"{at}.media_type", nonempty=True)
        _text(photo["caption"], f"{at}.caption")
    _text(obj["project_id"], f"{where}.project_id", nonempty=True)
    _text(obj["findings"], f"{where}.findings")
    _text(obj["recommendation"], f"{where}.recommendation")


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


def _created_at(value: object, where: str = "body.created_at") -> str:
    if not isinstance(value, str) or not _CREATED_AT.fullmatch(value):
        raise SheetMalformed(f"{where}: must be rfc 3339 utc like 2026-06-20T09:30:00Z")
    try:
        dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError as exc:
        raise SheetMalformed(f"{where}: {value!r} is not a real date and time") from exc
    return value
