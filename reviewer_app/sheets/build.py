"""Turning what the expert typed into a signed sheet, and saying what is still missing."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reviewer_app.core.errors import ScoreError
from reviewer_app.core.rubric import Rubric
from reviewer_app.core.seat_codes import SeatCodeError
from reviewer_app.sheets.body import (
    SHEET_FORMAT,
    SHEET_FORMAT_2,
    SHEET_FORMAT_3,
    SHEET_FORMAT_4,
    CommitmentAcceptance,
    Conflict,
    EvidenceRef,
    HintAnswer,
    InspectionVisit,
    ProjectEntry,
    SheetBody,
    check_shape,
    format_created_at,
    key_id_for,
    raw_public_key,
    seat_claim_for,
)
from reviewer_app.sheets.canonical import canonical_bytes, strict_loads
from reviewer_app.sheets.context import SheetContext
from reviewer_app.sheets.envelope import payload_type_for, seal
from reviewer_app.sheets.errors import SheetError, SheetIncomplete, SheetRejected
from reviewer_app.sheets.seat_keys import has_seat_keys, package_suite
from reviewer_app.sheets.verify import check_body

MISSING_KINDS = ("score", "invalid_score", "comment_required", "conflict_reason", "checklist",
                 "conflict_category", "hint", "reason")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


class ProjectInput(Protocol):
    """What the workspace holds for one project (``storage.workspace.ProjectState``)."""

    project_id: str
    scores: Mapping[str, str]
    comments: Mapping[str, str]
    conflict_declared: bool
    conflict_reason: str
    overall_comment: str
    recommendation: str
    evidence: Sequence[Any]  # items with criterion_id, member_id, page
    # Manifest format 4 (read with getattr: older inputs have none of these):
    # conflict_category: str | None, the category id of a declared conflict;
    # hint_answer: "conflict" | "no_conflict" | None, the answer to the seat's hint;
    # hint_reason: str, why there is no conflict.


def _category(state: Any) -> str | None:
    return getattr(state, "conflict_category", None) or None


def _hint_answer(state: Any) -> str | None:
    return getattr(state, "hint_answer", None) or None


def conflict_hints(manifest: Mapping[str, Any], seat_id: str) -> dict[str, Mapping[str, Any]]:
    """The seat's pre-screened likely conflicts by project id (manifest format 4)."""
    for seat in manifest.get("seats", ()):
        if str(seat.get("seat_id")) == seat_id:
            return {str(h["project_id"]): h for h in seat.get("conflict_hints") or ()}
    return {}


def conflict_categories(manifest: Mapping[str, Any]) -> dict[str, str]:
    """Category id -> name of a format-4 manifest; {} for earlier formats."""
    return {str(c["id"]): str(c["name"]) for c in manifest.get("conflict_categories") or ()}
    # A second-round package (manifest format 5) also reads ``second_round_reason``
    # (getattr, "" when absent): why the expert re-scores the project (复议理由).


