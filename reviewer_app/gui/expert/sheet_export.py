"""Which revision to export, and the export itself (no Qt: the GUI calls in, tests too).

The workspace records each exported revision and its body hash. A body also holds
``created_at``, so "has anything changed since the last export?" cannot be answered
from the hash alone: an *export memo* beside the workspace keeps the last export's
``created_at``, ``previous_sha256`` and expert name. Rebuilding with those yields
the very same bytes exactly when nothing else changed (signatures are
deterministic), and then the same revision is re-exported instead of a new one.
The memo holds no scores; a missing or stale memo only costs an extra revision.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reviewer_app.atomic import atomic_write_bytes
from reviewer_app.core.seat_codes import SeatCodeError
from reviewer_app.gui.expert.inspection_state import session_visits
from reviewer_app.sheets.build import SignedSheet, build_sheet
from reviewer_app.sheets.errors import SheetError
from reviewer_app.sheets.seat_keys import sheet_signing_key

MEMO_FORMAT = "reviewer-app/export-memo/1"


@dataclass(frozen=True)
class ExportMemo:
    """What is needed to rebuild the last exported body byte for byte."""

    revision: int
    body_sha256: str
    created_at: str
    previous_sha256: str | None
    expert_name: str


@dataclass(frozen=True)
class ExportPlan:
    """A signed sheet ready to write; ``unchanged`` when it is the last export again."""

    sheet: SignedSheet
    unchanged: bool
    signing_key: Any = None   # the Ed25519 key that signed it (signs its photo package too)


MEMO_SUFFIX = ".exports.json"


def memo_path(workspace_path: Path) -> Path:
    return Path(workspace_path).with_suffix(MEMO_SUFFIX)


def read_memo(path: Path, seat_id: str) -> ExportMemo | None:
    try:
        obj = json.loads(Path(path).read_text(encoding="utf-8"))
        if obj.get("format") != MEMO_FORMAT:
            return None
        entry = obj["seats"][seat_id]
        return ExportMemo(int(entry["revision"]), str(entry["body_sha256"]),
                          str(entry["created_at"]), entry["previous_sha256"],
                          str(entry["expert_name"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_memo(path: Path, seat_id: str, memo: ExportMemo) -> None:
    path = Path(path)
    seats = {}
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
        seats = dict(json.loads(path.read_text(encoding="utf-8"))["seats"])
    seats[seat_id] = asdict(memo)
    atomic_write_bytes(path, json.dumps({"format": MEMO_FORMAT, "seats": seats},
                                        ensure_ascii=False, indent=1).encode("utf-8"),
                       mode=0o600)


def last_expert_name(session) -> str:
    """The name used at the last export, if remembered."""
    memo = read_memo(memo_path(session.store.path), session.seat_id)
    return memo.expert_name if memo else ""


def _parse_created_at(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def _commitment_accepted(session):
    """When this workspace accepted the package's 承诺书 (manifest format 4), else None."""
    commitment = session.package.manifest.get("commitment")
    if not isinstance(commitment, dict):
        return None
    return session.store.commitment_accepted(str(commitment.get("sha256", "")))


def plan_export(session, signing_key, expert_name: str) -> ExportPlan:
    """Sign the expert's entries as the next revision, or as the last one if unchanged.

    Args:
        session: the open :class:`~reviewer_app.gui.expert.session.ReviewSession`.
        signing_key: the expert's own Ed25519 private key; None when the package
            proves seats by seat keys and a seat code was typed (the sheet is then
            signed with the seat key derived from it: ``needs_own_key``).
        expert_name: as the expert confirmed it.

    Raises:
        SheetIncomplete: something is missing.
        SheetError: the sheet cannot be built (bad seat code, key not enrolled, ...).
    """
    package = session.package
    try:
        key = sheet_signing_key(package.manifest, session.seat_id, session.seat_code or None,
                                signing_key)
    except SeatCodeError as exc:
        raise SheetError(f"seat code: {exc}") from exc
    common = dict(manifest_sha256=package.manifest_sha256, seat_id=session.seat_id,
                  expert_name=expert_name, states=session.states, private_key=key,
                  seat_code=session.seat_code or None,
                  inspection=session_visits(session),
                  commitment_accepted_at=_commitment_accepted(session))
    last = session.store.last_export()
    if last is None:
        return ExportPlan(build_sheet(package.manifest, revision=1, **common), False, key)
    memo = read_memo(memo_path(session.store.path), session.seat_id)
    if memo is not None and (memo.revision, memo.body_sha256) == tuple(last):
        try:
            again = build_sheet(package.manifest, revision=memo.revision,
                                previous_sha256=memo.previous_sha256,
                                created_at=_parse_created_at(memo.created_at), **common)
        except (SheetError, ValueError):
            again = None  # e.g. the memo is from an older app version: export anew
        if again is not None and again.body_sha256 == last[1]:
            return ExportPlan(again, True, key)
    return ExportPlan(build_sheet(package.manifest, revision=last[0] + 1,
                                  previous_sha256=last[1], **common), False, key)


def already_there(folder: Path, sheet: SignedSheet, *,
                  with_photos: bool = False) -> tuple[Path, Path] | None:
    """The paths when ``folder`` already holds exactly this sheet and its PDF (and,
    ``with_photos``, a photo package of it)."""
    from reviewer_app.sheets.export import export_paths
    from reviewer_app.sheets.photos import photo_package_name

    revsheet, pdf = export_paths(folder, sheet)
    if with_photos and not (Path(folder) / photo_package_name(sheet)).is_file():
        return None
    try:
        if revsheet.read_bytes() == sheet.envelope and pdf.is_file():
            return revsheet, pdf
    except OSError:
        pass
    return None


def photo_export(session, plan: ExportPlan):
    """How to write the sheet's photo package, or None: no photos, or a package
    without the organizer's return key (format 1 or 2: the photos stay here)."""
    from reviewer_app.sheets.export import PhotoExport
    from reviewer_app.sheets.photos import return_recipient, sheet_photos

    key = return_recipient(session.package.manifest)
    if key is None or not sheet_photos(plan.sheet) or session.inspection is None:
        return None
    return PhotoExport(key, plan.signing_key, session.inspection.image)


def photos_left_behind(session, sheet: SignedSheet) -> int:
    """How many of the sheet's photos cannot travel with it (the package has no return
    key): the export says so."""
    from reviewer_app.sheets.photos import return_recipient, sheet_photos

    photos = sheet_photos(sheet)
    return len(photos) if photos and return_recipient(session.package.manifest) is None else 0


def write_export(session, plan: ExportPlan, folder: Path, *,
                 pdf: bytes | None = None) -> tuple[Path, Path]:
    """Write both files, then record the revision (only once they are safely written).
    ``pdf`` is the sheet's PDF if it was rendered already (off the GUI thread).

    Raises:
        ExportFailed: nothing was written and nothing recorded.
    """
    # Imported here: it brings reportlab (~0.2 s), which unlocking must not wait for
    # (this module is imported at every unlock for MEMO_SUFFIX).
    from reviewer_app.sheets.export import export_sheet

    paths = export_sheet(folder, plan.sheet, session.package.manifest, pdf=pdf,
                         photos=photo_export(session, plan))
    if not plan.unchanged:
        body = plan.sheet.body
        session.store.record_export(body.revision, plan.sheet.body_sha256)
        with contextlib.suppress(OSError):  # the memo is an optimisation (see above)
            write_memo(memo_path(session.store.path), session.seat_id, ExportMemo(
                body.revision, plan.sheet.body_sha256, body.created_at, body.previous_sha256,
                body.expert_name))
    return paths
