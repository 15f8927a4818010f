"""A package's life in the window: open (file dialog, drop, recent, demo), unlock,
show the session, lock after idle time, unlock again, close.

A mixin of :class:`~reviewer_app.gui.expert.main_window.MainWindow` (strings in its
translation context, see :mod:`~reviewer_app.gui.expert.window_actions`). The session,
its workspace and the unlock dialog are imported on first use: start-up shows the
welcome page only (issue 4).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

# The dialogs' classes are imported where they are used: loading a Qt class builds its
# Python enums (QFileDialog, QMessageBox: ~1 ms each), and start-up shows none of them.
from PySide6.QtCore import QCoreApplication

from reviewer_app.gui.settings import demo_cache_dir
from reviewer_app.gui.widgets import file_dialogs

if TYPE_CHECKING:
    from reviewer_app.gui.expert.session import ReviewSession
    from reviewer_app.gui.expert.unlock import Prefill, UnlockDialog

translate = QCoreApplication.translate


class SessionControl:
    """Opening, unlocking, locking and closing the package."""

    # --- opening --------------------------------------------------------------------
    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self, translate("MainWindow", "Open review package"),
            file_dialogs.start_folder(self.prefs),
            translate("MainWindow", "Review packages (*.revpkg);;All files (*)"))
        if name:
            file_dialogs.remember_folder(self.prefs, name)
            self.open_path(Path(name))

    def open_path(self, path: Path, prefill: Prefill | None = None) -> UnlockDialog | None:
        """Show the unlock dialog for ``path``; the session starts when it is accepted.

        A file that is not a package is refused before the dialog asks for anything."""
        from reviewer_app.gui.expert.unlock import failure_message, precheck_failure

        failure = precheck_failure(Path(path))
        if failure is not None:
            self.show_error(translate("MainWindow", "Open package"), failure_message(failure))
            return None
        if self.session is not None:
            self.close_package()
        self.package_path = Path(path)
        return self._show_unlock(self.package_path, prefill)

    def _show_unlock(self, path: Path, prefill: Prefill | None) -> UnlockDialog:
        from reviewer_app.gui.expert.unlock import UnlockDialog

        dialog = UnlockDialog(path, self.opener, self.prefs, prefill=prefill,
                              confirm_trust=self.confirm_trust,
                              expert_keys=self._expert_keys(), parent=self)
        dialog.setObjectName("unlockDialog")
        dialog.accepted.connect(lambda: self._unlocked(dialog))
        # Warm the render worker while the expert types: the first material opens
        # right after unlock.
        self.render_client().start()
        self.unlock_dialog = dialog
        dialog.open()
        return dialog

    def open_demo(self) -> None:
        """Build the demo package once (cached in the user data dir) and open it."""
        try:
            module = importlib.import_module("reviewer_app.central.demo_package")
            ensure = module.ensure_demo_package
        except (ImportError, AttributeError):
            self.show_error(translate("MainWindow", "Demo package"),
                            translate("MainWindow",
                                      "The demo package is not part of this build."))
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        self.statusBar().showMessage(translate("MainWindow", "Preparing the demo package…"))
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def done(result) -> None:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
            path, passphrase = result.path, result.passphrase
            seat_id, seat_code = result.seat_id, result.seat_code
            # This machine made the demo's organizer key itself: nothing to compare.
            self.prefs.trust_organizer(result.organizer_fingerprint)
            hint = translate("MainWindow", "Demo package: the passphrase is “%1”, seat %2, "
                             "seat code %3.").replace("%1", passphrase) \
                .replace("%2", seat_id).replace("%3", seat_code)
            from reviewer_app.gui.expert.unlock import Prefill

            self.open_path(Path(path), Prefill(passphrase, seat_id, seat_code, hint))

        def failed(exc: BaseException) -> None:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
            self.show_error(translate("MainWindow", "Demo package"),
                            translate("MainWindow", "The demo package could not be prepared: %1")
                            .replace("%1", str(exc)))

        self.worker.submit(lambda: ensure(demo_cache_dir()), done, failed)

    def confirm_trust(self, fingerprint: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self, translate("MainWindow", "Unknown organizer"),
            translate("MainWindow", "This package is signed by an organizer key you have not "
                      "used before.\n\nFingerprint:\n%1\n\nCompare it with the fingerprint in "
                      "the notification letter from the secretariat. Trust this organizer "
                      "from now on?")
            .replace("%1", fingerprint))
        return answer == QMessageBox.StandardButton.Yes

    def _unlocked(self, dialog: UnlockDialog) -> None:
        session = dialog.session
        self.unlock_dialog = None
        dialog.deleteLater()
        if session is not None:
            self.set_session(session)

    def set_session(self, session: ReviewSession) -> None:
        """Show an unlocked session (after open, or after the idle lock).

        A package with a 承诺书 shows nothing until the expert has accepted it
        (conflict_gate); declining closes the package again, its workspace untouched."""
        if not self.commitment_gate(session):
            session.close()
            self.pages.setCurrentWidget(self.welcome)
            self._update_actions()
            self.sessionChanged.emit()
            return
        if self._held_lock is not None and self._held_lock is not session.lock:
            self._held_lock.release()  # locked on another package, then opened this one
        self._held_lock = None  # the session holds it now
        self.session = session
        from reviewer_app.gui.expert.autosave import AutosaveManager

        self._build_workspace()
        self.autosave = AutosaveManager(session.store, self)
        self.autosave.saved.connect(lambda _when: self._show_saved_state())
        self.autosave.failed.connect(self._save_failed)
        self.autosave.dirtyChanged.connect(lambda _d: self._show_saved_state())
        english = self.translations.english
        self.rubric_panel.set_english(english)
        self.project_info.set_english(english)
        self.rubric_panel.set_rubric(session.rubric, {})
        from reviewer_app.sheets.build import conflict_categories

        self.rubric_panel.set_conflict_categories(conflict_categories(session.package.manifest))
        self.rubric_panel.set_second_round(session.second_round)
        self.project_model.set_session(session)
        self.pages.setCurrentWidget(self.workspace)
        self.retranslate()
        self._update_actions()
        self.idle.start()
        from reviewer_app.gui.expert import resume_place

        place, self._locked_place = self._locked_place, (None, -1, 0)
        resumed = resume_place.recall(self, session)  # where this seat left off last time
        if place[0] is None:
            place = resumed[:3]
        self.locked_as = None
        row = self.project_model.row_of(place[0]) if place[0] else 0
        self.select_project_row(max(0, row))
        if place[1] > 0:
            self.show_material(place[1], place[2])
        if place[0] == resumed.project_id:
            resume_place.restore_scroll(self, resumed.rubric_scroll)
        self.sessionChanged.emit()

    def close_package(self) -> None:
        """Save and close the open package (or forget the locked one)."""
        self._teardown()
        self.locked_as = None
        self.pages.setCurrentWidget(self.welcome)
        self.retranslate()
        self._update_actions()
        self.sessionChanged.emit()

    def render_client(self):
        """The render worker's client, shared by every viewer of this window."""
        if self._render_client is None:
            from reviewer_app.gui.widgets.render_client import RenderClient

            self._render_client = RenderClient(self)
        return self._render_client

    def _teardown(self, *, keep_lock: bool = False) -> bool:
        """Flush, then drop every key, decrypted byte and document buffer we hold.

        ``keep_lock`` (the idle lock): the workspace's OS lock stays held, in
        ``_held_lock``, until the next unlock takes it over or the package is closed."""
        ok = True
        if self.session is not None and self._workspace_built:
            from reviewer_app.gui.expert import resume_place

            resume_place.remember(self)
        if self.autosave is not None:
            ok = self.autosave.detach()
            self.autosave.deleteLater()
            self.autosave = None
        self.idle.stop()
        self.worker.cancel_all()
        self._pending_member = -1
        if self._workspace_built:
            self.viewer.unload()
            self.viewer.show_message("")
            self.cache.clear()
        if self._render_client is not None:
            # A fresh worker for the next unlock: nothing of these materials stays in
            # the old one's heap.
            self._render_client.stop()
            self.rubric_panel.load(None, None)
            self.rubric_panel.set_rubric(None, {})
            self.rubric_panel.set_second_round(None)
            self.material_model.set_project(None, {}, False)
            self.project_info.set_project(None)
            self.project_model.set_session(None)
        if self.session is not None:
            self.session.close(keep_lock=keep_lock)
            if keep_lock:
                self._held_lock = self.session.lock
            self.session = None
        if not keep_lock and self._held_lock is not None:
            self._held_lock.release()
            self._held_lock = None
        return ok

    # --- idle lock -----------------------------------------------------------------
    def lock(self) -> None:
        """Hide the content, drop keys and plaintext; the passphrase reopens it.

        The workspace stays this window's: its OS lock is kept until close, so a second
        copy of the app cannot open it while this one waits locked."""
        if self.session is None:
            return
        session = self.session
        place = (self.current_project_id(), self.viewer.member_id,
                 self.viewer.current_page())
        from reviewer_app.gui.expert.unlock import Prefill

        seat = (session.seat_id, session.seat_code, session.package.package_id)
        self._teardown(keep_lock=True)
        self.locked_as = Prefill(seat_id=seat[0], seat_code=seat[1], seat_locked=True,
                                 package_id=seat[2], held_lock=self._held_lock)
        self._locked_place = place
        self.pages.setCurrentWidget(self.locked_page)
        self.retranslate()
        self._update_actions()
        self.sessionChanged.emit()

    def unlock(self) -> UnlockDialog | None:
        if self.locked_as is None or self.package_path is None:
            return None
        return self._show_unlock(self.package_path, self.locked_as)

    def _ask_idle_minutes(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        minutes, ok = QInputDialog.getInt(
            self, translate("MainWindow", "Idle lock"),
            translate("MainWindow", "Lock the workspace after this many minutes without "
                      "activity:"),
            self.prefs.idle_minutes(), 1, 240)
        if ok:
            self.prefs.set_idle_minutes(minutes)
            self.idle.set_timeout(minutes * 60_000)

