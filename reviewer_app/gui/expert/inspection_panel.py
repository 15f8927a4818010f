"""Inspection mode: the on-site checklist, findings and photos, on a tab beside the rubric.
This module holds the tab's widgets; :mod:`inspection_controller` connects them to the
window and the workspace (adding, opening and removing photos).

Shown only for packages whose ``session.kind`` is "inspection". Checklist results and
notes, findings and photo captions leave as :class:`FieldChange` objects through
:attr:`InspectionPanel.changed` and take the same path as scores (the main window's
``_on_change``: session in memory, then the autosave). Photos are added from files and
kept encrypted in the workspace (``storage.inspection``); thumbnails are decoded from
memory and never written anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QAction, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.gui.expert.inspection_state import ChecklistItem
from reviewer_app.gui.expert.session import storage
from reviewer_app.gui.i18n import Retranslating
from reviewer_app.gui.widgets.wheel import WheelScrollsComboBox

if TYPE_CHECKING:
    from reviewer_app.storage.inspection import InspectionState, PhotoInfo

RESULTS = ("", "compliant", "non_compliant", "unverifiable")
THUMBNAIL_SIZE = QSize(160, 120)
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
