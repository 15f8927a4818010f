"""Inspection mode: the on-site checklist, findings and photos, on a tab beside the rubric.

Shown only for packages whose ``session.kind`` is "inspection". Checklist results and
notes, findings and photo captions leave as :class:`FieldChange` objects through
:attr:`InspectionPanel.changed` and take the same path as scores (the main window's
``_on_change``: session in memory, then the autosave). Photos are added from files and
kept encrypted in the workspace (``storage.inspection``); thumbnails are decoded from
memory and never written anywhere.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.errors import ReviewerError
from reviewer_app.gui.expert.inspection_state import ChecklistItem, checklist_items
from reviewer_app.gui.expert.session import storage
from reviewer_app.gui.i18n import Retranslating
from reviewer_app.gui.widgets.wheel import WheelScrollsComboBox

if TYPE_CHECKING:
    from reviewer_app.gui.expert.main_window import MainWindow
    from reviewer_app.storage.inspection import InspectionState, PhotoInfo

RESULTS = ("", "compliant", "non_compliant", "unverifiable")
THUMBNAIL_SIZE = QSize(160, 120)
PREVIEW_EDGE = 1600
IMAGE_ALLOCATION_LIMIT_MB = 256
PHOTO_ROLE = Qt.ItemDataRole.UserRole


def decode_photo(data: bytes, box: QSize | None = None) -> QImage:
    """Decode a JPEG/PNG from memory, scaled to fit ``box``, with its EXIF rotation.

    Raises:
        ValueError: not an image Qt can read, or too large to decode.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    try:
        reader = QImageReader(buffer)
        reader.setAllocationLimit(IMAGE_ALLOCATION_LIMIT_MB)
        reader.setAutoTransform(True)
        size = reader.size()
        if box is not None and size.isValid() and (size.width() > box.width()
                                                   or size.height() > box.height()):
            # Scaled while decoding (JPEG decodes at a fraction): the full image is
            # never held in memory just for a thumbnail. The edge fits either orientation.
            edge = max(box.width(), box.height())
            reader.setScaledSize(size.scaled(QSize(edge, edge),
                                             Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            raise ValueError(reader.errorString())
        return image
    finally:
        buffer.close()


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setObjectName(name)  # for tests; accessible names are translated labels
    return widget


class ResultCombo(WheelScrollsComboBox):
    """A result choice: scrolling down the checklist must not change the answers it
    passes over."""


class ChecklistRow(QFrame):
    """One checklist item: its text, the result and a note."""

    def __init__(self, item: ChecklistItem, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.number = number
        self.setObjectName(f"checklistItem.{item.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        self.text_label.setStyleSheet("font-weight: 600;")
        self.result_label = QLabel(self)
        self.result = _named(ResultCombo(self), f"checklistResult.{item.id}")
        for code in RESULTS:
            self.result.addItem("", code)
        self.result_label.setBuddy(self.result)
        self.note = _named(QPlainTextEdit(self), f"checklistNote.{item.id}")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(52)
        row = QHBoxLayout()
        row.addWidget(self.result_label)
        row.addWidget(self.result, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.text_label)
        layout.addLayout(row)
        layout.addWidget(self.note)

    def retranslate(self, english: bool) -> None:
        self.text_label.setText(f"{self.number}. {self.item.label(english)}")
        self.result_label.setText(self.tr("Result:"))
        names = {"": self.tr("(not answered)"), "compliant": self.tr("Compliant"),
                 "non_compliant": self.tr("Not compliant"),
                 "unverifiable": self.tr("Cannot be verified")}
        for i, code in enumerate(RESULTS):
            self.result.setItemText(i, names[code])
        self.note.setPlaceholderText(self.tr("Note on this item (what was checked, what was "
                                             "seen)"))
        label = self.item.label(english)
        self.result.setAccessibleName(self.tr("Result for “%1”").replace("%1", label))
        self.note.setAccessibleName(self.tr("Note on “%1”").replace("%1", label))
        self._mark()

    def _mark(self) -> None:
        code = self.result.currentData()
        colour = {"compliant": "#2f9e44", "non_compliant": "#b42318",
                  "unverifiable": "#b54708"}.get(code, "")
        self.result.setStyleSheet(f"color: {colour};" if colour else "")


class InspectionPanel(Retranslating, QScrollArea):
    """What the inspection team enters for the selected project."""

    changed = Signal(object)               # FieldChange
    addPhotoRequested = Signal()
    removePhotoRequested = Signal(int)     # photo id
    photoOpened = Signal(int)              # photo id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectionPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.english = False
        self.project_id: str | None = None
        self.rows: dict[str, ChecklistRow] = {}
        self._loading = False
        self._thumbnails: dict[int, QPixmap] = {}
        self.thumbnail_source: Callable[[PhotoInfo], QImage | None] | None = None

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(8)
        self.conflict_hint = QLabel(body)
        self.conflict_hint.setObjectName("inspectionConflictHint")
        self.conflict_hint.setWordWrap(True)
        self.conflict_hint.setStyleSheet("color: #7048e8;")
        layout.addWidget(self.conflict_hint)

        self.checklist_box = QGroupBox(body)
        self.checklist_box.setObjectName("checklistBox")
        self.progress_label = QLabel(self.checklist_box)
        self.progress_label.setObjectName("checklistProgress")
        self._rows_layout = QVBoxLayout(self.checklist_box)
        self._rows_layout.addWidget(self.progress_label)
        layout.addWidget(self.checklist_box)

        self.findings_box = QGroupBox(body)
        self.findings = _named(QPlainTextEdit(self.findings_box), "inspectionFindings")
        self.findings.setTabChangesFocus(True)
        self.findings.setFixedHeight(110)
        self.findings.textChanged.connect(
            lambda: self._emit("findings", self.findings.toPlainText()))
        flayout = QVBoxLayout(self.findings_box)
        flayout.addWidget(self.findings)
        layout.addWidget(self.findings_box)

        self.photos_box = QGroupBox(body)
        self.photo_hint = QLabel(self.photos_box)
        self.photo_hint.setWordWrap(True)
        self.photo_hint.setStyleSheet("color: #475467;")
        self.add_photo_action = QAction(self)
        self.add_photo_action.setObjectName("addPhotoAction")
        self.add_photo_action.triggered.connect(lambda _c=False: self.addPhotoRequested.emit())
        self.add_photo_button = QToolButton(self.photos_box)
        self.add_photo_button.setObjectName("addPhotoButton")
        self.add_photo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_photo_button.setDefaultAction(self.add_photo_action)
        self.photo_list = _named(QListWidget(self.photos_box), "photoList")
        self.photo_list.setViewMode(QListView.ViewMode.IconMode)
        self.photo_list.setIconSize(THUMBNAIL_SIZE)
        self.photo_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.photo_list.setMovement(QListView.Movement.Static)
        self.photo_list.setWordWrap(True)
        self.photo_list.setSpacing(6)
        self.photo_list.setMinimumHeight(THUMBNAIL_SIZE.height() + 60)
        self.photo_list.currentItemChanged.connect(lambda *_: self._on_photo_selected())
        self.photo_list.itemActivated.connect(
            lambda item: self.photoOpened.emit(int(item.data(PHOTO_ROLE).id)))
        self.caption_label = QLabel(self.photos_box)
        self.caption = _named(QLineEdit(self.photos_box), "photoCaption")
        self.caption.textEdited.connect(self._on_caption)
        self.caption_label.setBuddy(self.caption)
        self.remove_photo_button = QPushButton(self.photos_box)
        self.remove_photo_button.setObjectName("removePhotoButton")
        self.remove_photo_button.clicked.connect(self._remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_photo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_photo_button)
        caption_row = QHBoxLayout()
        caption_row.addWidget(self.caption_label)
        caption_row.addWidget(self.caption, 1)
        playout = QVBoxLayout(self.photos_box)
        playout.addWidget(self.photo_hint)
        playout.addLayout(buttons)
        playout.addWidget(self.photo_list)
        playout.addLayout(caption_row)
        layout.addWidget(self.photos_box)
        layout.addStretch(1)
        self.setWidget(body)
        self.setEnabled(False)
        self.retranslate()

    # --- building ---------------------------------------------------------------
    def set_checklist(self, items: Sequence[ChecklistItem]) -> None:
        if tuple(row.item for row in self.rows.values()) == tuple(items):
            return
        for row in self.rows.values():
            row.deleteLater()
        self.rows.clear()
        for number, item in enumerate(items, start=1):
            row = ChecklistRow(item, number, self.checklist_box)
            row.result.currentIndexChanged.connect(
                lambda _i, r=row: self._on_result(r))
            row.note.textChanged.connect(
                lambda r=row: self._emit("checklist_note", r.note.toPlainText(), r.item.id))
            self._rows_layout.addWidget(row)
            self.rows[item.id] = row
        self.retranslate()

    def set_english(self, english: bool) -> None:
        self.english = english
        self.retranslate()

    def retranslate(self) -> None:
        self.checklist_box.setTitle(self.tr("On-site checklist"))
        self.findings_box.setTitle(self.tr("Findings"))
        self.findings.setPlaceholderText(self.tr("What the team found on site"))
        self.findings.setAccessibleName(self.tr("Findings"))
        self.photo_list.setAccessibleName(self.tr("Photos"))
        self.caption.setAccessibleName(self.tr("Photo caption"))
        self.photos_box.setTitle(self.tr("Photos"))
        self.photo_hint.setText(self.tr("JPEG or PNG, up to %1 MB each. Photos stay encrypted "
                                        "on this computer; the score sheet lists their "
                                        "fingerprints (SHA-256).").replace("%1", "20"))
        self.add_photo_action.setText(self.tr("Add photo…"))
        self.add_photo_action.setToolTip(self.tr("Attach photos taken on site to this "
                                                 "project"))
        self.remove_photo_button.setText(self.tr("Remove photo"))
        self.caption_label.setText(self.tr("Caption:"))
        self.caption.setPlaceholderText(self.tr("What the selected photo shows"))
        self.conflict_hint.setText(self.tr("You declared a conflict of interest with this "
                                           "project: no visit is recorded for it."))
        for row in self.rows.values():
            row.retranslate(self.english)
        self._update_progress()
        for i in range(self.photo_list.count()):
            self._label_item(self.photo_list.item(i))

    # --- loading a project -----------------------------------------------------
    def load(self, project_id: str | None, state: InspectionState | None,
             conflict: bool = False) -> None:
        """Show a project's visit (or nothing); emits no changes while loading."""
        self._loading = True
        try:
            self.project_id = project_id
            results = state.results if state else {}
            notes = state.notes if state else {}
            for item_id, row in self.rows.items():
                row.result.setCurrentIndex(max(0, row.result.findData(
                    results.get(item_id, ""))))
                row._mark()
                row.note.setPlainText(notes.get(item_id, ""))
            self.findings.setPlainText(state.findings if state else "")
            self.set_photos(list(state.photos) if state else [])
        finally:
            self._loading = False
        self.setEnabled(project_id is not None)
        self.set_conflict(conflict)
        self._update_progress()
        self.verticalScrollBar().setValue(0)

    def set_conflict(self, declared: bool) -> None:
        self.conflict_hint.setVisible(declared)
        for widget in (self.checklist_box, self.findings_box, self.photos_box):
            widget.setEnabled(not declared)

    def set_photos(self, photos: Sequence[PhotoInfo], select: int | None = None) -> None:
        self.photo_list.clear()
        for photo in photos:
            item = QListWidgetItem(self.photo_list)
            item.setData(PHOTO_ROLE, photo)
            item.setToolTip(f"SHA-256 {photo.sha256}")
            pixmap = self._thumbnail(photo)
            if pixmap is not None:
                item.setIcon(pixmap)
            self._label_item(item)
            if photo.id == select:
                self.photo_list.setCurrentItem(item)
        if self.photo_list.currentItem() is None and self.photo_list.count():
            self.photo_list.setCurrentRow(0)
        self._on_photo_selected()

    def clear_thumbnails(self) -> None:
        self._thumbnails.clear()
        self.photo_list.clear()

    def _thumbnail(self, photo: PhotoInfo) -> QPixmap | None:
        pixmap = self._thumbnails.get(photo.id)
        if pixmap is None and self.thumbnail_source is not None:
            image = self.thumbnail_source(photo)
            if image is not None:
                pixmap = self._thumbnails[photo.id] = QPixmap.fromImage(image)
        return pixmap

    def _label_item(self, item: QListWidgetItem) -> None:
        photo: PhotoInfo = item.data(PHOTO_ROLE)
        item.setText(photo.caption or self.tr("(no caption)"))
        if photo.id not in self._thumbnails:
            item.setText(item.text() + "\n" + self.tr("(cannot be shown)"))

    def current_photo(self) -> PhotoInfo | None:
        item = self.photo_list.currentItem()
        return item.data(PHOTO_ROLE) if item is not None else None

    def _update_progress(self) -> None:
        answered = sum(bool(row.result.currentData()) for row in self.rows.values())
        self.progress_label.setText(self.tr("%1 of %2 items answered")
                                    .replace("%1", str(answered))
                                    .replace("%2", str(len(self.rows))))

    # --- edits ------------------------------------------------------------------
    def _emit(self, field_name: str, value, item_id: str | None = None) -> None:
        if self._loading or self.project_id is None:
            return
        self.changed.emit(storage().FieldChange(self.project_id, field_name, value, item_id))

    def _on_result(self, row: ChecklistRow) -> None:
        row._mark()
        self._update_progress()
        self._emit("checklist_result", row.result.currentData() or None, row.item.id)

    def _on_photo_selected(self) -> None:
        photo = self.current_photo()
        self.caption.setEnabled(photo is not None)
        self.remove_photo_button.setEnabled(photo is not None)
        self.caption.setText(photo.caption if photo is not None else "")

    def _on_caption(self, text: str) -> None:
        item = self.photo_list.currentItem()
        if item is None:
            return
        from dataclasses import replace

        photo: PhotoInfo = item.data(PHOTO_ROLE)
        item.setData(PHOTO_ROLE, replace(photo, caption=text))
        self._label_item(item)
        self._emit("photo_caption", text, str(photo.id))

    def _remove_selected(self) -> None:
        photo = self.current_photo()
        if photo is not None:
            self.removePhotoRequested.emit(photo.id)


class PhotoDialog(QDialog):
    """A larger view of one photo, decoded from memory."""

    def __init__(self, image: QImage, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoDialog")
        self.setWindowTitle(caption or self.tr("Photo"))
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setPixmap(QPixmap.fromImage(image))
        scroll = QScrollArea(self)
        scroll.setWidget(self.label)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(min(image.width() + 40, 1200), min(image.height() + 80, 900))


class InspectionController(QObject):
    """Adds the inspection tab to a main window and connects it to the session."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = InspectionPanel(window.tabs)
        self.panel.setVisible(False)
        self.panel.thumbnail_source = self._thumbnail
        self.panel.changed.connect(window._on_change)
        self.panel.addPhotoRequested.connect(self.add_photos)
        self.panel.removePhotoRequested.connect(self.remove_photo)
        self.panel.photoOpened.connect(self.open_photo)
        self.photo_dialog: PhotoDialog | None = None
        window.sessionChanged.connect(self._sync)
        window.project_list.selectionModel().currentChanged.connect(
            lambda *_: self._load_current())
        window.rubric_panel.changed.connect(self._on_rubric_change)
        window.installEventFilter(self)

    # --- replaced by tests: everything that blocks -------------------------------------
    def choose_photo_files(self) -> list[Path]:
        from reviewer_app.gui.widgets.file_dialogs import remember_folder, start_folder

        names, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("Add photos"), start_folder(self.window.prefs),
            self.tr("Photos (*.jpg *.jpeg *.png);;All files (*)"))
        if names:
            remember_folder(self.window.prefs, names[0])
        return [Path(name) for name in names]

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.window, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def error(self, title: str, text: str) -> None:
        self.window.show_error(title, text)

    # --- following the window ----------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.panel.set_english(self.window.translations.english)
            self._set_tab_title()
        return False

    def _data(self):
        session = self.window.session
        return session.inspection if session is not None else None

    def _sync(self) -> None:
        """Show the tab exactly for an open inspection session."""
        tabs = self.window.tabs
        data = self._data()
        index = tabs.indexOf(self.panel)
        if data is None:  # closed or locked: drop every decoded image
            if self.photo_dialog is not None:
                self.photo_dialog.close()
                self.photo_dialog = None
            self.panel.load(None, None)
            self.panel.clear_thumbnails()
            if index >= 0:
                tabs.removeTab(index)
            self.panel.setVisible(False)
            return
        if index < 0:
            tabs.insertTab(1, self.panel, "")
            self._set_tab_title()
        self._load_current()

    def _set_tab_title(self) -> None:
        index = self.window.tabs.indexOf(self.panel)
        if index >= 0:
            self.window.tabs.setTabText(index, self.tr("On-site inspection"))

    def _load_current(self) -> None:
        data = self._data()
        if data is None:
            return
        self.panel.english = self.window.translations.english
        self.panel.set_checklist(data.checklist)
        pid = self.window.current_project_id()
        session = self.window.session
        state = session.states.get(pid) if pid else None
        conflict = bool(state is not None and state.conflict_declared)
        self.panel.load(pid, data.states.get(pid) if pid else None, conflict)

    def _on_rubric_change(self, change) -> None:
        if change.field == "conflict_declared" and change.project_id == self.panel.project_id:
            self.panel.set_conflict(bool(change.value))

    def _thumbnail(self, photo: PhotoInfo) -> QImage | None:
        data = self._data()
        if data is None:
            return None
        try:
            return decode_photo(data.photo_bytes(photo.id), THUMBNAIL_SIZE)
        except (ReviewerError, KeyError, ValueError):
            return None

    # --- photos --------------------------------------------------------------------------
    def add_photos(self) -> list[PhotoInfo]:
        """Ask for photo files and attach each to the current project."""
        pid = self.panel.project_id
        if self._data() is None or pid is None:
            return []
        added = []
        for path in self.choose_photo_files():
            photo = self.add_photo_file(pid, path)
            if photo is not None:
                added.append(photo)
        return added

    def add_photo_file(self, project_id: str, path: Path) -> PhotoInfo | None:
        """Read, check and store one photo (encrypted); the file itself is left alone."""
        from reviewer_app.storage.inspection import (
            MAX_PHOTO_BYTES,
            InspectionStore,
            PhotoError,
            check_photo,
        )

        data_model = self._data()
        autosave = self.window.autosave
        if data_model is None or autosave is None:
            return None
        title = self.tr("Add photo")
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_PHOTO_BYTES + 1)
        except OSError as exc:
            self.error(title, self.tr("%1 cannot be read: %2").replace("%1", path.name)
                       .replace("%2", exc.strerror or str(exc)))
            return None
        try:
            check_photo(data)
            decode_photo(data, THUMBNAIL_SIZE)
        except PhotoError as exc:
            reasons = {"too_large": self.tr("it is larger than %1 MB").replace(
                           "%1", str(MAX_PHOTO_BYTES // (1024 * 1024))),
                       "empty": self.tr("the file is empty"),
                       "not_an_image": self.tr("only JPEG and PNG photos can be attached")}
            self.error(title, self.tr("%1 was not added: %2").replace("%1", path.name)
                       .replace("%2", reasons.get(exc.reason, str(exc))))
            return None
        except ValueError:
            self.error(title, self.tr("%1 was not added: %2").replace("%1", path.name)
                       .replace("%2", self.tr("the image cannot be read")))
            return None
        digest = hashlib.sha256(data).hexdigest()
        if any(p.sha256 == digest for p in data_model.state(project_id).photos):
            self.error(title, self.tr("%1 is already attached to this project.")
                       .replace("%1", path.name))
            return None
        stored: list[PhotoInfo] = []
        if not autosave.run_now(lambda store: stored.append(
                InspectionStore(store).add_photo(project_id, data, path.stem))):
            self.error(title, self.tr("%1 could not be saved.").replace("%1", path.name))
            return None
        photo = stored[0]
        data_model.photo_added(photo)
        self.window.session.state(project_id)
        self._after_photo_change(project_id, select=photo.id)
        return photo

    def remove_photo(self, photo_id: int, *, ask: bool = True) -> bool:
        from reviewer_app.storage.inspection import InspectionStore

        data_model = self._data()
        pid = self.panel.project_id
        autosave = self.window.autosave
        if data_model is None or pid is None or autosave is None:
            return False
        photo = next((p for p in data_model.state(pid).photos if p.id == photo_id), None)
        if photo is None:
            return False
        if ask and not self.confirm(self.tr("Remove photo"), self.tr(
                "Remove the photo “%1” from this project? It is deleted from this "
                "computer's workspace.").replace("%1", photo.caption or photo.sha256[:12])):
            return False
        if not autosave.run_now(lambda store: InspectionStore(store).remove_photo(pid,
                                                                                 photo_id)):
            return False
        data_model.photo_removed(pid, photo_id)
        self.panel._thumbnails.pop(photo_id, None)
        self._after_photo_change(pid)
        return True

    def _after_photo_change(self, project_id: str, select: int | None = None) -> None:
        data_model = self._data()
        if project_id == self.panel.project_id and data_model is not None:
            self.panel.set_photos(data_model.state(project_id).photos, select)
        self.window.project_model.refresh(project_id)
        self.window._update_project_header()

    def open_photo(self, photo_id: int) -> PhotoDialog | None:
        data_model = self._data()
        pid = self.panel.project_id
        if data_model is None or pid is None:
            return None
        photo = next((p for p in data_model.state(pid).photos if p.id == photo_id), None)
        if photo is None:
            return None
        try:
            image = decode_photo(data_model.photo_bytes(photo_id),
                                 QSize(PREVIEW_EDGE, PREVIEW_EDGE))
        except (ReviewerError, KeyError, ValueError) as exc:
            self.error(self.tr("Photo"), self.tr("This photo cannot be shown: %1")
                       .replace("%1", str(exc)))
            return None
        dialog = PhotoDialog(image, photo.caption, self.window)
        dialog.finished.connect(lambda _result, d=dialog: self._photo_dialog_closed(d))
        self.photo_dialog = dialog
        dialog.open()
        return dialog

    def _photo_dialog_closed(self, dialog: PhotoDialog) -> None:
        if self.photo_dialog is dialog:
            self.photo_dialog = None
        dialog.deleteLater()


def install(window: MainWindow) -> InspectionController:
    """Called once by the main window."""
    controller = InspectionController(window)
    window.inspection = controller
    return controller


__all__ = ["InspectionController", "InspectionPanel", "checklist_items", "decode_photo",
           "install"]
