"""Verifying a .revsheet: exact bytes first, then the signature, then the package.

The order is part of the format (docs/formats.md, "Signed score sheet"): nothing
inside the payload is trusted before the signature over those exact bytes holds.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from reviewer_app.core.decimals import decimal_str
from reviewer_app.core.rubric import Criterion
from reviewer_app.sheets.body import (
    SheetBody,
    check_shape,
    decimal_value,
    key_id_for,
    seat_claim_for,
    strict_b64decode,
)
from reviewer_app.sheets.canonical import CanonicalError, CanonicalText, FloatFound
from reviewer_app.sheets.context import SheetContext
from reviewer_app.sheets.envelope import PAYLOAD_TYPES, open_envelope, pae
from reviewer_app.sheets.errors import (
    SheetBadSignature,
    SheetChecklist,
    SheetCommitment,
    SheetConflictCategory,
    SheetConflictHint,
    SheetConflictWithScores,
    SheetDuplicateProject,
    SheetFloat,
    SheetKeyIdMismatch,
    SheetKeyMismatch,
    SheetMalformed,
    SheetMissingProject,
    SheetMissingReason,
    SheetMissingScore,
    SheetNotCanonical,
    SheetRejected,
    SheetScoreOffStep,
    SheetScoreOutOfRange,
    SheetSeatClaim,
    SheetSeatNotProven,
    SheetTotalMismatch,
    SheetUnassignedProject,
    SheetUnknownCriterion,
    SheetUnknownSeat,
    SheetUnsupportedFormat,
    SheetWrongKind,
    SheetWrongPackage,
)
from reviewer_app.strictjson import StrictJSONError

PROOF_ENROLLED_KEY = "enrolled key"
PROOF_SEAT_CODE = "seat code"
PROOF_SEAT_KEY = "seat key"
PROOF_NONE = "not proven"


@dataclass(frozen=True)
class AuthenticSheet:
    """A sheet whose signature and form hold, not yet checked against any package.

    Attributes:
        body: the parsed body, shape-checked (:func:`~reviewer_app.sheets.body.check_shape`).
        public_key: the raw key that signed it.
    """

    body: dict[str, Any]
    body_bytes: bytes
    body_sha256: str
    public_key: bytes
    raw: bytes

    @functools.cached_property
    def model(self) -> SheetBody:
        """The frozen model, built on first use (verification itself does not need it)."""
        return SheetBody.from_dict(self.body)


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

    @property
    def seat_proven(self) -> bool:
        return self.seat_proof != PROOF_NONE

    @functools.cached_property
    def model(self) -> SheetBody:
        """The frozen model, built on first use (a merge stores the wire form)."""
        return SheetBody.from_dict(self.body)


def authenticate_sheet(data: bytes) -> AuthenticSheet:
    """Check envelope, signature and body form without a package (steps 1 to 10b).

    Raises:
        SheetRejected: the subclass for the first failing step.
    """
    envelope = open_envelope(data)
    try:
        # Duplicate names (step 6) are looked for only if a later step fails: on
        # a body that passes step 9a there cannot be any (see CanonicalText).
        text = CanonicalText(envelope.payload)
    except StrictJSONError as exc:
        raise SheetMalformed(f"body: {exc}") from exc
    try:
        public_key = _authenticate_body(text, envelope.payload_type,
                                        envelope.signatures[0].keyid,
                                        envelope.signatures[0].sig)
    except SheetRejected:
        try:
            text.require_unique_names()
        except StrictJSONError as exc:
            raise SheetMalformed(f"body: {exc}") from exc
        raise
    body = check_shape(text.value)
    if body["format"] != PAYLOAD_TYPES[envelope.payload_type]:
        # The payload type is signed too: a body cannot be moved to the other format.
        raise SheetUnsupportedFormat(f"body: format {body['format']!r} in an envelope of "
                                     f"payload type {envelope.payload_type!r}")
    return AuthenticSheet(body, envelope.payload,
                          hashlib.sha256(envelope.payload).hexdigest(), public_key, data)


def _authenticate_body(text: CanonicalText, payload_type: str, keyid: str,
                       sig: bytes) -> bytes:
    """Steps 6 (but duplicate names) to 9a; returns the signer's raw public key."""
    public_key, key_id = _signer(text.value)
    if keyid != key_id:
        raise SheetKeyIdMismatch(f"envelope keyid {keyid!r} differs from the body's key_id "
                                 f"{key_id!r}")
    if key_id != key_id_for(public_key):
        raise SheetKeyIdMismatch(f"body key_id {key_id!r} is not the fingerprint of its "
                                 "public key")
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(sig, pae(payload_type,
                                                                       text.data))
    except (InvalidSignature, ValueError) as exc:
        raise SheetBadSignature(f"signature does not verify with key {key_id}") from exc
    try:
        text.require_canonical()
    except FloatFound as exc:
        raise SheetFloat(f"body: {exc}") from exc
    except CanonicalError as exc:
        raise SheetNotCanonical(f"body: {exc}") from exc
    return public_key


