"""The inspection photo package (docs/formats.md §5): written by the app's code, read
with the organizer's return key, and each kind of damage refused with its one reason."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from reviewer_app.package import format as fmt
from reviewer_app.sheets.photos import (
    PhotoPackageError,
    photo_package_name,
    read_photo_package,
    return_recipient,
    write_photo_package,
)
from tests.helpers.photos import inspection_setup


@pytest.fixture
def setup(tmp_path: Path):
    return inspection_setup(tmp_path)


def _write(setup, path: Path, sheet=None, **changes) -> Path:
    sheet = sheet or setup.sheet("S1")
    args = dict(return_key=setup.organizer.return_public_key, signing_key=setup.key("S1"),
                image=setup.image)
    args.update(changes)
    write_photo_package(path, sheet, **args)
    return path


def test_the_manifest_of_an_inspection_package_carries_the_return_key(setup) -> None:
    assert setup.manifest["format"] == fmt.MANIFEST_FORMAT_4  # format 3's return key, §1.8.3
    assert return_recipient(setup.manifest) == setup.organizer.return_public_key
    assert setup.manifest["return_recipient"]["key_id"] == fmt.key_id(
        setup.organizer.return_public_key)


def test_round_trip_binds_sheet_seat_and_every_photo(setup, tmp_path: Path) -> None:
    sheet = setup.sheet("S1")
    path = _write(setup, tmp_path / photo_package_name(sheet), sheet)
    assert path.name == "S1-r1.revphotos"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    package = read_photo_package(path, setup.organizer.return_key)
    index = package.index
    assert (index.review_package_id, index.seat_id, index.sheet_revision,
            index.sheet_sha256, index.manifest_sha256) == (
        sheet.body.package_id, "S1", 1, sheet.body_sha256, setup.manifest_sha256)
    assert index.signer_public_key == setup.key("S1").public_key().public_bytes_raw()
    assert [(p.project_id, p.caption) for p in index.photos] == [
        ("P1", "厂房外景 1"), ("P1", "厂房外景 2"), ("P2", "厂房外景 1"), ("P2", "厂房外景 2")]
    for entry, data in zip(index.photos, package.images, strict=True):
        assert hashlib.sha256(data).hexdigest() == entry.sha256
        assert setup.image(entry.project_id, entry.sha256) == data
    # No plaintext in the file: no photo's bytes and no caption appear in it.
    raw = path.read_bytes()
    assert not any(data[8:40] in raw for data in package.images)
    assert "厂房外景".encode() not in raw


def test_wrong_key(setup, tmp_path: Path) -> None:
    path = _write(setup, tmp_path / "p.revphotos")
    with pytest.raises(PhotoPackageError) as caught:
        read_photo_package(path, X25519PrivateKey.generate())
    assert caught.value.reason == "not for this key"


def test_a_package_for_another_key_is_not_for_the_organizer(setup, tmp_path: Path) -> None:
    other = X25519PrivateKey.generate().public_key().public_bytes_raw()
    path = _write(setup, tmp_path / "p.revphotos", return_key=other)
    with pytest.raises(PhotoPackageError) as caught:
        read_photo_package(path, setup.organizer.return_key)
    assert caught.value.reason == "not for this key"


def test_only_the_sheets_key_may_sign_its_photos(setup, tmp_path: Path) -> None:
    with pytest.raises(PhotoPackageError) as caught:
        _write(setup, tmp_path / "p.revphotos", signing_key=setup.key("S2"))
    assert caught.value.reason == "signer mismatch"
    assert not (tmp_path / "p.revphotos").exists()


def test_flipped_signature_byte_is_tampered(setup, tmp_path: Path) -> None:
    path = _write(setup, tmp_path / "p.revphotos")
    raw = bytearray(path.read_bytes())
    header_len = int.from_bytes(raw[12:16], "big")
    raw[16 + header_len + 5] ^= 1   # inside the seat's signature
    path.write_bytes(bytes(raw))
    with pytest.raises(PhotoPackageError) as caught:
        read_photo_package(path, setup.organizer.return_key)
    assert caught.value.reason == "tampered"


def test_a_swapped_photo_does_not_match_its_hash(setup, tmp_path: Path) -> None:
    """The expert's workspace gives other bytes than the sheet binds: refused at export,
    before anything is written."""
    sheet = setup.sheet("S1")
    with pytest.raises(PhotoPackageError) as caught:
        _write(setup, tmp_path / "p.revphotos", sheet, image=lambda pid, sha: b"\x89PNG other")
    assert caught.value.reason == "photo mismatch"
    assert not (tmp_path / "p.revphotos").exists()


def test_truncated(setup, tmp_path: Path) -> None:
    path = _write(setup, tmp_path / "p.revphotos")
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(PhotoPackageError) as caught:
        read_photo_package(path, setup.organizer.return_key)
    assert caught.value.reason == "truncated"


def test_a_review_package_is_not_a_photo_package(tmp_path: Path) -> None:
    path = tmp_path / "sheet.revphotos"
    path.write_bytes(b'{"payload":"x"}')
    with pytest.raises(PhotoPackageError) as caught:
        read_photo_package(path, X25519PrivateKey.generate())
    assert caught.value.reason == "not a photo package"


def test_the_return_key_is_the_organizers_and_stable(setup) -> None:
    from reviewer_app.identity.organizer import OrganizerIdentity

    again = OrganizerIdentity.from_record(setup.organizer.to_record(), "test")
    assert again.return_public_key == setup.organizer.return_public_key
    assert OrganizerIdentity.generate().return_public_key != setup.organizer.return_public_key


def test_export_writes_all_three_files_or_none(setup, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The photo package is written first; when the sheet's PDF then cannot be written
    (a full stick), neither it nor the sheet stays behind."""
    import errno

    from reviewer_app.sheets import export as export_module
    from reviewer_app.sheets.errors import ExportFailed
    from reviewer_app.sheets.export import PhotoExport, export_sheet

    sheet = setup.sheet("S1")
    photos = PhotoExport(setup.organizer.return_public_key, setup.key("S1"), setup.image)
    real_write = export_module.atomic_write_bytes

    def full_at_pdf(path: Path, data: bytes, mode: int = 0o600) -> None:
        if path.suffix == ".pdf":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, data, mode)

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(export_module, "atomic_write_bytes", full_at_pdf)
    with pytest.raises(ExportFailed, match="the disk is full"):
        export_sheet(usb, sheet, setup.manifest, pdf=b"%PDF-1.7 stand-in", photos=photos)
    assert list(usb.iterdir()) == []
    monkeypatch.undo()
    export_sheet(usb, sheet, setup.manifest, pdf=b"%PDF-1.7 stand-in", photos=photos)
    assert sorted(p.name for p in usb.iterdir()) == [
        "S1-r1.pdf", "S1-r1.revphotos", "S1-r1.revsheet"]
