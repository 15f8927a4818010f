"""Everything the app and reviewer-admin create is owner-only whatever the umask
(issue 11, item 4): helpers in-process under umask 0022, and a whole secretariat
round in real subprocesses started with umask 0022."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from reviewer_app.atomic import atomic_write_bytes
from reviewer_app.files import private_dir, private_file, write_private_bytes
from reviewer_app.storage.engines import sqlite_engine

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes (files.py docstring)")


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def modes(root: Path) -> dict[str, str]:
    """Every path under ``root`` whose mode is not 0600 (files) or 0700 (folders)."""
    wrong = {}
    for path in sorted(root.rglob("*")):
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode != (0o700 if path.is_dir() else 0o600):
            wrong[str(path.relative_to(root))] = f"{mode:04o}"
    return wrong


def test_helpers_are_owner_only_under_a_permissive_umask(tmp_path: Path) -> None:
    with umask(0o022):
        private_dir(tmp_path / "a" / "b" / "c")
        assert private_file(tmp_path / "a" / "db") is True
        assert private_file(tmp_path / "a" / "db") is False  # an existing file is kept
        write_private_bytes(tmp_path / "a" / "b" / "w.csv", b"x")
        atomic_write_bytes(tmp_path / "a" / "b" / "c" / "r.json", b"{}")
    assert modes(tmp_path) == {}
    assert (tmp_path / "a" / "b" / "w.csv").read_bytes() == b"x"


def test_existing_folders_keep_their_mode(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    with umask(0o022):
        private_dir(shared / "out")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE((shared / "out").stat().st_mode) == 0o700
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(NotADirectoryError):
        private_dir(tmp_path / "file")


def test_sqlite_database_and_its_wal_and_shm_are_owner_only(tmp_path: Path) -> None:
    with umask(0o022):
        private_dir(tmp_path / "store")
        engine = sqlite_engine(tmp_path / "store" / "central.sqlite")
        try:
            with engine.begin() as connection:
                connection.execute(text("CREATE TABLE t (x)"))
                connection.execute(text("INSERT INTO t VALUES (1)"))
            with engine.connect() as connection:  # the WAL exists while it is open
                assert connection.execute(text("SELECT x FROM t")).scalar() == 1
                names = sorted(p.name for p in (tmp_path / "store").iterdir())
                assert names == ["central.sqlite", "central.sqlite-shm", "central.sqlite-wal"]
                assert modes(tmp_path) == {}
        finally:
            engine.dispose()


def test_a_secretariat_round_creates_nothing_others_can_read(tmp_path: Path) -> None:
    """README's workflow, each command a real process started with umask 0022."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    env.pop("REVIEWER_APP_DATA_DIR", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))

    def admin(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "reviewer_app.cli.admin", *args],
                              cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300, preexec_fn=lambda: os.umask(0o022))
        assert done.returncode == 0, (args, done.stderr)
        assert "readable by" not in done.stderr  # our own passphrase files are private
        return done.stdout

    admin("passphrase", "--out", "pass.txt")
    admin("passphrase", "--out", "organizer-pass.txt")
    admin("demo-intake", "intake", "--projects", "3", "--seats", "2", "--seed", "5")
    org = ("--organizer-passphrase-file", "organizer-pass.txt")
    admin("build", "intake", "--out", "session.revpkg", "--passphrase-file", "pass.txt",
          "--seat-codes-out", "seat-codes.csv", *org)
    admin("demo-sheets", "session.revpkg", "--passphrase-file", "pass.txt", "--seat-codes",
          "seat-codes.csv", "--out", "out/sheets", *org)
    sheets = sorted(str(p) for p in (tmp_path / "out" / "sheets").glob("*.revsheet"))
    assert sheets
    admin("merge", *sheets, "--db", "sqlite:///central.sqlite", "--package", "session.revpkg",
          "--passphrase-file", "pass.txt", "--seat-codes", "seat-codes.csv", *org)
    admin("results", "--db", "sqlite:///central.sqlite", "--out", "out/results")
    admin("publicity", "--db", "sqlite:///central.sqlite", "--start", "2026-09-30",
          "--out", "notice")
    admin("extract", "session.revpkg", "--passphrase-file", "pass.txt", "--member", "1",
          "--out", "member.bin")
    created = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")}
    assert {"data", "intake", "out", "notice", "central.sqlite", "seat-codes.csv",
            "session.revpkg", "pass.txt", "member.bin"} <= created
    assert (tmp_path / "data" / "reviewer-app" / "keys" / "organizer-signing-key.key").is_file()
    assert (tmp_path / "out" / "results" / "results.pdf").is_file()
    assert modes(tmp_path) == {}