def verify_sheet(data: bytes, context: SheetContext) -> VerifiedSheet:
    """Verify sheet bytes exactly as received against one package.

    Raises:
        SheetRejected: the subclass for the first failing step; its ``reason``
            is the code to record.
    """
    return verify_authentic(authenticate_sheet(data), context)


def verify_authentic(sheet: AuthenticSheet, context: SheetContext) -> VerifiedSheet:
    """The package half of :func:`verify_sheet`, for a sheet already authenticated.

    Raises:
        SheetRejected: the subclass for the first failing check.
    """
    body = sheet.body
    proof = check_body(body, context)
    return VerifiedSheet(body=body, body_sha256=sheet.body_sha256, seat_id=body["seat_id"],
                         revision=body["revision"], previous_sha256=body["previous_sha256"],
                         key_id=body["key_id"], public_key=sheet.public_key, raw=sheet.raw,
                         seat_proof=proof)


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


def check_body(body: Mapping[str, Any], context: SheetContext) -> str:
    """Check a shape-checked body against the package (steps 11 to 17).

    Returns:
        The seat proof.

    Raises:
        SheetRejected: the subclass for the first failing check.
    """
    if body["package_id"] != context.package_id:
        raise SheetWrongPackage(f"sheet is for package {body['package_id']}, not "
                                f"{context.package_id}")
    if body["manifest_sha256"] != context.manifest_sha256:
        raise SheetWrongPackage(f"sheet is bound to manifest {body['manifest_sha256'][:16]}…, "
                                f"not {context.manifest_sha256[:16]}…")
    if body["format"] != context.sheet_format:
        # No downgrade: a format-2 package proves seats by their keys alone, and a
        # format-1 sheet (a seat claim) would need the seat code the store never holds.
        raise SheetUnsupportedFormat(f"sheet format {body['format']!r}: package "
                                     f"{context.package_id} takes sheets of format "
                                     f"{context.sheet_format!r}")
    if context.suite is not None and body["suite"] != context.suite:
        raise SheetUnsupportedFormat(f"sheet suite {body['suite']!r} is not the package's "
                                     f"{context.suite!r}")
    if context.commitment_sha256 is not None and not hmac.compare_digest(
            body["commitment"]["sha256"], context.commitment_sha256):
        raise SheetCommitment(f"the sheet accepts commitment {body['commitment']['sha256'][:16]}…, "
                              f"the package's is {context.commitment_sha256[:16]}…")
    if body["kind"] != context.kind:
        raise SheetWrongKind(f"sheet is a {body['kind']} sheet, the session is {context.kind}")
    proof = _seat_proof(body, context)
    _check_projects(body, context)
    if context.commitment_sha256 is not None:
        _check_conflicts_3(body, context)
    if context.first_round_package_id is not None:
        _check_second_round(body, context)
    if body["kind"] == "inspection":
        _check_inspection(body, context)
    return proof


def _seat_proof(body: Mapping[str, Any], context: SheetContext) -> str:
    seat, key_id = body["seat_id"], body["key_id"]
    if seat not in context.seat_keys:
        raise SheetUnknownSeat(f"seat {seat!r} is not in the package")
    public_key = strict_b64decode(body["public_key"], "body.public_key")
    enrolled = context.seat_keys[seat]
    if context.suite is not None:
        return _seat_key_proof(seat, key_id, public_key, enrolled, context)
    if enrolled is not None:
        if not hmac.compare_digest(enrolled, public_key):
            raise SheetKeyMismatch(f"seat {seat}: signed with key {key_id}, the seat's "
                                   f"enrolled key is {key_id_for(enrolled)}")
        return PROOF_ENROLLED_KEY
    code = context.seat_codes.get(seat)
    if code is not None:
        expected = seat_claim_for(code, body["package_id"], public_key)
        claim = body["seat_claim"]
        if claim is None or not hmac.compare_digest(expected, claim):
            raise SheetSeatClaim(f"seat {seat}: the seat claim does not match the seat code "
                                 f"for key {key_id}")
        return PROOF_SEAT_CODE
    if context.require_seat_proof:
        raise SheetSeatNotProven(f"seat {seat}: no enrolled key and no seat code to prove "
                                 f"key {key_id}")
    return PROOF_NONE


