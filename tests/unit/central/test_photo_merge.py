"""Merging inspection photo packages: each file one decision with its reason
(docs/formats.md §5.5), the store keeping only encrypted packages and hashes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from reviewer_app.central.merge import merge_sheets, register_package
from reviewer_app.central.photo_merge import merge_photo_packages
from reviewer_app.central.photos import extract_project_photos, seat_photos
from reviewer_app.sheets.body import Photo
from reviewer_app.sheets.photos import write_photo_package
from reviewer_app.storage import central_models as m
from reviewer_app.storage.engines import central_engine, migrate
from tests.helpers.central import PACKAGE_ID
from tests.helpers.photos import inspection_setup
from tests.helpers.postgres import pg_url  # noqa: F401 - fixture


@pytest.fixture
def setup(tmp_path: Path):
    return inspection_setup(tmp_path)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path: Path, setup):
    """The store on SQLite and, with REVIEWER_TEST_PG_URL, on PostgreSQL (migration c0006
    and every query of the photo merge on both)."""
    url = (str(tmp_path / "central.sqlite") if request.param == "sqlite"
           else request.getfixturevalue("pg_url"))
    engine = central_engine(url)
    migrate(engine, "central")
    register_package(engine, setup.manifest_bytes, setup.manifest_sha256, PACKAGE_ID)
    yield engine
    engine.dispose()


def _photos(setup, tmp_path: Path, sheet, name: str, *, key=None) -> tuple[str, bytes]:
    path = tmp_path / name
    write_photo_package(path, sheet, return_key=setup.organizer.return_public_key,
                        signing_key=key or setup.key(sheet.seat_id), image=setup.image)
    return name, path.read_bytes()


def _merge(engine, setup, *files):
    return merge_photo_packages(engine, list(files), setup.organizer.return_key)


def test_photos_of_the_accepted_sheet_are_accepted_once(engine, setup, tmp_path: Path) -> None:
    sheet = setup.sheet("S1")
    first = _photos(setup, tmp_path, sheet, "a.revphotos")
    early, = _merge(engine, setup, first)
    assert (early.decision, early.reason) == ("rejected", "seat S1 has no accepted sheet "
                                              "yet: merge its sheet (revision 1) first")
    merge_sheets(engine, [("s1", sheet.envelope)])
    again = _photos(setup, tmp_path, sheet, "b.revphotos")  # a re-export: encrypted afresh
    outcomes = _merge(engine, setup, first, first, again)
    assert [o.decision for o in outcomes] == ["accepted", "no-op", "no-op"]
    assert outcomes[0].reason == "4 photo(s) of seat S1, sheet revision 1"
    assert outcomes[2].reason.startswith("the photos of this sheet were received before")
    with engine.connect() as connection:
        stored = connection.execute(m.PhotoPackageFile.__table__.select()).all()
    assert {r.sha256 for r in stored} >= {outcomes[0].sha256}
    for row in stored:  # encrypted as received: no photo and no caption in clear
        assert not any(data[8:40] in row.raw for data in setup.images.values())
        assert "厂房外景".encode() not in row.raw


def test_a_replaced_revision_supersedes_its_photos(engine, setup, tmp_path: Path) -> None:
    r1 = setup.sheet("S1")
    r2 = setup.sheet("S1", revision=2, previous=r1.body_sha256, caption="车间")
    merge_sheets(engine, [("r1", r1.envelope), ("r2", r2.envelope)])
    old, new = _merge(engine, setup, _photos(setup, tmp_path, r1, "r1.revphotos"),
                      _photos(setup, tmp_path, r2, "r2.revphotos"))
    assert old.decision == "superseded" and "which revision 2 replaced" in old.reason
    assert new.decision == "accepted"
    with engine.connect() as connection:
        from sqlalchemy.orm import Session

        with Session(connection) as session:
            held = seat_photos(session, session.query(m.AcceptedSheet).all(),
                               {PACKAGE_ID: True})
    assert [p.caption for p in held[(PACKAGE_ID, "S1")].photos] == [
        "车间 1", "车间 2", "车间 1", "车间 2"]


def test_a_package_not_signed_with_the_sheets_key(engine, setup, tmp_path: Path) -> None:
    sheet = setup.sheet("S1")
    merge_sheets(engine, [("s1", sheet.envelope)])
    other = setup.key("S2")
    forged = replace(sheet, body=replace(sheet.body,
                                         public_key=other.public_key().public_bytes_raw()))
    outcome, = _merge(engine, setup, _photos(setup, tmp_path, forged, "f.revphotos", key=other))
    assert outcome.decision == "rejected"
    assert outcome.reason == "signer mismatch: not signed with the key of seat S1's accepted sheet"


def test_missing_extra_and_mismatched_photos_are_named(engine, setup, tmp_path: Path) -> None:
    sheet = setup.sheet("S1")
    merge_sheets(engine, [("s1", sheet.envelope)])
    visits = sheet.body.inspection
    fewer = replace(sheet, body=replace(sheet.body, inspection=(
        replace(visits[0], photos=visits[0].photos[:1]), *visits[1:])))
    outcome, = _merge(engine, setup, _photos(setup, tmp_path, fewer, "fewer.revphotos"))
    assert outcome.decision == "rejected"
    assert outcome.reason == f"missing photo: project P1 {visits[0].photos[1].sha256[:12]}…"

    extra_bytes = b"\x89PNG extra"
    import hashlib
    extra_sha = hashlib.sha256(extra_bytes).hexdigest()
    setup.images[("P2", extra_sha)] = extra_bytes
    more = replace(sheet, body=replace(sheet.body, inspection=(
        visits[0], replace(visits[1], photos=(*visits[1].photos,
                                              Photo(extra_sha, "image/png", "多余"))))))
    outcome, = _merge(engine, setup, _photos(setup, tmp_path, more, "more.revphotos"))
    assert outcome.reason == f"extra photo: project P2 {extra_sha[:12]}… is not in the sheet"

    recaptioned = replace(sheet, body=replace(sheet.body, inspection=(
        replace(visits[0], photos=(replace(visits[0].photos[0], caption="改过"),
                                   visits[0].photos[1])), visits[1])))
    outcome, = _merge(engine, setup, _photos(setup, tmp_path, recaptioned, "c.revphotos"))
    assert outcome.reason.startswith("mismatched photo: project P1 ")


def test_damaged_or_foreign_files_are_rejected_with_the_reason(engine, setup,
                                                              tmp_path: Path) -> None:
    sheet = setup.sheet("S1")
    merge_sheets(engine, [("s1", sheet.envelope)])
    name, raw = _photos(setup, tmp_path, sheet, "p.revphotos")
    wrong_key = merge_photo_packages(engine, [(name, raw)], X25519PrivateKey.generate())[0]
    truncated, = _merge(engine, setup, (name, raw[:-10]))
    assert wrong_key.reason.startswith("not for this key")
    assert truncated.reason.startswith("truncated")
    assert [wrong_key.decision, truncated.decision] == ["rejected", "rejected"]
    # The refusal with a wrong key is not final: the right key accepts the same file.
    assert _merge(engine, setup, (name, raw))[0].decision == "accepted"


def test_extract_writes_the_projects_photos_owner_only(engine, setup, tmp_path: Path) -> None:
    sheet = setup.sheet("S1")
    merge_sheets(engine, [("s1", sheet.envelope)])
    _merge(engine, setup, _photos(setup, tmp_path, sheet, "p.revphotos"))
    written = extract_project_photos(engine, "P2", tmp_path / "out", setup.organizer.return_key)
    assert len(written) == 2
    expected = {setup.image(pid, p.sha256) for v in sheet.body.inspection
                for p in v.photos if (pid := v.project_id) == "P2"}
    assert {p.read_bytes() for p in written} == expected
    assert all(p.suffix == ".png" and p.stat().st_mode & 0o077 == 0 for p in written)
    assert (tmp_path / "out").stat().st_mode & 0o077 == 0


def test_a_format_2_package_states_why_its_photos_are_missing(tmp_path: Path) -> None:
    """A package built without the return key: its sheets merge, and the results say
    the photos stayed with the team, not just that they are absent."""
    from sqlalchemy.orm import Session

    from reviewer_app.central.results import _photos_held

    old = inspection_setup(tmp_path, return_key=False)
    # Format 4 (the bundled program has a 承诺书) without the optional return key.
    assert old.manifest["format"] == "rvpkg-manifest/4" and "return_recipient" not in old.manifest
    engine = central_engine(str(tmp_path / "old.sqlite"))
    migrate(engine, "central")
    register_package(engine, old.manifest_bytes, old.manifest_sha256, PACKAGE_ID)
    assert merge_sheets(engine, [("s1", old.sheet("S1").envelope)])[0].decision == "accepted"
    with Session(engine) as session:
        held = _photos_held(session, session.query(m.Package).all())
    engine.dispose()
    assert held[(PACKAGE_ID, "S1")].photos == ()
    assert held[(PACKAGE_ID, "S1")].missing_reason.startswith(
        "照片留在考察组电脑上：评审包未携带组织方照片回收密钥")


def test_hostile_index_values_are_stored_or_refused_cleanly(engine, setup,
                                                           tmp_path: Path) -> None:
    """A signed but hostile package: a seat id far longer than any seat's is recorded
    with its refusal (on PostgreSQL too); a revision beyond the store's integers is a
    malformed index."""
    sheet = setup.sheet("S1")
    long_seat = "S" * 500
    odd = replace(sheet, body=replace(sheet.body, seat_id=long_seat))
    outcome, = _merge(engine, setup, _photos(setup, tmp_path, odd, "long.revphotos",
                                             key=setup.key("S1")))
    assert outcome.decision == "rejected" and outcome.seat_id == long_seat
    huge = replace(sheet, body=replace(sheet.body, revision=2**31))
    outcome, = _merge(engine, setup, _photos(setup, tmp_path, huge, "huge.revphotos"))
    assert outcome.reason.startswith("malformed index: sheet_revision")
