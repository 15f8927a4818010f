"""Inspection mode end to end: a real inspection package, checklist, photos, sign, verify."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

pytest.importorskip("reviewer_app.package.reader")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit

from reviewer_app.central.intake import load_intake
from reviewer_app.central.manifest import build_manifest
from reviewer_app.cli.admin import main as admin
from reviewer_app.gui.expert.session import open_package
from reviewer_app.package import Argon2Params, MemberSource, write_package
from tests.gui.conftest import fill_unlock, type_text
from tests.gui.fakes import PASSPHRASE, SEAT_CODE, make_pdf, make_png
from tests.helpers.intake import ROW, write_intake
from tests.helpers.programs import make_uscc

FAST = Argon2Params(memory_kib=64, iterations=1, lanes=1)
PHOTO_MARKER = b"SITE-PHOTO-PLAINTEXT-MARKER-K9"


def make_photo(colour: str, marker: bytes = PHOTO_MARKER) -> bytes:
    """A real 640x480 PNG (the marker trails it: readers ignore bytes after IEND)."""
    return make_png(marker, colour=colour, size=(640, 480), text="site photo")


class Package:
    def __init__(self, path: Path, manifest: dict, seat_code: str, folder: Path) -> None:
        self.path = path
        self.manifest = manifest
        self.seat_code = seat_code
        self.passphrase_file = folder / "passphrase.txt"
        self.passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
        self.codes_file = folder / "seat-codes.csv"
        self.codes_file.write_text(f"seat_id,name,seat_code\nS01,张三,{seat_code}\n",
                                   encoding="utf-8")


def _build(root: Path, return_recipient: bytes | None = None) -> Package:
    rows = [{**ROW, "project_id": f"P{i}", "project_title": f"现场考察项目{i}",
             "uscc": make_uscc(300 + i)} for i in (1, 2)]
    plan = build_manifest(load_intake(write_intake(root / "intake", rows, categories=(1, 2))),
                          kind="inspection", return_recipient=return_recipient)
    assert plan.manifest["session"]["kind"] == "inspection"
    assert plan.manifest["inspection_checklist"]
    sources = []
    for project in plan.manifest["projects"]:
        for material in project["materials"]:
            sources.append(MemberSource(name=material["title"], media_type="application/pdf",
                                        data=make_pdf(material["title"], "M", pages=1)))
            material["media_type"] = "application/pdf"
    out = root / "inspection.revpkg"
    write_package(out, plan.manifest, sources, organizer_key=Ed25519PrivateKey.generate(),
                  organizer_name="南山区科技创新局", passphrase=PASSPHRASE, argon2=FAST,
                  package_id=plan.package_id)
    return Package(out, plan.manifest, plan.seat_codes["S01"], root)


@pytest.fixture(scope="module")
def inspection_package(qapp, tmp_path_factory) -> Package:
    """Built without the organizer's return key: manifest format 2, as before issue 12."""
    return _build(tmp_path_factory.mktemp("inspection"))


@pytest.fixture(scope="module")
def organizer():
    from reviewer_app.identity.organizer import OrganizerIdentity

    return OrganizerIdentity.generate()


@pytest.fixture(scope="module")
def returning_package(qapp, tmp_path_factory, organizer) -> Package:
    """Manifest format 3: the photos go back encrypted to the organizer's return key."""
    return _build(tmp_path_factory.mktemp("returning"), organizer.return_public_key)


def _open(qtbot, make_window, package: Package):
    window = make_window(open_package)
    window.confirm_trust = lambda fingerprint: True
    dialog = window.open_path(package.path)
    fill_unlock(qtbot, dialog, seat_id="S01", seat_code=package.seat_code)
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)
    return window


def _pdf_text(path: Path) -> str:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(path.read_bytes()))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    try:
        return "\n".join(document.getAllText(page).text()
                         for page in range(document.pageCount()))
    finally:
        document.close()


def _body(path: Path) -> dict:
    return json.loads(base64.b64decode(json.loads(path.read_bytes())["payload"]))