def _seat_key_proof(seat: str, key_id: str, public_key: bytes, enrolled: bytes | None,
                    context: SheetContext) -> str:
    """Format 2: the signer must hold the seat's key (or its enrolled key); no secret needed."""
    seat_key = context.seat_code_keys[seat]
    if hmac.compare_digest(seat_key, public_key):
        return PROOF_SEAT_KEY
    if enrolled is not None and hmac.compare_digest(enrolled, public_key):
        return PROOF_ENROLLED_KEY
    enrolled_text = (f" nor its enrolled key {key_id_for(enrolled)}" if enrolled is not None
                     else "")
    raise SheetKeyMismatch(f"seat {seat}: signed with key {key_id}, not the seat's key "
                           f"{key_id_for(seat_key)} (derived from its seat code){enrolled_text}")


def _check_projects(body: Mapping[str, Any], context: SheetContext) -> None:
    seat = body["seat_id"]
    assigned = context.assigned_sets.get(seat, frozenset())
    criteria = context.criterion_ids
    scales = context.score_scales
    seen: set[str] = set()
    for entry in body["projects"]:
        pid = entry["project_id"]
        if pid not in assigned:
            raise SheetUnassignedProject(f"project {pid!r} is not assigned to seat {seat}")
        if pid in seen:
            raise SheetDuplicateProject(f"project {pid} appears more than once")
        seen.add(pid)
        # The usual entry in one go: scored, every score a spelling already found
        # valid, the total right. Anything else gets every check, in order.
        scores, conflict, comments = entry["scores"], entry["conflict"], entry["comments"]
        if (not conflict["declared"] and not conflict["reason"] and len(scores) == len(scales)
                and (not comments or comments.keys() <= criteria) and not entry["evidence"]):
            total = _ZERO
            for cid, valid in scales:
                score = valid.get(scores.get(cid))
                if score is None:
                    break
                total += score
            else:
                stated = entry["total"]
                if stated is not None and decimal_value(stated) == total:
                    continue
        _check_entry(pid, entry, context)
    if len(seen) != len(assigned):
        missing = [pid for pid in context.assigned(seat) if pid not in seen]
        raise SheetMissingProject(f"assigned projects missing: {', '.join(missing)}")


_ZERO = Decimal(0)


def _check_second_round(body: Mapping[str, Any], context: SheetContext) -> None:
    """Sheet format 4 (docs/formats.md §2.4.4): bound to the package's first round, and
    every re-scored project gives its reason."""
    if body["first_round_package_id"] != context.first_round_package_id:
        raise SheetWrongPackage(f"sheet names first round {body['first_round_package_id']}, "
                                f"the package's is {context.first_round_package_id}")
    for entry in body["projects"]:
        if not entry["conflict"]["declared"] and not entry["reason"].strip():
            raise SheetMissingReason(f"project {entry['project_id']}: a second-round score "
                                     "needs a reason")


def _check_entry(pid: str, entry: Mapping[str, Any], context: SheetContext) -> None:
    criteria = context.criterion_ids
    scores, comments, evidence = entry["scores"], entry["comments"], entry["evidence"]
    named = set(scores) | set(comments) | {e["criterion_id"] for e in evidence}
    if not named <= criteria:
        raise SheetUnknownCriterion(f"project {pid}: unknown criteria "
                                    f"{', '.join(sorted(named - criteria))}")
    if entry["conflict"]["declared"]:
        _check_conflicted(pid, entry)
    else:
        _check_scored(pid, entry, context)


def _check_conflicted(pid: str, entry: Mapping[str, Any]) -> None:
    if not entry["conflict"]["reason"].strip():
        raise SheetMalformed(f"project {pid}: a declared conflict needs a reason")
    if entry["scores"] or entry["total"] is not None or entry["comments"] or entry["evidence"]:
        raise SheetConflictWithScores(f"project {pid}: declared a conflict but carries "
                                      "scores, a total, comments or evidence")


