"""What the desk's merge stands on (central/sheet_files.py, merge_files.py,
seat_status.py): which dropped files are taken, a merge that can be stopped between
groups, and who has handed in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewer_app.central.merge import merge_sheets
from reviewer_app.central.merge_files import merge_files
from reviewer_app.central.seat_status import seat_statuses
from reviewer_app.central.sheet_files import collect_sheet_files, read_sheet_file
from reviewer_app.sheets.envelope import MAX_SHEET_BYTES
from tests.helpers.central import (
    PACKAGE_ID,
    fake_sheet,
    fake_verify,
    manifest_bytes,
    scored,
)
from tests.helpers.postgres import pg_url  # noqa: F401 - fixture


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path: Path):
    """A migrated store, SQLite or PostgreSQL, with the test package registered."""
    import hashlib

    from reviewer_app.central.merge import register_package
    from reviewer_app.storage.engines import central_engine, migrate

    url = (str(tmp_path / "central.sqlite") if request.param == "sqlite"
           else request.getfixturevalue("pg_url"))
    engine = central_engine(url)
    migrate(engine, "central")
    data = manifest_bytes(tmp_path)
    register_package(engine, data, hashlib.sha256(data).hexdigest(), PACKAGE_ID)
    yield engine
    engine.dispose()


def test_a_folder_gives_its_sheets_recursively_and_never_follows_a_link(tmp_path: Path):
    stick = tmp_path / "stick"
    (stick / "a" / "b").mkdir(parents=True)
    (stick / "a" / "b" / "S1.revsheet").write_bytes(b"1")
    (stick / "S2.REVSHEET").write_bytes(b"2")
    (stick / "S2.pdf").write_bytes(b"pdf")
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "S9.revsheet").write_bytes(b"9")
    os.symlink(outside, stick / "linked-folder")
    os.symlink(outside / "S9.revsheet", stick / "S9.revsheet")

    selection = collect_sheet_files([stick])
    assert [p.relative_to(stick).as_posix() for p in selection.files] == [
        "S2.REVSHEET", "a/b/S1.revsheet"]
    assert [(s.path.name, s.kind) for s in selection.skipped] == [("S9.revsheet", "link")]
    # A link named directly is not taken either.
    assert collect_sheet_files([stick / "S9.revsheet"]).skipped[0].kind == "link"
    assert collect_sheet_files([tmp_path / "gone"]).skipped[0].kind == "unreadable"


def test_photo_packages_are_taken_beside_the_sheets(tmp_path: Path):
    """A folder's ``.revphotos`` by name, a file named on its own by its first bytes
    (formats.md §5: a photo package is an RVPKG container), links never."""
    from reviewer_app.central.sheet_files import read_photo_file, split_inputs
    from reviewer_app.package.format import MAGIC
    from reviewer_app.sheets.photos import MAX_PHOTO_PACKAGE_BYTES

    stick = tmp_path / "stick"
    (stick / "team").mkdir(parents=True)
    (stick / "S1-r1.revsheet").write_bytes(b"{}")
    (stick / "team" / "S1-r1.REVPHOTOS").write_bytes(MAGIC + b"x")
    (stick / "notes.txt").write_bytes(MAGIC)
    os.symlink(stick / "team" / "S1-r1.REVPHOTOS", stick / "S2-r1.revphotos")
    renamed = tmp_path / "照片.dat"
    renamed.write_bytes(MAGIC + b"y")

    selection = collect_sheet_files([stick, renamed])
    assert [p.name for p in selection.files] == ["S1-r1.revsheet"]
    assert [p.name for p in selection.photos] == ["S1-r1.REVPHOTOS", "照片.dat"]
    assert [(s.path.name, s.kind) for s in selection.skipped] == [("S2-r1.revphotos", "link")]
    # The command line's inputs: the same test by first bytes.
    sheets, photos = split_inputs([stick / "S1-r1.revsheet", renamed])
    assert (sheets, photos) == ([stick / "S1-r1.revsheet"], [renamed])
    # Photos and sheets count together toward the file limit.
    assert len(collect_sheet_files([stick], max_files=1).skipped) == 2
    big = tmp_path / "big.revphotos"
    with open(big, "wb") as handle:
        handle.truncate(MAX_PHOTO_PACKAGE_BYTES + 10)
    assert len(read_photo_file(big)) == MAX_PHOTO_PACKAGE_BYTES + 1


def test_the_walk_stops_at_the_file_limit(tmp_path: Path):
    for i in range(5):
        (tmp_path / f"S{i}.revsheet").write_bytes(b"x")
    selection = collect_sheet_files([tmp_path], max_files=3)
    assert len(selection.files) == 3
    assert [s.kind for s in selection.skipped] == ["too-many"]


def test_an_oversized_file_is_read_only_one_byte_past_the_limit(tmp_path: Path):
    big = tmp_path / "big.revsheet"
    big.write_bytes(b"x" * (MAX_SHEET_BYTES + 100))
    assert len(read_sheet_file(big)) == MAX_SHEET_BYTES + 1
    os.symlink(big, tmp_path / "link.revsheet")
    with pytest.raises(OSError):
        read_sheet_file(tmp_path / "link.revsheet", follow_links=False)


def test_a_stopped_merge_keeps_the_groups_merged_and_lists_the_rest(store, tmp_path: Path,
                                                                     monkeypatch):
    import reviewer_app.central.merge_files as module

    engine = store
    real = module.merge_sheets
    monkeypatch.setattr(module, "merge_sheets",
                        lambda engine, sheets, **kw: real(engine, sheets, verify=fake_verify,
                                                          **kw))
    files = []
    for seat in range(1, 6):
        path = tmp_path / f"S{seat}.revsheet"
        path.write_bytes(fake_sheet(f"S{seat}", [scored(f"P{p}", "20", "20", "15", "15")
                                                 for p in (1, 2, 3)]))
        files.append(path)
    asked = []

    def keep_going(done: int, total: int) -> bool:
        asked.append((done, total))
        return done < 4

    run = merge_files(engine, files, keep_going=keep_going, group=2)
    assert asked == [(0, 5), (2, 5), (4, 5)]
    assert [o.decision for o in run.outcomes] == ["accepted"] * 4
    assert run.not_processed == (files[4],) and run.stopped
    again = merge_files(engine, files, keep_going=lambda d, t: True, group=2)
    assert [o.decision for o in again.outcomes] == ["no-op"] * 4 + ["accepted"]


def test_seat_states_follow_the_merge_decisions(store):
    engine = store
    one = [scored(f"P{p}", "20", "20", "15", "15") for p in (1, 2, 3)]
    other = [scored(f"P{p}", "10", "20", "15", "15") for p in (1, 2, 3)]
    merge_sheets(engine, [
        ("s1", fake_sheet("S1", one)),
        ("s2", fake_sheet("S2", one)), ("s2b", fake_sheet("S2", other, revision=2)),
        ("s3", fake_sheet("S3", one)), ("s3x", fake_sheet("S3", other)),
    ], verify=fake_verify)
    states = {s.seat_id: (s.state, s.revision) for s in seat_statuses(engine)}
    assert states == {"S1": ("received", 1), "S2": ("replaced", 2),
                      "S3": ("equivocating", 1), "S4": ("missing", None),
                      "S5": ("missing", None)}
