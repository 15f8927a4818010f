"""``reviewer-app --self-test``: prove that this installation works, in a few seconds.

Run after installing (from a checkout, a wheel, or the frozen bundle) and in CI. Each
step uses the real code the expert's session uses, on the demo package, and nothing of
the user's profile:

1. ``demo-package``: build the demo package (an encrypted, organizer-signed package of
   generated applications) and open it with its passphrase; its materials are read
   into memory only.
2. ``workspace``: create the encrypted workspace of the demo seat, save scores and
   comments to it, close it, open it again and read them back.
3. ``sheet``: sign the expert's score sheet from what was read back, with the seat
   key, export it with its PDF, and verify the exported file against the package as
   the secretariat does.
4. ``window``: build the main window in Chinese (Qt, platform plugin, translations,
   the CJK font).
5. ``render-pdf``, ``render-image``: render the first page of a PDF and an image
   through the real render worker process.

Everything happens in a private temporary folder that is removed afterwards; the
data folder is pointed there for the run, so no setting, workspace or cache of the
user is read or written. No keyring is used. One line goes to standard output; the
exit status is 0 when every step passed, 1 otherwise, naming the failing step.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer_app.paths import DATA_DIR_ENV

FLAG = "--self-test"
STEPS = ("demo-package", "workspace", "sheet", "window", "render-pdf", "render-image")


class StepFailed(Exception):
    """A self-test step found something wrong (the message says what, in English)."""


@dataclass
class _Run:
    tmp: Path
    timings: list[tuple[str, float]] = field(default_factory=list)
    demo: Any = None
    reader: Any = None
    states: dict[str, Any] = field(default_factory=dict)
    materials: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    accepted_at: Any = None  # the 承诺书 acceptance read back from the workspace


def run_self_test(out=None, err=None) -> int:
    """Run every step; print one line; return the exit status."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    started = time.perf_counter()
    saved_data_dir = os.environ.get(DATA_DIR_ENV)
    step = "setup"
    try:
        with tempfile.TemporaryDirectory(prefix="reviewer-selftest-") as tmp:
            run = _Run(Path(tmp))
            os.environ[DATA_DIR_ENV] = str(run.tmp / "data")
            try:
                for step, action in _steps():
                    begun = time.perf_counter()
                    action(run)
                    run.timings.append((step, time.perf_counter() - begun))
                step = "cleanup"
            finally:
                if run.reader is not None:
                    run.reader.close()
    except Exception as exc:  # every failure is reported with its step, nothing escapes
        _say(err, f"reviewer-app self-test: FAILED at {step}: {_describe(exc)}")
        return 1
    finally:
        if saved_data_dir is None:
            os.environ.pop(DATA_DIR_ENV, None)
        else:
            os.environ[DATA_DIR_ENV] = saved_data_dir
    steps = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in run.timings)
    _say(out, f"reviewer-app self-test: ok ({steps}; total "
              f"{time.perf_counter() - started:.2f} s)")
    return 0


def _say(stream, line: str) -> None:
    # A windowed Windows executable has no console: sys.stdout is None there, and the
    # exit status alone tells the result.
    if stream is not None:
        print(line, file=stream, flush=True)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _steps() -> tuple[tuple[str, Callable[[_Run], None]], ...]:
    actions = (_demo_package, _workspace, _sheet, _window, _render_pdf, _render_image)
    return tuple(zip(STEPS, actions, strict=True))


# --- the steps ---------------------------------------------------------------------
def _demo_package(run: _Run) -> None:
    from reviewer_app.central.demo_package import ensure_demo_package
    from reviewer_app.package import open_package

    run.demo = demo = ensure_demo_package(run.tmp / "demo")
    run.reader = reader = open_package(demo.path, trusted_keys={demo.organizer_fingerprint},
                                       passphrase=demo.passphrase)
    for member in reader.members:
        kind = "pdf" if member.media_type == "application/pdf" else \
            "image" if member.media_type in ("image/png", "image/jpeg") else None
        if kind and kind not in run.materials:
            run.materials[kind] = (member.id, member.media_type,
                                  reader.read_member(member.id))
    missing = {"pdf", "image"} - set(run.materials)
    if missing:
        raise StepFailed(f"the demo package has no {' or '.join(sorted(missing))} material")