def _check_scored(pid: str, entry: Mapping[str, Any], context: SheetContext) -> None:
    if entry["conflict"]["reason"]:
        raise SheetMalformed(f"project {pid}: a conflict reason without a declared conflict")
    scores = entry["scores"]
    criteria = context.criteria
    if len(scores) != len(criteria):  # every key is a criterion (checked before)
        missing = [c.id for c in criteria if c.id not in scores]
        raise SheetMissingScore(f"project {pid}: no score for {', '.join(missing)}")
    total = _ZERO
    for criterion, (_, valid) in zip(criteria, context.score_scales, strict=True):
        text = scores[criterion.id]
        score = valid.get(text)
        if score is None:
            score = _judge_score(pid, criterion, text, valid)
        total += score
    stated = entry["total"]
    if stated is None or decimal_value(stated) != total:
        raise SheetTotalMismatch(f"project {pid}: total {stated or 'null'} is not the sum of "
                                 f"the scores {decimal_str(total)}")


_SCORE_MEMO_LIMIT = 4096  # spellings per criterion; a hostile sheet cannot grow it further


def _judge_score(pid: str, criterion: Criterion, text: str,
                 valid: dict[str, Decimal]) -> Decimal:
    score = decimal_value(text)
    assert score is not None  # check_shape has seen every score
    if not Decimal(0) <= score <= criterion.max:
        raise SheetScoreOutOfRange(
            f"project {pid}: score for {criterion.id} {text} is outside "
            f"0 to {decimal_str(criterion.max)}")
    if score % criterion.step:
        raise SheetScoreOffStep(
            f"project {pid}: score for {criterion.id} {text} is not a "
            f"multiple of {decimal_str(criterion.step)}")
    if len(valid) < _SCORE_MEMO_LIMIT:
        valid[text] = score
    return score


def _check_conflicts_3(body: Mapping[str, Any], context: SheetContext) -> None:
    """Step 15a (format 3): categories of declared conflicts, answers to the hints."""
    hinted = context.conflict_hints.get(body["seat_id"], frozenset())
    for entry in body["projects"]:
        pid, conflict, hint = entry["project_id"], entry["conflict"], entry["hint"]
        category = conflict["category"]
        if conflict["declared"] and category not in context.conflict_categories:
            raise SheetConflictCategory(f"project {pid}: conflict category {category!r} is not "
                                        "one of the package's")
        if not conflict["declared"] and category is not None:
            raise SheetConflictCategory(f"project {pid}: a conflict category without a "
                                        "declared conflict")
        if (hint is not None) != (pid in hinted):
            raise SheetConflictHint(f"project {pid}: " + (
                "the pre-screened conflict is not answered" if hint is None
                else "an answer to a conflict the package did not pre-screen"))
        if hint is None:
            continue
        if (hint["answer"] == "conflict") != conflict["declared"]:
            raise SheetConflictHint(f"project {pid}: the answer {hint['answer']} contradicts "
                                    "the declaration")
        if hint["answer"] == "no_conflict" and not hint["reason"].strip():
            raise SheetConflictHint(f"project {pid}: no conflict is answered without a reason")


def _check_inspection(body: Mapping[str, Any], context: SheetContext) -> None:
    seat = body["seat_id"]
    conflicted = {p["project_id"] for p in body["projects"] if p["conflict"]["declared"]}
    expected = [pid for pid in context.assigned(seat) if pid not in conflicted]
    seen: set[str] = set()
    for visit in body["inspection"]["visits"]:
        pid = visit["project_id"]
        if pid in conflicted:
            raise SheetConflictWithScores(f"project {pid}: declared a conflict but carries an "
                                          "inspection visit")
        if pid not in expected:
            raise SheetUnassignedProject(f"inspection visit for project {pid!r} not assigned "
                                         f"to seat {seat}")
        if pid in seen:
            raise SheetDuplicateProject(f"inspection visit for project {pid} appears twice")
        seen.add(pid)
        items = [answer["item_id"] for answer in visit["checklist"]]
        if sorted(items) != sorted(context.checklist_ids) or len(set(items)) != len(items):
            raise SheetChecklist(f"project {pid}: checklist answers {', '.join(items) or 'none'}"
                                 f" do not match the package's checklist "
                                 f"{', '.join(context.checklist_ids)}")
    missing = [pid for pid in expected if pid not in seen]
    if missing:
        raise SheetMissingProject(f"inspection visits missing for: {', '.join(missing)}")