def test_inspection_visit_photos_finalize_export_verify(qtbot, make_window, inspection_package,
                                                        data_dir, tmp_path, memory_keyring):
    package = inspection_package
    items = [item["id"] for item in package.manifest["inspection_checklist"]]
    window = _open(qtbot, make_window, package)
    controller = window.inspection
    panel = controller.panel
    tabs = window.tabs
    assert tabs.indexOf(panel) == 1 and tabs.tabText(1) == "现场考察"
    session = window.session
    pids = [p["project_id"] for p in session.projects]
    cids = session.rubric.criterion_ids
    # Every checklist item is on the tab, in the UI language.
    first_text = package.manifest["inspection_checklist"][0]["text"]
    assert first_text in panel.rows[items[0]].text_label.text()

    # Scores for every project; the checklist of P1 only: finalize lists P2's items.
    for pid in pids:
        assert window.select_project(pid)
        for cid in cids:
            qtbot.keyClicks(window.findChild(QLineEdit, f"scoreInput.{cid}"), "10")
    assert window.select_project(pids[0])
    answers = {item: ("compliant" if n % 3 == 0 else "non_compliant" if n % 3 == 1
                      else "unverifiable") for n, item in enumerate(items)}
    for item, result in answers.items():
        combo = window.findChild(QComboBox, f"checklistResult.{item}")
        combo.setCurrentIndex(combo.findData(result))
    type_text(qtbot, window.findChild(QPlainTextEdit, f"checklistNote.{items[1]}"),
              "演示系统与方案不一致")
    type_text(qtbot, window.findChild(QPlainTextEdit, "inspectionFindings"),
              "生产线已部署视觉质检系统")
    assert panel.progress_label.text() == f"已填写 {len(items)} / {len(items)} 项"

    # Photos: one PNG added (a second copy is refused), a caption typed.
    photo_file = tmp_path / "gate.png"
    photo_file.write_bytes(make_photo("#88aacc"))
    junk = tmp_path / "notes.txt"
    junk.write_text("not a photo", encoding="utf-8")
    controller.choose_photo_files = lambda: [photo_file, photo_file, junk]
    controller.error = lambda title, text: errors.append(text)
    errors: list[str] = []
    window.findChild(type(window.lock_action), "addPhotoAction").trigger()
    photo_list = window.findChild(QListWidget, "photoList")
    assert photo_list.count() == 1 and len(errors) == 2
    assert not photo_list.item(0).icon().isNull()  # a thumbnail, decoded from memory
    caption = window.findChild(QLineEdit, "photoCaption")
    caption.selectAll()
    qtbot.keyClicks(caption, "Factory gate")
    photo_sha = hashlib.sha256(photo_file.read_bytes()).hexdigest()

    # A second photo, removed again.
    other = tmp_path / "other.png"
    other.write_bytes(make_photo("#cc8844", b"other"))
    controller.choose_photo_files = lambda: [other]
    panel.add_photo_action.trigger()
    assert photo_list.count() == 2
    controller.confirm = lambda title, text: True
    panel.photo_list.setCurrentRow(1)
    panel.remove_photo_button.click()
    assert photo_list.count() == 1

    # Finalize: P2's checklist is missing; a click goes to its first result field.
    window.finalize_action.trigger()
    dialog = window.sheet_controller.finalize_dialog
    missing = [dialog.missing_list.item(i).data(0x0100)
               for i in range(dialog.missing_list.count())]
    assert [(m.project_id, m.kind) for m in missing] == [(pids[1], "checklist")] * len(items)
    assert package.manifest["inspection_checklist"][0]["text"] in \
        dialog.missing_list.item(0).text()
    dialog.missing_list.itemClicked.emit(dialog.missing_list.item(0))
    assert window.current_project_id() == pids[1]
    assert tabs.currentWidget() is panel
    assert window.focusWidget() is window.findChild(QComboBox, f"checklistResult.{items[0]}")
    for item in items:
        combo = window.findChild(QComboBox, f"checklistResult.{item}")
        combo.setCurrentIndex(combo.findData("compliant"))

    # Complete: sign and export; reviewer-admin verify accepts the sheet.
    usb = tmp_path / "usb"
    usb.mkdir()
    revsheet, pdf, messages = _sign_and_export(qtbot, window, usb)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert admin(["verify", str(revsheet), "--package", str(package.path),
                  "--passphrase-file", str(package.passphrase_file),
                  "--seat-codes", str(package.codes_file)]) == 0
    body = _body(revsheet)
    assert body["kind"] == "inspection"
    visits = {v["project_id"]: v for v in body["inspection"]["visits"]}
    assert set(visits) == set(pids)
    p1 = visits[pids[0]]
    assert [(a["item_id"], a["result"]) for a in p1["checklist"]] == list(answers.items())
    assert p1["checklist"][1]["note"] == "演示系统与方案不一致"
    assert p1["findings"] == "生产线已部署视觉质检系统"
    assert p1["photos"] == [{"sha256": photo_sha, "media_type": "image/png",
                             "caption": "Factory gate"}]
    assert visits[pids[1]]["photos"] == []
    # A format-2 package names no return key: the photo stays here, and the expert
    # is told so and why; no photo package is written.
    assert not list(usb.glob("*.revphotos"))
    assert "1 张现场照片留在本机" in messages[-1] and "回收密钥" in messages[-1]
    text = _pdf_text(pdf)
    assert "现场考察核查表" in text and "生产线已部署视觉质检系统" in text
    assert photo_sha[:16] in text.replace("\n", "") and "Factory gate" in text
    assert "本评审包未携带组织方的照片回收密钥" in text.replace("\n", "")

    # Nothing of the photo is on disk in plaintext: workspace, memo, exports.
    window.autosave.flush()
    scanned = [p for p in [*data_dir.rglob("*"), *usb.iterdir()] if p.is_file()]
    assert window.session.store.path in scanned
    for path in scanned:
        assert PHOTO_MARKER not in path.read_bytes(), path

    # Reopen: checklist, notes, findings and photos come back.
    window.close()
    again = _open(qtbot, make_window, package)
    assert again.select_project(pids[0])
    for item, result in answers.items():
        assert again.findChild(QComboBox, f"checklistResult.{item}").currentData() == result
    assert again.findChild(QPlainTextEdit, f"checklistNote.{items[1]}").toPlainText() == \
        "演示系统与方案不一致"
    assert again.findChild(QPlainTextEdit, "inspectionFindings").toPlainText() == \
        "生产线已部署视觉质检系统"
    photos = again.findChild(QListWidget, "photoList")
    assert photos.count() == 1 and "Factory gate" in photos.item(0).text()
    assert not photos.item(0).icon().isNull()
    assert again.findChild(QLineEdit, "photoCaption").text() == "Factory gate"
    assert again.session.status(pids[1]).value == "complete"
    # The larger view decodes from memory too.
    view = again.inspection.open_photo(again.inspection.panel.current_photo().id)
    assert view is not None and view.label.pixmap().width() == 640
    view.close()


