"""central/second_round.py as the desk uses it: the outline (who is asked, who is not
and why), the letters a second-round build writes, what a cancel or a failed letter
leaves, and the refusal of a project that has a second round already (issue 14,
item 4; rule R2, docs/architecture.md §8: one second-round review per seat and project).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from reviewer_app.central.demo_intake import generate_demo_intake
from reviewer_app.central.merge_files import organizer_of_this_desk
from reviewer_app.central.results import compute_results
from reviewer_app.central.second_round import (
    AlreadyInSecondRound,
    NotRegistered,
    build_second_round_with_letters,
    outline_second_round,
)
from reviewer_app.cli.admin import main as admin
from reviewer_app.package import open_package
from reviewer_app.storage.engines import central_engine

PASSPHRASE = "排练 passphrase 2026"
ORGANIZER = "organizer secret: fjord-wren-basalt-19"
NEW_PASSPHRASE = "quartz-lantern-meadow-orbit-7341"


class Stop(Exception):
    pass


@pytest.fixture
def round1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_keyring: None):
    """A merged first round (demo seed 3: AI2026-0001 divergent, seat S06 recused on
    AI2026-0004); the store's engine, the package and the organizer identity."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name, text in (("pass.txt", PASSPHRASE), ("org.txt", ORGANIZER)):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
        (tmp_path / name).chmod(0o600)
    generate_demo_intake(tmp_path / "intake", projects=10, seats=6, seed=3)
    org = ["--organizer-passphrase-file", str(tmp_path / "org.txt")]
    package = tmp_path / "panel.revpkg"
    assert admin(["build", str(tmp_path / "intake"), "--out", str(package),
                  "--passphrase-file", str(tmp_path / "pass.txt"), "--allow-weak-passphrase",
                  "--seat-codes-out", str(tmp_path / "codes.csv"), *org]) == 0
    assert admin(["demo-sheets", str(package), "--passphrase-file", str(tmp_path / "pass.txt"),
                  "--seat-codes", str(tmp_path / "codes.csv"), "--out",
                  str(tmp_path / "sheets"), *org]) == 0
    db = tmp_path / "central.sqlite"
    assert admin(["merge", *map(str, sorted((tmp_path / "sheets").glob("*.revsheet"))),
                  "--db", str(db), "--package", str(package), "--passphrase-file",
                  str(tmp_path / "pass.txt"), *org]) == 0
    engine = central_engine(str(db))
    identity = organizer_of_this_desk(lambda _creating: ORGANIZER)
    yield engine, package, identity
    engine.dispose()


def test_outline_says_who_is_asked_and_why_others_are_not(round1):
    engine, package, identity = round1
    results = compute_results(engine)
    with open_package(package, trusted_keys=[identity.fingerprint],
                      passphrase=PASSPHRASE) as reader:
        outline = outline_second_round(engine, reader)
    assert outline.divergent == tuple(r.project_id for r in results.divergent)
    assert outline.taken == {}
    pid, seat = next((p, s) for p, s, _ in results.conflicts)
    rows = {r.seat_id: r for r in outline.seats([pid])}
    assert rows[seat].recused == (pid,) and rows[seat].asked == ()
    row = next(r for r in results.rows if r.project_id == pid)
    assert {s for s, r in rows.items() if r.asked == (pid,)} == \
        set(row.aggregate.counted) | set(row.aggregate.dropped)
    assert all(r.sheet for r in rows.values())
    assert all(r.asked == () for r in outline.seats([]))


def test_letters_say_second_round_and_a_failed_letter_or_cancel_leaves_nothing(
        round1, tmp_path, monkeypatch):
    from reviewer_app.central import seat_letters

    engine, package, identity = round1
    out, letters = tmp_path / "r2.revpkg", tmp_path / "r2-letters"
    with open_package(package, trusted_keys=[identity.fingerprint],
                      passphrase=PASSPHRASE) as reader:
        divergent = outline_second_round(engine, reader).divergent

        def stop(*_args):
            raise Stop()
        with pytest.raises(Stop):   # a cancel from the writer's progress
            build_second_round_with_letters(engine, reader, out, letters, choice="divergent",
                                            organizer=identity, passphrase=NEW_PASSPHRASE,
                                            progress=stop)
        assert not out.exists() and not letters.exists()

        def full_disk(folder, letter_list, **_kw):
            folder.mkdir(exist_ok=True)
            (folder / "S01-通知函.pdf").write_bytes(b"half")
            raise OSError(28, "No space left on device")
        with monkeypatch.context() as patch, pytest.raises(OSError):
            patch.setattr(seat_letters, "write_seat_letters", full_disk)
            build_second_round_with_letters(engine, reader, out, letters, choice="divergent",
                                            organizer=identity, passphrase=NEW_PASSPHRASE)
        assert not out.exists() and list(letters.glob("*.pdf")) == []
        assert outline_second_round(engine, reader).taken == {}   # nothing registered

        built = build_second_round_with_letters(
            engine, reader, out, letters, choice="divergent", organizer=identity,
            passphrase=NEW_PASSPHRASE)
        assert outline_second_round(engine, reader).taken == dict.fromkeys(
            divergent, built.built.info.package_id)
        # The same project again: refused, from the desk's path and the CLI's alike.
        with pytest.raises(AlreadyInSecondRound) as refused:
            build_second_round_with_letters(engine, reader, tmp_path / "again.revpkg",
                                            tmp_path / "again", choice="divergent",
                                            organizer=identity, passphrase=NEW_PASSPHRASE)
        assert refused.value.projects == divergent
        assert not (tmp_path / "again.revpkg").exists()
    with open_package(out, trusted_keys=None, passphrase=NEW_PASSPHRASE) as second:
        manifest = second.manifest
    assert manifest["format"] == "rvpkg-manifest/5"
    assert sorted(p.name for p in built.letters) == sorted(
        f"{s}-通知函.pdf" for s in manifest["assignments"])
    for path in built.letters:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
        assert "第二轮复议评审通知函" in text and "新发的编码" in text.replace("\n", "")
        assert identity.fingerprint in text
        assert path.stat().st_mode & 0o077 == 0


def test_an_unregistered_first_round_is_refused(round1, tmp_path):
    from reviewer_app.storage.engines import migrate

    _engine, package, identity = round1
    empty = central_engine(str(tmp_path / "empty.sqlite"))
    migrate(empty, "central")
    try:
        with open_package(package, trusted_keys=[identity.fingerprint],
                          passphrase=PASSPHRASE) as reader, pytest.raises(NotRegistered):
            outline_second_round(empty, reader)
    finally:
        empty.dispose()
