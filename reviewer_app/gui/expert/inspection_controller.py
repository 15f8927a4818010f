"""The inspection tab's wiring: shows :class:`~inspection_panel.InspectionPanel` for
inspection packages, keeps it in step with the window's project and session, and adds,
opens and removes the workspace's photos (encrypted there; decoded from memory only).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.errors import ReviewerError
from reviewer_app.gui.expert.inspection_panel import THUMBNAIL_SIZE, InspectionPanel, decode_photo

if TYPE_CHECKING:
    from reviewer_app.gui.expert.main_window import MainWindow
    from reviewer_app.storage.inspection import PhotoInfo

PREVIEW_EDGE = 1600


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