def _sign_and_export(qtbot, window, usb: Path) -> tuple[Path, Path, list[str]]:
    messages: list[str] = []
    sheets = window.sheet_controller
    sheets.inform = lambda title, text: messages.append(text)
    sheets.choose_folder = lambda title: usb
    sheets.ask_text = lambda title, label, default: "张三"
    window.finalize_action.trigger()
    dialog = sheets.finalize_dialog
    assert dialog.pages.currentIndex() == 1
    assert not dialog.sign_button.isEnabled()  # until the conflicts are confirmed complete
    dialog.findChild(QCheckBox, "conflictsCompleteCheck").click()
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: sheets.last_paths is not None, timeout=20000)
    revsheet, pdf = sheets.last_paths
    return revsheet, pdf, messages


def test_photos_travel_encrypted_to_the_organizer_with_the_sheet(
        qtbot, make_window, returning_package, organizer, data_dir, tmp_path, memory_keyring):
    from reviewer_app.central.merge import merge_sheets, register_package
    from reviewer_app.central.photo_merge import merge_photo_packages
    from reviewer_app.sheets.photos import read_photo_package
    from reviewer_app.storage.engines import central_engine, migrate

    package = returning_package
    window = _open(qtbot, make_window, package)
    controller = window.inspection
    session = window.session
    shots = {}
    for n, pid in enumerate(p["project_id"] for p in session.projects):
        assert window.select_project(pid)
        for cid in session.rubric.criterion_ids:
            qtbot.keyClicks(window.findChild(QLineEdit, f"scoreInput.{cid}"), "10")
        for item in package.manifest["inspection_checklist"]:
            combo = window.findChild(QComboBox, f"checklistResult.{item['id']}")
            combo.setCurrentIndex(combo.findData("compliant"))
        photo = tmp_path / f"{pid}.png"
        photo.write_bytes(make_photo(f"#88aa{n}c", PHOTO_MARKER + pid.encode()))
        controller.choose_photo_files = lambda photo=photo: [photo]
        assert controller.add_photos()
        caption = window.findChild(QLineEdit, "photoCaption")
        caption.selectAll()
        qtbot.keyClicks(caption, f"{pid} gate")
        shots[hashlib.sha256(photo.read_bytes()).hexdigest()] = photo.read_bytes()
    usb = tmp_path / "usb"
    usb.mkdir()
    # A photo the workspace no longer gives (removed behind the session's back):
    # the export says so in Chinese and writes nothing at all.
    errors: list[str] = []
    sheets = window.sheet_controller
    sheets.error = lambda title, text: errors.append(text)
    sheets.choose_folder = lambda title: usb
    sheets.ask_text = lambda title, label, default: "张三"

    def gone(project_id: str, sha256: str) -> bytes:
        raise KeyError(f"{project_id}/{sha256}")

    real_image, session.inspection.image = session.inspection.image, gone
    sheets.confirm_conflicts_complete()  # as conflictsCompleteCheck and Sign do
    assert sheets.export() is None
    assert "有一张现场照片无法打包交给组织方" in errors[-1] and "未写入任何文件" in errors[-1]
    assert list(usb.iterdir()) == []
    session.inspection.image = real_image
    revsheet, pdf, messages = _sign_and_export(qtbot, window, usb)

    photos_file = usb / "S01-r1.revphotos"
    assert sorted(p.name for p in usb.iterdir()) == [
        "S01-r1.pdf", "S01-r1.revphotos", "S01-r1.revsheet"]
    assert photos_file.stat().st_mode & 0o077 == 0
    assert "2 张现场照片已加密导出" in messages[-1] and "S01-r1.revphotos" in messages[-1]
    assert "随本评分表加密导出至 S01-r1.revphotos" in _pdf_text(pdf).replace("\n", "")
    for path in usb.iterdir():  # no photo in clear on the stick
        assert PHOTO_MARKER not in path.read_bytes(), path
    opened = read_photo_package(photos_file, organizer.return_key)
    assert opened.index.sheet_sha256 == hashlib.sha256(
        base64.b64decode(json.loads(revsheet.read_bytes())["payload"])).hexdigest()
    assert {e.sha256: d for e, d in zip(opened.index.photos, opened.images,
                                        strict=True)} == shots
    assert sorted(e.caption for e in opened.index.photos) == ["P1 gate", "P2 gate"]

    # The secretariat's merge takes it against the sheet it came with.
    engine = central_engine(str(tmp_path / "central.sqlite"))
    migrate(engine, "central")
    from reviewer_app.package import open_package as open_revpkg

    with open_revpkg(package.path, trusted_keys=None, passphrase=PASSPHRASE) as reader:
        register_package(engine, reader.manifest_bytes, reader.manifest_sha256,
                         reader.package_id)
    assert merge_sheets(engine, [("s", revsheet.read_bytes())])[0].decision == "accepted"
    outcome, = merge_photo_packages(engine, [("p", photos_file.read_bytes())],
                                    organizer.return_key)
    engine.dispose()
    assert (outcome.decision, outcome.photos) == ("accepted", 2)


