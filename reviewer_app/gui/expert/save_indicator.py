"""The status bar: which seat and session are open, and whether every change is saved
(the save indicator shows "saved" only after the commit, docs/architecture.md §5).

A mixin of :class:`~reviewer_app.gui.expert.main_window.MainWindow` (strings in its
translation context, see :mod:`~reviewer_app.gui.expert.window_actions`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from reviewer_app.gui.expert.workspace_page import named

translate = QCoreApplication.translate


class SaveIndicator:
    """The seat label and the save indicator."""

    def _build_status_bar(self) -> None:
        self.seat_label = QLabel(self)
        self.seat_label.setObjectName("seatLabel")
        self.save_status = named(QLabel(self), "saveStatusLabel")
        self.save_status.setMinimumWidth(160)
        self.statusBar().addWidget(self.seat_label, 1)
        self.statusBar().addPermanentWidget(self.save_status)

    def _show_saved_state(self) -> None:
        autosave = self.autosave
        if autosave is None:
            self.save_status.setText("")
        elif autosave.dirty:
            self.save_status.setText(translate("MainWindow", "Saving…"))
            self.save_status.setStyleSheet("color: #475467;")
        elif autosave.last_saved is not None:
            self.save_status.setText(translate("MainWindow", "Saved %1").replace(
                "%1", autosave.last_saved.strftime("%H:%M:%S")))
            self.save_status.setStyleSheet("color: #2f9e44;")
        else:
            self.save_status.setText(translate("MainWindow", "All changes saved"))
            self.save_status.setStyleSheet("color: #2f9e44;")

    def _save_failed(self, message: str) -> None:
        self.save_status.setText(translate("MainWindow", "Not saved! Retrying…"))
        self.save_status.setStyleSheet("color: #b42318; font-weight: 600;")
        self.save_status.setToolTip(message)

