"""What a sheet is checked against: one package's manifest and, optionally, its seat codes."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reviewer_app.core.errors import ProgramError
from reviewer_app.core.rubric import Criterion, Rubric
from reviewer_app.core.seat_codes import SeatCodeError, canonical_seat_code
from reviewer_app.package.format import (
    MANIFEST_FORMAT_4,
    MANIFEST_FORMAT_5,
    SEAT_KEY_FORMATS,
    SUITES,
)
from reviewer_app.sheets.body import (
    KINDS,
    SHEET_FORMAT,
    SHEET_FORMAT_2,
    SHEET_FORMAT_3,
    SHEET_FORMAT_4,
)
from reviewer_app.sheets.errors import SheetContextError

_HEX = re.compile(r"[0-9a-f]+")


@dataclass(frozen=True)
class SheetContext:
    """The package facts a sheet must agree with.

    Attributes:
        seat_keys: enrolled raw Ed25519 public key per seat, or None where the seat
            proves itself with a seat code instead.
        seat_codes: canonical seat code per seat, for checking seat claims; seats
            without a code and without an enrolled key verify as "not proven".
        require_seat_proof: reject ("seat not proven") instead of reporting it.
        suite: the algorithm suite of a format-2 package, None for format 1.
        seat_code_keys: format 2: each seat's raw Ed25519 public key, derived from
            its seat code (``seats[].seat_key``); the sheet must be signed with it
            (or with the seat's enrolled key). Format 1 has none.
    """

    package_id: str
    manifest_sha256: str
    kind: str
    rubric: Rubric
    seat_keys: Mapping[str, bytes | None]
    assignments: Mapping[str, tuple[str, ...]]
    checklist_ids: tuple[str, ...] = ()
    seat_codes: Mapping[str, str] = field(default_factory=dict)
    require_seat_proof: bool = False
    suite: str | None = None
    seat_code_keys: Mapping[str, bytes] = field(default_factory=dict)
    commitment_sha256: str | None = None
    """Manifest format 4: the SHA-256 of its commitment text; sheets are then format 3."""
    conflict_categories: frozenset[str] = frozenset()
    conflict_hints: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Manifest format 4: per seat, the projects the build pre-screened as likely conflicts."""
    first_round_package_id: str | None = None  # a second-round package (manifest format 5)
    # Derived once, for the per-project checks of many sheets.
    criteria: tuple[Criterion, ...] = field(init=False, repr=False, compare=False)
    criterion_ids: frozenset[str] = field(init=False, repr=False, compare=False)
    assigned_sets: Mapping[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    score_scales: tuple[tuple[str, dict[str, Decimal]], ...] = field(init=False, repr=False,
                                                                     compare=False)
    """Per criterion (in rubric order), its id and the score spellings found valid, with
    their values.

    A cache (the one mutable part): a panel's scores are a few dozen spellings
    repeated thousands of times, and range and step need only be judged once each.
    """

    @property
    def sheet_format(self) -> str:
        """The body format every sheet of this package must have."""
        if self.suite is None:
            return SHEET_FORMAT
        if self.first_round_package_id is not None:
            return SHEET_FORMAT_4
        return SHEET_FORMAT_2 if self.commitment_sha256 is None else SHEET_FORMAT_3

    def __post_init__(self) -> None:
        derived = {
            "criteria": self.rubric.criteria,
            "criterion_ids": frozenset(self.rubric.criterion_ids),
            "assigned_sets": {seat: frozenset(projects)
                              for seat, projects in self.assignments.items()},
            "score_scales": tuple((c.id, {}) for c in self.rubric.criteria),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    @classmethod
    def from_manifest(cls, manifest: Mapping[str, Any], manifest_sha256: str,
                      seat_codes: Mapping[str, str] | None = None, *,
                      require_seat_proof: bool = False) -> SheetContext:
        """Build a context from a decrypted package manifest (docs/formats.md §1.8).

        Args:
            manifest: the parsed manifest, including ``package_id``.
            manifest_sha256: hex SHA-256 of the manifest plaintext bytes.
            seat_codes: seat id -> seat code as printed or typed (canonicalised here).
                Only format-1 packages use them; a format-2 package's seats prove
                themselves by their keys, and codes given for it are not kept.

        Raises:
            SheetContextError: the manifest lacks what verification needs, or a seat
                code is malformed or names a seat the manifest does not have.
        """
        try:
            return cls._from_manifest(manifest, manifest_sha256, seat_codes or {},
                                      require_seat_proof)
        except (KeyError, TypeError, AttributeError) as exc:
            detail = f"missing {exc.args[0]!r}" if isinstance(exc, KeyError) else str(exc)
            raise SheetContextError(f"package manifest: {detail}") from exc

    @classmethod
    def _from_manifest(cls, manifest: Mapping[str, Any], manifest_sha256: str,
                       seat_codes: Mapping[str, str], require_seat_proof: bool) -> SheetContext:
        package_id = manifest["package_id"]
        if not _is_hex(package_id, 32):
            raise SheetContextError("package manifest: package_id must be 32 lowercase hex")
        if not _is_hex(manifest_sha256, 64):
            raise SheetContextError("manifest sha-256 must be 64 lowercase hex digits")
        kind = manifest["session"]["kind"]
        if kind not in KINDS:
            raise SheetContextError(f"package manifest: unknown session kind {kind!r}")
        try:
            rubric = Rubric.from_dict(manifest["rubric"])
        except ProgramError as exc:
            raise SheetContextError(f"package manifest: {exc}") from exc
        seat_keys: dict[str, bytes | None] = {}
        for seat in manifest["seats"]:
            seat_keys[str(seat["seat_id"])] = _enrolled_key(seat)
        suite, seat_code_keys = _seat_code_keys(manifest)
        if suite is not None:
            seat_codes = {}
        assignments = {str(seat_id): tuple(str(p) for p in projects)
                       for seat_id, projects in manifest["assignments"].items()}
        codes: dict[str, str] = {}
        for seat_id, code in seat_codes.items():
            if seat_id not in seat_keys:
                raise SheetContextError(f"seat codes: seat {seat_id!r} is not in the package")
            try:
                codes[seat_id] = canonical_seat_code(code)
            except SeatCodeError as exc:
                raise SheetContextError(f"seat codes: seat {seat_id}: {exc}") from exc
        checklist = tuple(str(item["id"]) for item in manifest.get("inspection_checklist", ()))
        commitment, categories, hints = None, frozenset(), {}
        if manifest.get("format") == MANIFEST_FORMAT_4:
            commitment = str(manifest["commitment"]["sha256"])
            categories = frozenset(str(c["id"]) for c in manifest["conflict_categories"])
            hints = {str(seat["seat_id"]): frozenset(str(h["project_id"])
                                                     for h in seat["conflict_hints"])
                     for seat in manifest["seats"]}
        first_round = None
        if manifest.get("format") == MANIFEST_FORMAT_5:
            first_round = str(manifest["second_round"]["first_round_package_id"])
            if not _is_hex(first_round, 32) or kind != "panel":
                raise SheetContextError("package manifest: a second round is a panel naming "
                                        "its first round's 32-hex package id")
        return cls(package_id=package_id, manifest_sha256=manifest_sha256, kind=kind,
                   rubric=rubric, seat_keys=seat_keys, assignments=assignments,
                   checklist_ids=checklist, seat_codes=codes,
                   require_seat_proof=require_seat_proof, suite=suite,
                   seat_code_keys=seat_code_keys, commitment_sha256=commitment,
                   conflict_categories=categories, conflict_hints=hints,
                   first_round_package_id=first_round)

    def assigned(self, seat_id: str) -> tuple[str, ...]:
        return self.assignments.get(seat_id, ())


def _seat_code_keys(manifest: Mapping[str, Any]) -> tuple[str | None, dict[str, bytes]]:
    """A format-2 manifest's suite and every seat's ``seat_key``; (None, {}) for format 1."""
    if manifest.get("format") not in SEAT_KEY_FORMATS:
        return None, {}
    suite = manifest.get("suite")
    if suite not in SUITES:
        raise SheetContextError(f"package manifest: unknown suite {str(suite)[:64]!r}")
    keys = {}
    for seat in manifest["seats"]:
        key = _ed25519_key(seat, "seat_key")
        if key is None:
            raise SheetContextError(f"package manifest: seat {seat['seat_id']} has no seat_key")
        keys[str(seat["seat_id"])] = key
    return suite, keys


def _enrolled_key(seat: Mapping[str, Any]) -> bytes | None:
    return _ed25519_key(seat, "public_key")


def _ed25519_key(seat: Mapping[str, Any], name: str) -> bytes | None:
    encoded = seat.get(name)
    if not encoded:
        return None
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SheetContextError(f"package manifest: seat {seat['seat_id']}: {name} is "
                                "not base64") from exc
    if len(key) != 32:
        raise SheetContextError(f"package manifest: seat {seat['seat_id']}: {name} is "
                                "not a 32-byte ed25519 key")
    return key


def _is_hex(value: object, length: int) -> bool:
    return isinstance(value, str) and len(value) == length and bool(_HEX.fullmatch(value))