def test_panel_sessions_have_no_inspection_tab(qtbot, window, package_file):
    from tests.gui.conftest import open_and_unlock

    open_and_unlock(qtbot, window, package_file)
    assert window.session.inspection is None
    assert window.tabs.indexOf(window.inspection.panel) < 0
    assert window.tabs.count() == 2


def test_inspection_tab_is_translated(qtbot, make_window, inspection_package):
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget

    from tests.gui.test_i18n_and_forms import ALLOWED_LATIN, CJK, LATIN_WORD

    window = _open(qtbot, make_window, inspection_package)
    panel = window.inspection.panel
    window.tabs.setCurrentWidget(panel)

    def texts() -> list[str]:
        out = [window.tabs.tabText(window.tabs.indexOf(panel)),
               panel.add_photo_action.text(), panel.add_photo_action.toolTip()]
        for widget in panel.findChildren(QWidget):
            if isinstance(widget, QLabel | QAbstractButton):
                out.append(widget.text())
            if isinstance(widget, QGroupBox):
                out.append(widget.title())
            if isinstance(widget, QComboBox):
                out += [widget.itemText(i) for i in range(widget.count())]
            if isinstance(widget, QPlainTextEdit | QLineEdit):
                out.append(widget.placeholderText())
            out.append(widget.toolTip())
        return [t for t in out if t]

    bad = [t for t in texts() if set(LATIN_WORD.findall(t)) - ALLOWED_LATIN - {"JPEG", "PNG",
                                                                             "SHA"}]
    assert bad == []
    assert "符合" in [panel.rows[next(iter(panel.rows))].result.itemText(i) for i in range(4)]
    window.set_language("en")
    bad = [t for t in texts() if CJK.search(t)]
    assert bad == []
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "On-site inspection"
    assert "Compliant" in [panel.rows[next(iter(panel.rows))].result.itemText(i)
                           for i in range(4)]


