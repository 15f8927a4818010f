"""Verifying a .revsheet: exact bytes first, then the signature, then the package.

The order is part of the format (docs/formats.md, "Signed score sheet"): nothing
inside the payload is trusted before the signature over those exact bytes holds.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from reviewer_app.core.decimals import decimal_str
from reviewer_app.sheets.body import (
    ProjectEntry,
    SheetBody,
    key_id_for,
    seat_claim_for,
    strict_b64decode,
)
from reviewer_app.sheets.canonical import (
    CanonicalError,
    FloatFound,
    canonical_bytes,
    strict_loads,
)
from reviewer_app.sheets.context import SheetContext
from reviewer_app.sheets.envelope import PAYLOAD_TYPE, open_envelope, pae
from reviewer_app.sheets.errors import (
    SheetBadSignature,
    SheetChecklist,
    SheetConflictWithScores,
    SheetDuplicateProject,
    SheetFloat,
    SheetKeyIdMismatch,
    SheetKeyMismatch,
    SheetMalformed,
    SheetMissingProject,
    SheetMissingScore,
    SheetNotCanonical,
    SheetScoreOffStep,
    SheetScoreOutOfRange,
    SheetSeatClaim,
    SheetSeatNotProven,
    SheetTotalMismatch,
    SheetUnassignedProject,
    SheetUnknownCriterion,
    SheetUnknownSeat,
    SheetWrongKind,
    SheetWrongPackage,
)
from reviewer_app.strictjson import StrictJSONError

PROOF_ENROLLED_KEY = "enrolled key"
PROOF_SEAT_CODE = "seat code"
PROOF_NONE = "not proven"


@dataclass(frozen=True)
class AuthenticSheet:
    """A sheet whose signature and form hold, not yet checked against any package."""

    body: dict[str, Any]
    model: SheetBody
    body_bytes: bytes
    body_sha256: str
    raw: bytes


@dataclass(frozen=True)
class VerifiedSheet:
    """A sheet accepted for one package.

    Attributes:
        seat_proof: how the signer was tied to the seat: "enrolled key", "seat code",
            or "not proven" (neither an enrolled key nor the seat code was available).
    """

    body: dict[str, Any]
    body_sha256: str
    seat_id: str
    revision: int
    previous_sha256: str | None
    key_id: str
    public_key: bytes
    raw: bytes
    seat_proof: str
    model: SheetBody

    @property
    def seat_proven(self) -> bool:
        return self.seat_proof != PROOF_NONE


def authenticate_sheet(data: bytes) -> AuthenticSheet:
    """Check envelope, signature and body form without a package (steps 1 to 10b).

    Raises:
        SheetRejected: the subclass for the first failing step.
    """
    envelope = open_envelope(data)
    try:
        parsed = strict_loads(envelope.payload)
    except StrictJSONError as exc:
        raise SheetMalformed(f"body: {exc}") from exc
    public_key, key_id = _signer(parsed)
    keyid = envelope.signatures[0].keyid
    if keyid != key_id:
        raise SheetKeyIdMismatch(f"envelope keyid {keyid!r} differs from the body's key_id "
                                 f"{key_id!r}")
    if key_id != key_id_for(public_key):
        raise SheetKeyIdMismatch(f"body key_id {key_id!r} is not the fingerprint of its "
                                 "public key")
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            envelope.signatures[0].sig, pae(PAYLOAD_TYPE, envelope.payload))
    except (InvalidSignature, ValueError) as exc:
        raise SheetBadSignature(f"signature does not verify with key {key_id}") from exc
    try:
        canonical = canonical_bytes(parsed)
    except FloatFound as exc:
        raise SheetFloat(f"body: {exc}") from exc
    except CanonicalError as exc:
        raise SheetNotCanonical(f"body: {exc}") from exc
    if canonical != envelope.payload:
        raise SheetNotCanonical("body: not in rfc 8785 canonical form")
    model = SheetBody.from_dict(parsed)
    return AuthenticSheet(parsed, model, envelope.payload,
                          hashlib.sha256(envelope.payload).hexdigest(), data)


def verify_sheet(data: bytes, context: SheetContext) -> VerifiedSheet:
    """Verify sheet bytes exactly as received against one package.

    Raises:
        SheetRejected: the subclass for the first failing step; its ``reason``
            is the code to record.
    """
    sheet = authenticate_sheet(data)
    proof = check_body(sheet.model, context)
    model = sheet.model
    return VerifiedSheet(body=sheet.body, body_sha256=sheet.body_sha256, seat_id=model.seat_id,
                         revision=model.revision, previous_sha256=model.previous_sha256,
                         key_id=model.key_id, public_key=model.public_key, raw=data,
                         seat_proof=proof, model=model)


def _signer(parsed: object) -> tuple[bytes, str]:
    # Only what is needed to check the signature is read before it holds.
    if not isinstance(parsed, dict):
        raise SheetMalformed("body: must be a json object")
    encoded, key_id = parsed.get("public_key"), parsed.get("key_id")
    if not isinstance(encoded, str) or not isinstance(key_id, str):
        raise SheetMalformed("body: public_key and key_id must be strings")
    public_key = strict_b64decode(encoded, "body.public_key")
    if len(public_key) != 32:
        raise SheetMalformed("body.public_key: must be 32 bytes")
    return public_key, key_id


def check_body(body: SheetBody, context: SheetContext) -> str:
    """Check a well-formed body against the package (steps 11 to 17); returns the seat proof.

    Raises:
        SheetRejected: the subclass for the first failing check.
    """
    if body.package_id != context.package_id:
        raise SheetWrongPackage(f"sheet is for package {body.package_id}, not "
                                f"{context.package_id}")
    if body.manifest_sha256 != context.manifest_sha256:
        raise SheetWrongPackage(f"sheet is bound to manifest {body.manifest_sha256[:16]}…, "
                                f"not {context.manifest_sha256[:16]}…")
    if body.kind != context.kind:
        raise SheetWrongKind(f"sheet is a {body.kind} sheet, the session is {context.kind}")
    proof = _seat_proof(body, context)
    _check_projects(body, context)
    if body.inspection is not None:
        _check_inspection(body, context)
    return proof


def _seat_proof(body: SheetBody, context: SheetContext) -> str:
    seat = body.seat_id
    if seat not in context.seat_keys:
        raise SheetUnknownSeat(f"seat {seat!r} is not in the package")
    enrolled = context.seat_keys[seat]
    if enrolled is not None:
        if not hmac.compare_digest(enrolled, body.public_key):
            raise SheetKeyMismatch(f"seat {seat}: signed with key {body.key_id}, the seat's "
                                   f"enrolled key is {key_id_for(enrolled)}")
        return PROOF_ENROLLED_KEY
    code = context.seat_codes.get(seat)
    if code is not None:
        expected = seat_claim_for(code, body.package_id, body.public_key)
        if body.seat_claim is None or not hmac.compare_digest(expected, body.seat_claim):
            raise SheetSeatClaim(f"seat {seat}: the seat claim does not match the seat code "
                                 f"for key {body.key_id}")
        return PROOF_SEAT_CODE
    if context.require_seat_proof:
        raise SheetSeatNotProven(f"seat {seat}: no enrolled key and no seat code to prove "
                                 f"key {body.key_id}")
    return PROOF_NONE


def _check_projects(body: SheetBody, context: SheetContext) -> None:
    assigned = context.assigned(body.seat_id)
    seen: set[str] = set()
    rubric = context.rubric
    criteria = set(rubric.criterion_ids)
    for entry in body.projects:
        pid = entry.project_id
        if pid not in assigned:
            raise SheetUnassignedProject(f"project {pid!r} is not assigned to seat "
                                         f"{body.seat_id}")
        if pid in seen:
            raise SheetDuplicateProject(f"project {pid} appears more than once")
        seen.add(pid)
        named = set(entry.scores) | set(entry.comments) | {e.criterion_id for e in entry.evidence}
        unknown = sorted(named - criteria)
        if unknown:
            raise SheetUnknownCriterion(f"project {pid}: unknown criteria {', '.join(unknown)}")
        if entry.conflict.declared:
            _check_conflicted(entry.project_id, entry)
        else:
            _check_scored(entry, context)
    missing = [pid for pid in assigned if pid not in seen]
    if missing:
        raise SheetMissingProject(f"assigned projects missing: {', '.join(missing)}")


def _check_conflicted(pid: str, entry: ProjectEntry) -> None:
    if not entry.conflict.reason.strip():
        raise SheetMalformed(f"project {pid}: a declared conflict needs a reason")
    if entry.scores or entry.total is not None or entry.comments or entry.evidence:
        raise SheetConflictWithScores(f"project {pid}: declared a conflict but carries "
                                      "scores, a total, comments or evidence")


def _check_scored(entry: ProjectEntry, context: SheetContext) -> None:
    pid = entry.project_id
    rubric = context.rubric
    if entry.conflict.reason:
        raise SheetMalformed(f"project {pid}: a conflict reason without a declared conflict")
    missing = [cid for cid in rubric.criterion_ids if cid not in entry.scores]
    if missing:
        raise SheetMissingScore(f"project {pid}: no score for {', '.join(missing)}")
    for criterion in rubric.criteria:
        score = entry.scores[criterion.id]
        if not Decimal(0) <= score <= criterion.max:
            raise SheetScoreOutOfRange(
                f"project {pid}: score for {criterion.id} {decimal_str(score)} is outside "
                f"0 to {decimal_str(criterion.max)}")
        if score % criterion.step:
            raise SheetScoreOffStep(
                f"project {pid}: score for {criterion.id} {decimal_str(score)} is not a "
                f"multiple of {decimal_str(criterion.step)}")
    total = rubric.total(entry.scores)
    if entry.total is None or entry.total != total:
        shown = "null" if entry.total is None else decimal_str(entry.total)
        raise SheetTotalMismatch(f"project {pid}: total {shown} is not the sum of the scores "
                                 f"{decimal_str(total)}")


def _check_inspection(body: SheetBody, context: SheetContext) -> None:
    conflicted = {p.project_id for p in body.projects if p.conflict.declared}
    expected = [pid for pid in context.assigned(body.seat_id) if pid not in conflicted]
    seen: set[str] = set()
    for visit in body.inspection or ():
        pid = visit.project_id
        if pid in conflicted:
            raise SheetConflictWithScores(f"project {pid}: declared a conflict but carries an "
                                          "inspection visit")
        if pid not in expected:
            raise SheetUnassignedProject(f"inspection visit for project {pid!r} not assigned "
                                         f"to seat {body.seat_id}")
        if pid in seen:
            raise SheetDuplicateProject(f"inspection visit for project {pid} appears twice")
        seen.add(pid)
        items = [answer.item_id for answer in visit.checklist]
        if sorted(items) != sorted(context.checklist_ids) or len(set(items)) != len(items):
            raise SheetChecklist(f"project {pid}: checklist answers {', '.join(items) or 'none'}"
                                 f" do not match the package's checklist "
                                 f"{', '.join(context.checklist_ids)}")
    missing = [pid for pid in expected if pid not in seen]
    if missing:
        raise SheetMissingProject(f"inspection visits missing for: {', '.join(missing)}")