def second_round_of(manifest: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The ``second_round`` section of a format-5 manifest (docs/formats.md §1.8.4)."""
    from reviewer_app.package.format import MANIFEST_FORMAT_5

    if manifest.get("format") != MANIFEST_FORMAT_5:
        return None
    section = manifest.get("second_round")
    return section if isinstance(section, Mapping) else None


def reason_of(state: ProjectInput | None) -> str:
    """The expert's reason for a second-round score, NFC and stripped."""
    return _text(getattr(state, "second_round_reason", "") if state is not None else "")


@dataclass(frozen=True)
class MissingItem:
    """One thing to fix before signing, for a click-to-go link in the GUI.

    Attributes:
        kind: "score" (not entered), "invalid_score" (not a valid score),
            "comment_required" (the score's band needs a comment),
            "conflict_reason" (a declared conflict without a reason),
            "checklist" (an inspection checklist item not answered), or
            "reason" (a second-round project without the reason for its score).
        criterion_id: the criterion for score and comment items, the checklist
            item id for checklist items, otherwise None.
        detail: a lowercase one-line explanation.
        score: for "comment_required", the score whose band needs the comment.
        band_id: for "comment_required", that band (the GUI names it in its language).
    """

    project_id: str
    criterion_id: str | None
    kind: str
    detail: str = ""
    score: Decimal | None = None
    band_id: str | None = None


@dataclass(frozen=True)
class SignedSheet:
    """A freshly signed sheet: the body, its exact bytes and the envelope file content."""

    body: SheetBody
    body_bytes: bytes
    body_sha256: str
    envelope: bytes

    @property
    def seat_id(self) -> str:
        return self.body.seat_id

    @property
    def revision(self) -> int:
        return self.body.revision

    @property
    def key_id(self) -> str:
        return self.body.key_id

    @property
    def filename(self) -> str:
        """``<seat_id>-r<revision>.revsheet``; unsafe characters become "_", no leading dot."""
        return sheet_filename(self.seat_id, self.revision, ".revsheet")


def sheet_filename(seat_id: str, revision: int, suffix: str) -> str:
    """``<seat_id>-r<revision><suffix>`` (formats.md §2.5): unsafe characters of the seat
    id become "_", no leading dot."""
    stem = _UNSAFE_NAME.sub("_", seat_id).lstrip(".") or "seat"
    return f"{stem}-r{revision}{suffix}"


def _text(value: str | None) -> str:
    # NFC so that the same visible text always hashes the same, whatever the input method.
    return unicodedata.normalize("NFC", (value or "").strip())


def _assigned(manifest: Mapping[str, Any], seat_id: str) -> tuple[str, ...]:
    seats = {str(s["seat_id"]) for s in manifest["seats"]}
    if seat_id not in seats:
        raise SheetError(f"seat {seat_id!r} is not in this package")
    return tuple(manifest["assignments"].get(seat_id, ()))


def _enrolled(manifest: Mapping[str, Any], seat_id: str) -> bool:
    return any(str(s["seat_id"]) == seat_id and s.get("public_key") for s in manifest["seats"])


def missing_items(manifest: Mapping[str, Any], seat_id: str,
                  states: Mapping[str, ProjectInput],
                  inspection: Iterable[InspectionVisit] = ()) -> list[MissingItem]:
    """Everything that stops the expert's entries from being signed, in display order.

    Projects come in assignment order, criteria in rubric order. An empty list
    means :func:`build_body` will accept the same input.
    """
    rubric = Rubric.from_dict(manifest["rubric"])
    visits = {v.project_id: v for v in inspection}
    checklist = [str(item["id"]) for item in manifest.get("inspection_checklist", ())]
    is_inspection = manifest["session"]["kind"] == "inspection"
    second_round = second_round_of(manifest) is not None
    items: list[MissingItem] = []
    categories = conflict_categories(manifest)
    hints = conflict_hints(manifest, seat_id)
    for pid in _assigned(manifest, seat_id):
        state = states.get(pid)
        if pid in hints:
            # The body's answer follows the declaration (§2.4.1); "no conflict" needs a reason.
            declared = state is not None and state.conflict_declared
            if _hint_answer(state) not in ("conflict", "no_conflict") or (
                    not declared and not _text(getattr(state, "hint_reason", ""))):
                items.append(MissingItem(pid, None, "hint", "the pre-screened conflict is not "
                                         "answered (with a reason for no conflict)"))
        if state is not None and state.conflict_declared:
            if not _text(state.conflict_reason):
                items.append(MissingItem(pid, None, "conflict_reason",
                                         "a declared conflict needs a reason"))
            if categories and _category(state) not in categories:
                items.append(MissingItem(pid, None, "conflict_category",
                                         "a declared conflict needs its category"))
            continue
        for criterion in rubric.criteria:
            typed = _text(state.scores.get(criterion.id)) if state else ""
            if not typed:
                items.append(MissingItem(pid, criterion.id, "score",
                                         f"no score for {criterion.name}"))
                continue
            try:
                score = rubric.validate_score(criterion.id, typed)
            except ScoreError as exc:
                items.append(MissingItem(pid, criterion.id, "invalid_score", str(exc)))
                continue
            comment = _text(state.comments.get(criterion.id)) if state else ""
            if rubric.comment_required(criterion.id, score) and not comment:
                band = criterion.band_for(score)
                items.append(MissingItem(pid, criterion.id, "comment_required",
                                         f"a score in the band {band.name if band else ''} "
                                         f"for {criterion.name} needs a comment",
                                         score=score, band_id=band.id if band else None))
        if second_round and not reason_of(state):
            items.append(MissingItem(pid, None, "reason",
                                     "a second-round score needs a reason"))
        if is_inspection:
            answered = {a.item_id for a in visits[pid].checklist} if pid in visits else set()
            items.extend(MissingItem(pid, item_id, "checklist",
                                     f"checklist item {item_id} not answered")
                         for item_id in checklist if item_id not in answered)
    return items


def build_body(manifest: Mapping[str, Any], *, manifest_sha256: str, seat_id: str,
               expert_name: str, states: Mapping[str, ProjectInput], public_key: bytes,
               seat_code: str | None, revision: int = 1, previous_sha256: str | None = None,
               created_at: dt.datetime | None = None,
               inspection: Iterable[InspectionVisit] = (),
               commitment_accepted_at: dt.datetime | None = None) -> SheetBody:
    """Build the body an expert signs, after checking it is complete.

    Args:
        manifest: the package manifest (with ``package_id``).
        manifest_sha256: hex SHA-256 of the manifest plaintext.
        states: what the expert entered, by project id (``ProjectState``).
        public_key: the expert's raw 32-byte Ed25519 public key.
        seat_code: the seat code the expert typed; None only for a seat with an
            enrolled key (the body's ``seat_claim`` is then null). For a format-2
            package the key must be the seat key derived from this code
            (:func:`~reviewer_app.sheets.seat_keys.sheet_signing_key`) or the
            seat's enrolled key; the body then has no claim.
        revision: 1 for the first export, then one more than the last export.
        previous_sha256: the last export's body SHA-256 (None for revision 1).
        created_at: defaults to now.
        inspection: one visit per non-conflicted project of an inspection session.
        commitment_accepted_at: when the expert accepted the package's commitment;
            required for a package of manifest format 4 (its sheets are format 3).

    Raises:
        SheetIncomplete: something is missing; ``items`` lists it (see :func:`missing_items`).
        SheetError: unknown seat, a bad seat code, revision, or an inconsistent result.
    """
    package_id = manifest.get("package_id")
    if not isinstance(package_id, str) or not re.fullmatch(r"[0-9a-f]{32}", package_id):
        raise SheetError("the package manifest has no valid package_id")
    visits = list(inspection)
    missing = missing_items(manifest, seat_id, states, visits)
    if missing:
        summary = "; ".join(f"{m.project_id}"
                            f"{'/' + m.criterion_id if m.criterion_id else ''}: {m.kind}"
                            for m in missing[:10])
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        raise SheetIncomplete(f"the sheet is incomplete: {summary}{more}", tuple(missing))
    if revision < 1 or (revision == 1) != (previous_sha256 is None):
        raise SheetError("revision 1 has no previous sheet; every later revision names one")
    if seat_code is None and not _enrolled(manifest, seat_id):
        raise SheetError(f"seat {seat_id} has no enrolled key: the seat code is required")
    suite = package_suite(manifest)
    if has_seat_keys(manifest) and suite is None:
        raise SheetError("the package names an algorithm suite this application does not know")
    try:
        claim = None if seat_code is None or suite is not None else seat_claim_for(
            seat_code, package_id, public_key)
    except SeatCodeError as exc:
        raise SheetError(f"seat code: {exc}") from exc
    rubric = Rubric.from_dict(manifest["rubric"])
    kind = manifest["session"]["kind"]
    form, commitment = SHEET_FORMAT if suite is None else SHEET_FORMAT_2, None
    second_round = second_round_of(manifest)
    if second_round is not None:
        form = SHEET_FORMAT_4  # a second round (manifest format 5): no 承诺书 member
    elif suite is not None and "commitment" in manifest:
        if commitment_accepted_at is None:
            raise SheetError("the commitment (承诺书) of this package has not been accepted")
        form = SHEET_FORMAT_3
        commitment = CommitmentAcceptance(str(manifest["commitment"]["sha256"]),
                                          format_created_at(commitment_accepted_at))
    hints = conflict_hints(manifest, seat_id)
    conflicted: set[str] = set()
    entries = []
    for pid in _assigned(manifest, seat_id):
        entry = _entry(pid, states.get(pid), rubric)
        if form == SHEET_FORMAT_3:
            entry = _with_format_3(entry, states.get(pid), pid in hints)
        if second_round is not None:
            entry = replace(entry, reason="" if entry.conflict.declared
                            else reason_of(states.get(pid)))
        if entry.conflict.declared:
            conflicted.add(pid)
        entries.append(entry)
    visit_by_project = {v.project_id: v for v in visits}
    body = SheetBody(
        kind=kind,
        created_at=format_created_at(created_at or dt.datetime.now(dt.UTC)),
        package_id=package_id,
        manifest_sha256=manifest_sha256,
        seat_id=seat_id,
        expert_name=_text(expert_name),
        public_key=public_key,
        key_id=key_id_for(public_key),
        seat_claim=claim,
        revision=revision,
        previous_sha256=previous_sha256,
        projects=tuple(entries),
        inspection=tuple(_visit(visit_by_project[p.project_id]) for p in entries
                         if p.project_id not in conflicted) if kind == "inspection" else None,
        format=form,
        suite=suite,
        commitment=commitment,
        round=2 if second_round is not None else None,
        first_round_package_id=(str(second_round["first_round_package_id"])
                                if second_round is not None else None),
    )
    _self_check(body, manifest, manifest_sha256, seat_id, seat_code)
    return body


def _entry(pid: str, state: ProjectInput | None, rubric: Rubric) -> ProjectEntry:
    assert state is not None  # missing_items has reported absent projects
    if state.conflict_declared:
        return ProjectEntry(pid, Conflict(True, _text(state.conflict_reason)), {}, None)
    scores = {}
    for cid in rubric.criterion_ids:
        score = rubric.validate_score(cid, _text(state.scores[cid]))
        scores[cid] = Decimal(0) if score == 0 else score  # never "-0"
    comments = {cid: _text(state.comments.get(cid)) for cid in rubric.criterion_ids
                if _text(state.comments.get(cid))}
    evidence = sorted({EvidenceRef(e.criterion_id, int(e.member_id), int(e.page))
                       for e in state.evidence if e.criterion_id in scores},
                      key=lambda e: (e.criterion_id, e.member_id, e.page))
    return ProjectEntry(pid, Conflict(False, ""), scores, rubric.total(scores), comments,
                        _text(state.overall_comment), _text(state.recommendation),
                        tuple(evidence))


def _with_format_3(entry: ProjectEntry, state: Any, hinted: bool) -> ProjectEntry:
    """The category of a declared conflict and the answer to the seat's hint (§2.4.1)."""
    from dataclasses import replace

    conflict = entry.conflict
    if conflict.declared:
        conflict = replace(conflict, category=_category(state))
    hint = None
    if hinted:
        answer = "conflict" if conflict.declared else "no_conflict"
        hint = HintAnswer(answer, _text(getattr(state, "hint_reason", "")))
    return replace(entry, conflict=conflict, hint=hint)


def _visit(visit: InspectionVisit) -> InspectionVisit:
    return InspectionVisit(visit.project_id, tuple(visit.checklist), _text(visit.findings),
                           _text(visit.recommendation), tuple(visit.photos))


def _self_check(body: SheetBody, manifest: Mapping[str, Any], manifest_sha256: str,
                seat_id: str, seat_code: str | None) -> None:
    # The builder must never produce what the verifier refuses: check with the same code.
    codes = {seat_id: seat_code} if seat_code else None
    context = SheetContext.from_manifest(manifest, manifest_sha256, codes)
    try:
        check_body(check_shape(strict_loads(canonical_bytes(body.to_dict()))), context)
    except (SheetRejected, ValueError) as exc:
        raise SheetError(f"the sheet would be rejected: {exc}") from exc


def sign_body(body: SheetBody, private_key: Ed25519PrivateKey) -> SignedSheet:
    """Encode ``body`` canonically and sign it.

    Raises:
        SheetError: the key is not the one named in the body.
    """
    if raw_public_key(private_key.public_key()) != body.public_key:
        raise SheetError("the signing key is not the key named in the sheet")
    body_bytes = canonical_bytes(body.to_dict())
    return SignedSheet(body, body_bytes, hashlib.sha256(body_bytes).hexdigest(),
                       seal(body_bytes, private_key, payload_type_for(body.format)))


def build_sheet(manifest: Mapping[str, Any], *, manifest_sha256: str, seat_id: str,
                expert_name: str, states: Mapping[str, ProjectInput],
                private_key: Ed25519PrivateKey, seat_code: str | None, revision: int = 1,
                previous_sha256: str | None = None, created_at: dt.datetime | None = None,
                inspection: Iterable[InspectionVisit] = (),
                commitment_accepted_at: dt.datetime | None = None) -> SignedSheet:
    """:func:`build_body` with the key's public half, then :func:`sign_body`."""
    body = build_body(manifest, manifest_sha256=manifest_sha256, seat_id=seat_id,
                      expert_name=expert_name, states=states,
                      public_key=raw_public_key(private_key.public_key()),
                      seat_code=seat_code, revision=revision, previous_sha256=previous_sha256,
                      created_at=created_at, inspection=inspection,
                      commitment_accepted_at=commitment_accepted_at)
    return sign_body(body, private_key)