def test_visits_are_normalised_and_in_checklist_order(qapp, tmp_path):
    from reviewer_app.gui.expert.inspection_state import InspectionData, checklist_items
    from reviewer_app.storage.encrypted import ExpertSecret
    from reviewer_app.storage.inspection import InspectionStore
    from reviewer_app.storage.workspace import FieldChange, ProjectState, WorkspaceStore

    manifest = {"session": {"kind": "inspection"},
                "inspection_checklist": [{"id": "a", "text": "甲", "text_en": "A"},
                                         {"id": "b", "text": "乙", "text_en": ""}]}
    store = WorkspaceStore(tmp_path / "ws.sqlite", bytes(32),
                           ExpertSecret.from_seat_code(SEAT_CODE), package_id="ab" * 16,
                           manifest_sha256="cd" * 32, seat_id="S01")
    try:
        data = InspectionData.load(store, manifest)
        assert [i.label(True) for i in checklist_items(manifest)] == ["A", "乙"]
        changes = [FieldChange("P1", "checklist_result", "unverifiable", "b"),
                   FieldChange("P1", "checklist_note", "  cafe\u0301  ", "b"),
                   FieldChange("P1", "findings", " 发现 \n")]
        store.apply(changes)
        assert all(data.remember(c) for c in changes)
        assert not data.remember(FieldChange("P1", "score", "1", "x"))
        photo = InspectionStore(store).add_photo("P1", make_photo("#fff"), "e\u0301")
        data.photo_added(photo)
        assert data.missing("P1") == ["a"] and data.started("P1") and not data.started("P2")
        visits = data.visits(["P1", "P2"], {"P1": ProjectState("P1",
                                                               recommendation="recommend")})
        p1, p2 = visits
        assert [(a.item_id, a.result, a.note) for a in p1.checklist] == [
            ("b", "unverifiable", "caf\u00e9")]
        assert p1.findings == "发现" and p1.recommendation == "recommend"
        assert p1.photos[0].caption == "\u00e9" and p1.photos[0].media_type == "image/png"
        assert p2.checklist == () and p2.photos == ()
        data.remember(FieldChange("P1", "checklist_result", "compliant", "a"))
        assert data.complete("P1")
        # What was remembered equals what a fresh load reads back.
        store.apply([FieldChange("P1", "checklist_result", "compliant", "a")])
        again = InspectionData.load(store, manifest)
        assert again.visits(["P1"], {})[0].checklist == data.visits(["P1"], {})[0].checklist
    finally:
        store.close()


def test_wheel_over_an_unfocused_result_does_not_change_it(qtbot):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    from reviewer_app.gui.expert.inspection_panel import ResultCombo

    combo = ResultCombo()
    qtbot.addWidget(combo)
    combo.addItems(["", "a", "b"])
    combo.show()

    def wheel() -> None:
        event = QWheelEvent(QPointF(5, 5), QPointF(5, 5), QPoint(0, 0), QPoint(0, -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(combo, event)

    combo.clearFocus()
    wheel()
    assert combo.currentIndex() == 0


def test_lock_drops_the_tab_and_decoded_photos(qtbot, make_window, inspection_package,
                                               tmp_path):
    window = _open(qtbot, make_window, inspection_package)
    controller = window.inspection
    photo = tmp_path / "site.png"
    photo.write_bytes(make_photo("#aabbcc", b"lock-test"))
    controller.choose_photo_files = lambda: [photo]
    assert controller.add_photos()
    assert controller.panel._thumbnails
    assert controller.open_photo(controller.panel.current_photo().id) is not None
    window.lock()
    assert window.tabs.indexOf(controller.panel) < 0
    assert not controller.panel._thumbnails and controller.panel.photo_list.count() == 0
    assert controller.photo_dialog is None
