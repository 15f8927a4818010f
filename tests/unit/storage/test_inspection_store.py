"""Inspection data in the workspace: checklist, findings and encrypted site photos."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from reviewer_app.storage.encrypted import ExpertSecret, WorkspaceKeyError
from reviewer_app.storage.inspection import (
    MAX_PHOTO_BYTES,
    InspectionStore,
    PhotoError,
    check_photo,
)
from reviewer_app.storage.workspace import FieldChange, WorkspaceStore
from tests.helpers.images import tiny_png

KEY = bytes(range(32))
PKG = dict(package_id="ab" * 16, manifest_sha256="cd" * 32, seat_id="S01")
MARKER = b"PHOTO-PLAINTEXT-MARKER-7Q3Z"


def _store(path: Path, key: bytes = KEY) -> WorkspaceStore:
    return WorkspaceStore(path, key, ExpertSecret.from_seat_code("0" * 16), **PKG)


def test_checklist_findings_and_photos_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    store = _store(db)
    store.apply([
        FieldChange("P1", "checklist_result", "compliant", "premises"),
        FieldChange("P1", "checklist_note", "营业执照地址与现场一致", "premises"),
        FieldChange("P1", "checklist_result", "non_compliant", "system_demo"),
        FieldChange("P1", "findings", "系统已上线运行三个月"),
        FieldChange("P1", "score", "20", "advancement"),
    ])
    inspection = InspectionStore(store)
    photo = inspection.add_photo("P1", tiny_png(MARKER), "厂区门口")
    jpeg = b"\xff\xd8\xff\xe0" + os.urandom(64)
    second = inspection.add_photo("P2", jpeg)
    store.apply([FieldChange("P2", "photo_caption", "生产线", str(second.id))])
    store.close()

    again = _store(db)
    states = InspectionStore(again).load()
    p1 = states["P1"]
    assert p1.results == {"premises": "compliant", "system_demo": "non_compliant"}
    assert p1.notes == {"premises": "营业执照地址与现场一致"}
    assert p1.findings == "系统已上线运行三个月"
    assert [(p.id, p.sha256, p.media_type, p.caption) for p in p1.photos] == [
        (photo.id, hashlib.sha256(tiny_png(MARKER)).hexdigest(), "image/png", "厂区门口")]
    assert states["P2"].photos[0].caption == "生产线"
    assert states["P2"].photos[0].media_type == "image/jpeg"
    assert InspectionStore(again).photo_bytes(photo.id) == tiny_png(MARKER)
    assert again.load()["P1"].scores == {"advancement": "20"}  # scores are untouched
    # Clearing a result keeps the note; removing a photo removes its bytes.
    again.apply([FieldChange("P1", "checklist_result", None, "premises")])
    InspectionStore(again).remove_photo("P1", photo.id)
    states = InspectionStore(again).load()
    assert "premises" not in states["P1"].results and states["P1"].notes["premises"]
    assert states["P1"].photos == []
    with pytest.raises(KeyError):
        InspectionStore(again).photo_bytes(photo.id)
    actions = [entry[1] for entry in again.audit_log()]
    assert {"checklist_result", "checklist_note", "findings", "photo_add", "photo_caption",
            "photo_remove"} <= set(actions)
    again.close()


def test_nothing_of_a_visit_is_on_disk_in_plaintext(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    store = _store(db)
    note = "现场核查备注-NOTE-MARKER"
    store.apply([FieldChange("P1", "checklist_note", note, "premises"),
                 FieldChange("P1", "checklist_result", "unverifiable", "premises"),
                 FieldChange("P1", "findings", "FINDINGS-MARKER")])
    InspectionStore(store).add_photo("P1", tiny_png(MARKER), "CAPTION-MARKER")
    # Read back while open (WAL file present), then after closing.
    assert InspectionStore(store).load()["P1"].photos
    files = {p: p.read_bytes() for p in tmp_path.iterdir()}
    store.close()
    files.update({p: p.read_bytes() for p in tmp_path.iterdir()})
    for data in files.values():
        for marker in (MARKER, note.encode(), b"NOTE-MARKER", b"FINDINGS-MARKER",
                       b"CAPTION-MARKER", b"unverifiable", b"IHDR"):
            assert marker not in data


def test_photo_checks(tmp_path: Path) -> None:
    store = _store(tmp_path / "ws.sqlite")
    inspection = InspectionStore(store)
    for data, reason in ((b"", "empty"), (b"GIF89a....", "not_an_image"),
                         (b"\xff\xd8\xff" + bytes(MAX_PHOTO_BYTES), "too_large")):
        with pytest.raises(PhotoError) as refused:
            inspection.add_photo("P1", data)
        assert refused.value.reason == reason
    assert check_photo(tiny_png(MARKER)) == "image/png"
    inspection.add_photo("P1", tiny_png(MARKER))
    with pytest.raises(PhotoError) as twice:
        inspection.add_photo("P1", tiny_png(MARKER))
    assert twice.value.reason == "duplicate"
    inspection.add_photo("P2", tiny_png(MARKER))  # the same photo for another project is fine
    with pytest.raises(ValueError):
        store.apply([FieldChange("P1", "checklist_result", "maybe", "premises")])
    with pytest.raises(ValueError):
        store.apply([FieldChange("P9", "photo_caption", "x", "1")])  # photo 1 is P1's
    store.close()


def test_altered_photo_bytes_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    store = _store(db)
    inspection = InspectionStore(store)
    first = inspection.add_photo("P1", tiny_png(b"first"))
    second = inspection.add_photo("P1", tiny_png(b"second"))
    store.close()
    with sqlite3.connect(db) as raw:  # swap the two encrypted images
        blobs = dict(raw.execute("SELECT id, data FROM inspection_photo"))
        raw.execute("UPDATE inspection_photo SET data = ? WHERE id = ?",
                    (blobs[second.id], first.id))
    again = _store(db)
    with pytest.raises(WorkspaceKeyError, match="moved between rows"):
        InspectionStore(again).photo_bytes(first.id)
    assert InspectionStore(again).photo_bytes(second.id) == tiny_png(b"second")
    again.close()
