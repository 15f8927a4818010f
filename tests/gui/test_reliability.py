"""Reliability of the workspace (issue 4): kill -9 while typing, no plaintext on disk,
no network."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer_app.storage.encrypted import ExpertSecret
from reviewer_app.storage.workspace import WorkspaceStore
from tests.gui.conftest import open_and_unlock, type_text
from tests.gui.fakes import MARKER, PACKAGE_ID, SEAT_CODE

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20
PARALLEL = 5


def _start(manifest_file: Path, data_dir: Path, seed: int) -> subprocess.Popen:
    env = {**os.environ, "REVIEWER_APP_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.gui.kill_child", str(manifest_file),
                             str(seed)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)


def _check(lines: list[str], data_dir: Path, manifest: dict) -> int:
    """Every value the indicator showed as saved is in the database (or a later one)."""
    typed: dict[tuple, list[str]] = {}
    position = {}
    last_saved = None
    for number, line in enumerate(lines):
        if line.startswith("TYPED "):
            pid, field, cid, value = json.loads(line[6:])
            typed.setdefault((pid, field, cid), []).append(value)
            position[(pid, field, cid, value)] = number
        elif line.startswith("SAVED "):
            last_saved = (number, json.loads(line[6:]))
    db = data_dir / "workspaces" / f"{PACKAGE_ID}-S01.sqlite"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    if last_saved is None:
        return 0
    saved_at, snapshot = last_saved
    store = WorkspaceStore(db, b"k" * 32, ExpertSecret.from_seat_code(SEAT_CODE),
                           package_id=PACKAGE_ID, manifest_sha256=_sha(manifest), seat_id="S01")
    try:
        states = store.load()
    finally:
        store.close()
    checked = 0
    for pid, entry in snapshot.items():
        for field, values in (("score", entry["scores"]), ("comment", entry["comments"])):
            for cid, value in values.items():
                stored = getattr(states[pid], "scores" if field == "score" else "comments") \
                    .get(cid)
                later = [v for v in typed.get((pid, field, cid), [])
                         if position[(pid, field, cid, v)] > saved_at]
                # Typing a comment builds it key by key: a later commit may hold a prefix.
                assert stored == value or any(v.startswith(stored or "\0") for v in later), \
                    (pid, field, cid, value, stored)
                checked += 1
    return checked


def _sha(manifest: dict) -> str:
    import hashlib
    raw = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(raw).hexdigest()


def test_sigkill_while_typing_loses_nothing_saved(tmp_path, fake_content):
    manifest, _members = fake_content
    manifest_file = tmp_path / "manifest.json"
    manifest_file.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    rng = random.Random(4)
    checked_total = 0
    for batch in range(KILLS // PARALLEL):
        runs = []
        for i in range(PARALLEL):
            data_dir = tmp_path / f"run{batch}-{i}"
            runs.append((_start(manifest_file, data_dir, rng.randrange(10**6)), data_dir))
        for proc, _data_dir in runs:
            assert proc.stdout.readline().strip() == "READY"
        time.sleep(0.3)
        for proc, _ in runs:  # kill each at its own random moment
            time.sleep(rng.uniform(0.05, 0.5))
            proc.send_signal(signal.SIGKILL)
        for proc, data_dir in runs:
            out, _ = proc.communicate(timeout=30)
            assert proc.returncode == -signal.SIGKILL
            checked_total += _check(out.splitlines(), data_dir, manifest)
    assert checked_total > KILLS  # the runs did save things before being killed


def _files_under(*roots: Path):
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = Path(dirpath) / name
                try:
                    if path.is_file() and path.stat().st_size < 512 * 1024 * 1024:
                        yield path
                except OSError:
                    continue


def test_no_plaintext_material_on_disk_after_a_session(qtbot, make_window, opener,
                                                       package_file, data_dir, tmp_path):
    import tempfile

    started = time.time()
    window = make_window(opener)
    open_and_unlock(qtbot, window, package_file)
    read = 0
    for row in range(3):
        window.select_project_row(row)
        for _ in range(8):
            qtbot.waitUntil(lambda: window.viewer.member_id > 0
                            and window.viewer.stack.currentWidget() is not
                            window.viewer._busy_page, timeout=5000)
            read += 1
            window.step_material(+1)
        cid = window.session.rubric.criterion_ids[0]
        type_text(qtbot, window.rubric_panel.editors[cid].comment, "阅读后评语")
    window.close()
    assert read >= 24
    markers = [MARKER.format(pid=p, cat=c).encode() for p in ("P1", "P2", "P3")
               for c in range(1, 9)]
    members = b"".join(opener.members.values())
    assert all(marker in members for marker in markers)  # the scan below can find them
    roots = [data_dir, Path(tempfile.gettempdir()), Path.cwd()]
    offenders = []
    for path in _files_under(*roots):
        try:
            if path.stat().st_mtime < started - 1:
                continue  # only what this session could have written
            data = path.read_bytes()
        except OSError:
            continue
        if any(marker in data for marker in markers):
            offenders.append(str(path))
    assert offenders == []


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_whole_session_without_network(qtbot, no_network, make_window, opener, package_file):
    window = make_window(opener)
    open_and_unlock(qtbot, window, package_file)
    qtbot.waitUntil(window.viewer.is_pdf, timeout=5000)
    cid = window.session.rubric.criterion_ids[0]
    qtbot.keyClicks(window.rubric_panel.editors[cid].score, "12")
    window.lock()
    dialog = window.unlock()
    from tests.gui.conftest import fill_unlock
    fill_unlock(qtbot, dialog)
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
    assert window.rubric_panel.editors[cid].score.text() == "12"