def _workspace(run: _Run) -> None:
    from reviewer_app.gui.expert.session import Credentials, ReviewSession, open_package

    demo = run.demo
    path = run.tmp / "data" / "workspace.sqlite"
    credentials = Credentials(passphrase=demo.passphrase, seat_id=demo.seat_id,
                              seat_code=demo.seat_code)

    def session() -> ReviewSession:
        package = open_package(demo.path, credentials, {demo.organizer_fingerprint})
        return ReviewSession.start(package, seat_id=demo.seat_id, seat_code=demo.seat_code,
                                   workspace_path=path)

    commitment = (first := session()).package.manifest.get("commitment")
    try:
        if commitment is not None:
            first.store.accept_commitment(commitment["sha256"])
        changes = _entries_for(first)
        first.store.apply(changes)
        for change in changes:
            first.remember(change)
        saved = {pid: _entered(state) for pid, state in first.states.items()}
    finally:
        first.close()
    second = session()  # a new reader and a new database connection
    try:
        run.states = dict(second.states)
        if commitment is not None:
            run.accepted_at = second.store.commitment_accepted(commitment["sha256"])
            if run.accepted_at is None:
                raise StepFailed("the workspace did not keep the commitment acceptance")
    finally:
        second.close()
    read = {pid: _entered(state) for pid, state in run.states.items()}
    if not saved or read != saved:
        raise StepFailed("the workspace did not give back what was saved")


def _entered(state: Any) -> tuple[Any, ...]:
    return (dict(state.scores), dict(state.comments), state.overall_comment,
            state.recommendation)


def _entries_for(session: Any) -> list[Any]:
    """Scores on every assigned project (the top of each criterion's scale, with the
    comment its band may require) and a recommendation: a sheet that can be signed."""
    from reviewer_app.storage.workspace import FieldChange

    changes = []
    for project in session.projects:
        pid = project["project_id"]
        for criterion in session.rubric.criteria:
            changes.append(FieldChange(pid, "score", str(criterion.max), criterion.id))
            changes.append(FieldChange(pid, "comment", "自检：材料完整，论证充分。",
                                       criterion.id))
        changes.append(FieldChange(pid, "overall_comment", "自检 self-test"))
        changes.append(FieldChange(pid, "recommendation", "recommend"))
    return changes


def _accept_commitment(run: _Run) -> Any:
    """The 承诺书 acceptance the workspace step stored (None: the package has none)."""
    return run.accepted_at


def _sheet(run: _Run) -> None:
    from reviewer_app.sheets.build import build_sheet, missing_items
    from reviewer_app.sheets.context import SheetContext
    from reviewer_app.sheets.export import export_sheet
    from reviewer_app.sheets.seat_keys import sheet_signing_key
    from reviewer_app.sheets.verify import verify_sheet

    demo, reader = run.demo, run.reader
    manifest = reader.manifest
    missing = missing_items(manifest, demo.seat_id, run.states)
    if missing:
        raise StepFailed(f"the sheet cannot be signed: {missing[0].detail or missing[0].kind}")
    key = sheet_signing_key(manifest, demo.seat_id, demo.seat_code, None)
    sheet = build_sheet(manifest, manifest_sha256=reader.manifest_sha256,
                        seat_id=demo.seat_id, expert_name="自检专家", states=run.states,
                        private_key=key, seat_code=demo.seat_code,
                        commitment_accepted_at=_accept_commitment(run))
    folder = run.tmp / "export"
    folder.mkdir()
    revsheet, pdf = export_sheet(folder, sheet, manifest)  # with its PDF (reportlab, font)
    if not pdf.read_bytes().startswith(b"%PDF-"):
        raise StepFailed("the sheet's PDF is not a PDF")
    context = SheetContext.from_manifest(manifest, reader.manifest_sha256)
    verified = verify_sheet(revsheet.read_bytes(), context)
    if verified.body_sha256 != sheet.body_sha256:
        raise StepFailed("the verified sheet is not the one signed")


def _window(run: _Run) -> None:
    from reviewer_app.gui.selftest_steps import check_window

    check_window()


def _render_pdf(run: _Run) -> None:
    _render(run, "pdf")


def _render_image(run: _Run) -> None:
    _render(run, "image")


def _render(run: _Run, kind: str) -> None:
    from reviewer_app.gui.selftest_steps import render_first_page

    member_id, media_type, data = run.materials[kind]
    render_first_page(member_id, data, media_type)
