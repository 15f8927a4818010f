"""Finalize, sign and export the score sheet; the expert's signing identity (issue 5).

The main window imports this module and calls :func:`install` the first time it needs
``sheet_controller`` (finalize, export, print, the signing key, the unlock dialog's
own-key mode), not at start-up; its menus hold the actions from the start
(:mod:`window_actions`). Everything that would block on a modal dialog goes through a
:class:`SheetController` method that tests replace.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer  # Qt: locally (start-up cost, issue 4)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from reviewer_app.core.errors import ReviewerError, ScoreError
from reviewer_app.gui.settings import data_dir

if TYPE_CHECKING:  # keyring, the signer and reportlab load on first use, not at start-up
    # (and the dialogs, on first use too: the main window installs this hook at start-up)
    from reviewer_app.gui.expert.finalize_dialog import FinalizeDialog
    from reviewer_app.gui.expert.identity_dialog import IdentityDialog
    from reviewer_app.gui.expert.main_window import MainWindow
    from reviewer_app.identity.expert import ExpertIdentity, ExpertKeys
    from reviewer_app.sheets.build import SignedSheet

T = TypeVar("T")
MAX_PASSPHRASE_TRIES = 5
# Which widget a missing item sends the expert to (objectNames of docs/architecture.md §7).
FOCUS_TARGETS = {"score": "scoreInput.%s", "invalid_score": "scoreInput.%s",
                 "comment_required": "comment.%s", "conflict_reason": "conflictReason",
                 "checklist": "checklistResult.%s", "reason": "secondRoundReason"}


class PassphraseCancelled(ReviewerError):
    """The expert closed the passphrase dialog: stop quietly (raised through the key store)."""


class SheetController(QObject):
    """Owns the finalize/export flow and the identity dialogs for one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._key_directory: Path | None = None
        self._passphrase_error = ""
        self.finalize_dialog: FinalizeDialog | None = None
        self.identity_dialog: IdentityDialog | None = None
        self.last_paths: tuple[Path, Path] | None = None
        self.conflicts_confirmed = False  # conflictsCompleteCheck ticked for the next export
        # The sheet exported last in this session, with its PDF once rendered: what
        # "Print score sheet…" prints (gui.expert.sheet_print).
        self._exported: tuple[object, SignedSheet, bytes | None] | None = None
        self.identity_action = window.identity_action

    # --- replaced by tests: everything that blocks -------------------------------------
    def ask_passphrase(self, creating: bool, where: str, error: str) -> str | None:
        from reviewer_app.gui.expert.identity_dialog import PassphraseDialog

        dialog = PassphraseDialog(creating, where, error, self.window)
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.passphrase() if ok else None
        finally:
            dialog.deleteLater()

    def ask_text(self, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self.window, title, label,
                                        QLineEdit.EchoMode.Normal, default)
        return text if ok else None

    def choose_folder(self, title: str) -> Path | None:
        from reviewer_app.gui.widgets.file_dialogs import remember_folder, start_folder

        name = QFileDialog.getExistingDirectory(self.window, title,
                                                start_folder(self.window.prefs))
        remember_folder(self.window.prefs, name)
        return Path(name) if name else None

    def choose_save_path(self, title: str, suggested: Path) -> Path | None:
        from reviewer_app.gui.widgets.file_dialogs import remember_folder, start_folder

        suggested = Path(start_folder(self.window.prefs)) / suggested.name
        name, _ = QFileDialog.getSaveFileName(self.window, title, str(suggested),
                                              self.tr("Public key (*.pub);;All files (*)"))
        remember_folder(self.window.prefs, name)
        return Path(name) if name else None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.window, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self.window, title, text)

    def error(self, title: str, text: str) -> None:
        self.window.show_error(title, text)

    # --- language ----------------------------------------------------------------------
    # --- keys --------------------------------------------------------------------------
    @property
    def key_directory(self) -> Path:
        """``<user data dir>/keys``, looked up on first use (not needed at start-up)."""
        if self._key_directory is None:
            self._key_directory = data_dir() / "keys"
        return self._key_directory

    def keys(self, passphrase: Callable[[bool], str] | None = None) -> ExpertKeys:
        """The identity store; ``passphrase`` replaces the prompt for the key file's
        passphrase (the unlock dialog has its own field for it)."""
        from reviewer_app.identity.expert import ExpertKeys, expert_key_store

        store = expert_key_store(self.key_directory, passphrase or self._provide_passphrase)
        return ExpertKeys(store, self.key_directory)

    def _provide_passphrase(self, creating: bool) -> str:
        from reviewer_app.identity.expert import EXPERT_ENTRY

        where = str(self.key_directory / f"{EXPERT_ENTRY}.key")
        text = self.ask_passphrase(creating, where, self._passphrase_error)
        if not text:
            raise PassphraseCancelled("no passphrase given")
        return text

    def _with_keys(self, action: Callable[[ExpertKeys], T]) -> T | None:
        """Run ``action``, asking again after a wrong passphrase; None when it cannot run.

        Raises:
            ExpertKeyLost: left to the caller, which asks before replacing the key.
        """
        from reviewer_app.identity.errors import IdentityError, WrongKeyPassphrase
        from reviewer_app.identity.expert import ExpertKeyLost

        keys = self.keys()
        self._passphrase_error = ""
        try:
            for _ in range(MAX_PASSPHRASE_TRIES):
                try:
                    return action(keys)
                except WrongKeyPassphrase:
                    self._passphrase_error = self.tr("The passphrase is not correct. "
                                                     "Try again.")
        except PassphraseCancelled:
            return None
        except ExpertKeyLost:
            raise
        except (IdentityError, OSError) as exc:
            self.error(self.tr("Signing key"),
                       self.tr("Your signing key cannot be used: %1").replace("%1", str(exc)))
            return None
        finally:
            self._passphrase_error = ""
        self.error(self.tr("Signing key"), self.tr("Too many wrong passphrases."))
        return None

    def identity(self) -> ExpertIdentity | None:
        """The expert's identity, created on first use; asks before replacing a lost one."""
        from reviewer_app.identity.expert import ExpertKeyLost

        try:
            result = self._with_keys(lambda keys: keys.load_or_create())
        except ExpertKeyLost as lost:
            if not self.confirm(self.tr("Signing key not found"), self.tr(
                    "Your signing key (fingerprint %1) can no longer be found on this "
                    "computer. Score sheets you already exported stay valid.\n\nCreate a new "
                    "signing key now? Then send your new public key to the secretariat.")
                    .replace("%1", lost.previous.fingerprint)):
                return None
            identity = self._with_keys(lambda keys: keys.create_new())
            if identity is not None:
                self._say_created(identity)
            return identity
        if result is None:
            return None
        identity, created = result
        if created:
            self._say_created(identity)
        return identity

    def _location_text(self, keys: ExpertKeys) -> str:
        location = keys.location()
        if location.kind == "keyring":
            return self.tr("the system keyring of this computer")
        from reviewer_app.gui.expert.identity_dialog import key_folder_text

        text = self.tr("an encrypted key file on this computer (in %1), protected by your "
                       "passphrase").replace("%1", key_folder_text(location.where))
        if location.why_not_keyring:
            text += self.tr(" (no usable system keyring here)")
        return text

    def _say_created(self, identity: ExpertIdentity) -> None:
        self.inform(self.tr("Signing key created"), self.tr(
            "A new signing key was created for you and kept in %1.\n\nFingerprint: %2")
            .replace("%1", self._location_text(self.keys()))
            .replace("%2", identity.fingerprint))

    # --- the identity dialog -----------------------------------------------------------
    def show_identity(self) -> IdentityDialog:
        from reviewer_app.gui.expert.identity_dialog import IdentityDialog

        dialog = self.identity_dialog
        if dialog is None:
            dialog = self.identity_dialog = IdentityDialog(self.window)
            dialog.exportRequested.connect(self.export_public_key)
            dialog.newIdentityRequested.connect(self.new_identity)
        self._refresh_identity_dialog()
        dialog.open()
        return dialog

    def _refresh_identity_dialog(self) -> None:
        if self.identity_dialog is None:
            return
        keys = self.keys()
        record = keys.public_record()  # public keys only: no passphrase needed to look
        current = record.current
        self.identity_dialog.set_info(fingerprint=current.fingerprint if current else "",
                                      key_id=current.key_id if current else "",
                                      location=self._location_text(keys),
                                      retired=len(record.retired))

    def about_text(self) -> str:
        current = self.keys().public_record().current
        if current is None:
            return self.tr("You have no signing key yet.")
        return self.tr("Your signing key: %1\nKept in %2").replace(
            "%1", current.fingerprint).replace("%2", self._location_text(self.keys()))

    def export_public_key(self) -> Path | None:
        """Write the public key file the secretariat passes to ``build --recipient``."""
        from reviewer_app.identity.expert import write_public_key_file

        identity = self.identity()
        if identity is None:
            return None
        self._refresh_identity_dialog()
        name = self.ask_text(self.tr("Export my public key"),
                             self.tr("Your name (written into the file for the secretariat):"),
                             self._seat_name())
        if name is None:
            return None
        path = self.choose_save_path(self.tr("Export my public key"),
                                     Path(f"expert-{identity.key_id}.pub"))
        if path is None:
            return None
        try:
            write_public_key_file(path, identity, name, self.keys().public_record().retired)
        except OSError as exc:
            self.error(self.tr("Export my public key"),
                       self.tr("The file could not be written: %1").replace("%1", str(exc)))
            return None
        self.inform(self.tr("Export my public key"), self.tr(
            "Your public key was written to:\n%1\n\nGive this file to the secretariat. It "
            "contains no secret.\nFingerprint: %2").replace("%1", str(path))
            .replace("%2", identity.fingerprint))
        return path

    def new_identity(self) -> ExpertIdentity | None:
        """Replace the identity (lost, forgotten passphrase, or exposed), after confirming."""
        current = self.keys().public_record().current
        if current is not None and not self.confirm(self.tr("Create a new identity"), self.tr(
                "Replace your signing key (fingerprint %1) with a new one?\n\nThe old key "
                "is deleted from this computer. Score sheets you already exported stay "
                "valid. Packages encrypted for your old key must be opened with their "
                "passphrase. Send your new public key to the secretariat.")
                .replace("%1", current.fingerprint)):
            return None
        identity = self._with_keys(lambda keys: keys.create_new())
        if identity is not None:
            self._say_created(identity)
        self._refresh_identity_dialog()
        return identity

    # --- finalize ----------------------------------------------------------------------
    def finalize(self) -> FinalizeDialog | None:
        """List what is missing, or show the expert's score distribution and offer to sign."""
        from reviewer_app.gui.expert.finalize_dialog import FinalizeDialog, missing_line
        from reviewer_app.gui.expert.inspection_state import session_visits
        from reviewer_app.gui.expert.score_chart import score_distribution
        from reviewer_app.sheets.build import missing_items

        session = self.window.session
        if session is None:
            return None
        items = missing_items(session.package.manifest, session.seat_id, session.states,
                              session_visits(session))
        dialog = FinalizeDialog(self.window)
        dialog.set_english(self.window.translations.english)
        if items:
            by_id = {p["project_id"]: p for p in session.projects}
            dialog.show_missing([(item, missing_line(
                item, by_id, self._criterion_name(item.criterion_id), self._band_name(item)))
                for item in items])
        else:
            ids = [p["project_id"] for p in session.projects]
            dialog.show_distribution(score_distribution(session.rubric, ids, session.states),
                                     len(ids), confirm_conflicts=self.needs_conflicts_confirmed())
        dialog.goTo.connect(self.go_to)
        # Leave the dialog's click handler first: export opens dialogs of its own.
        dialog.signRequested.connect(self.confirm_conflicts_complete)
        dialog.signRequested.connect(lambda: QTimer.singleShot(0, self.window.export_sheet))
        dialog.finished.connect(dialog.deleteLater)
        self.finalize_dialog = dialog
        dialog.open()
        return dialog

    def _band_name(self, item) -> str:
        """The name of the band a "comment_required" item's score falls in, or ""."""
        session = self.window.session
        if session is None or item.band_id is None:
            return ""
        english = self.window.translations.english
        for band in session.rubric.criterion(item.criterion_id).bands:
            if band.id == item.band_id:
                return band.name_en if english else band.name
        return ""

    def _criterion_name(self, criterion_id: str | None) -> str:
        session = self.window.session
        if criterion_id is None or session is None:
            return ""
        try:
            criterion = session.rubric.criterion(criterion_id)
        except ScoreError:  # an inspection checklist item
            from reviewer_app.gui.expert.inspection_state import checklist_items

            english = self.window.translations.english
            return next((item.label(english) for item in checklist_items(
                session.package.manifest) if item.id == criterion_id), criterion_id)
        return criterion.name_en if self.window.translations.english else criterion.name

    def go_to(self, item) -> QWidget | None:
        """Select the item's project and put the cursor where the fix goes."""
        window = self.window
        if not window.select_project(item.project_id):
            window.project_search.clear()  # a filter hides it: show everything
            window.status_filter.setCurrentIndex(0)
            if not window.select_project(item.project_id):
                return None
        # Checklist items live on the inspection tab (gui.expert.inspection_panel).
        inspection = getattr(window, "inspection", None)
        panel = (inspection.panel if item.kind == "checklist" and inspection is not None
                 else window.rubric_panel)
        window.tabs.setCurrentWidget(panel)
        pattern = FOCUS_TARGETS.get(item.kind)
        if pattern is None:
            return None
        name = pattern % item.criterion_id if "%s" in pattern else pattern
        widget = panel.findChild(QWidget, name)
        if widget is None:
            return None
        panel.ensureWidgetVisible(widget)
        from PySide6.QtCore import Qt

        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        return widget

    # --- sign and export ---------------------------------------------------------------
    def _seat_name(self) -> str:
        session = self.window.session
        if session is None:
            return ""
        for seat in session.package.manifest.get("seats", ()):
            if seat.get("seat_id") == session.seat_id:
                return str(seat.get("name") or "")
        return ""

    def needs_conflicts_confirmed(self) -> bool:
        """Manifest format 4: every export needs the conflicts-complete confirmation."""
        session = self.window.session
        return session is not None and "commitment" in session.package.manifest

    def confirm_conflicts_complete(self) -> None:
        """The expert ticked 利益冲突申明完整 (``conflictsCompleteCheck``) and asked to sign:
        good for the next export only."""
        self.conflicts_confirmed = True

    def export(self) -> tuple[Path, Path] | None:
        """Sign the entries and write ``<seat>-r<N>.revsheet`` and its PDF to a folder."""
        from reviewer_app.gui.expert.inspection_state import session_visits
        from reviewer_app.gui.expert.sheet_export import (
            already_there,
            last_expert_name,
            photo_export,
            plan_export,
            write_export,
        )
        from reviewer_app.sheets.build import missing_items
        from reviewer_app.sheets.errors import ExportFailed, SheetError, SheetIncomplete
        from reviewer_app.sheets.seat_keys import needs_own_key

        session = self.window.session
        if session is None:
            return None
        if missing_items(session.package.manifest, session.seat_id, session.states,
                         session_visits(session)) or (
                self.needs_conflicts_confirmed() and not self.conflicts_confirmed):
            self.finalize()  # what is missing, with links; or the confirmation to tick
            return None
        self.conflicts_confirmed = False  # asked again at the next export
        # A package that proves seats by seat keys is signed with the key derived from
        # the seat code typed at unlock; the expert's own key only when none was typed.
        signing_key = None
        if needs_own_key(session.package.manifest, session.seat_code):
            identity = self.identity()
            if identity is None:
                return None
            signing_key = identity.signing_key
        title = self.tr("Sign and export")
        name = self.ask_text(title, self.tr("Your name as it appears on the score sheet:"),
                             last_expert_name(session) or self._seat_name())
        if name is None:
            return None
        if not name.strip():
            self.error(title, self.tr("The score sheet needs your name."))
            return None
        folder = self.choose_folder(self.tr("Choose the folder (e.g. the USB stick) for the "
                                            "score sheet"))
        if folder is None:
            return None
        try:
            with _busy():
                plan = plan_export(session, signing_key, name)
        except SheetIncomplete:
            QTimer.singleShot(0, self.finalize)
            return None
        except SheetError as exc:
            self.error(title, self.tr("The score sheet cannot be signed: %1")
                       .replace("%1", str(exc)))
            return None
        revision = plan.sheet.revision
        if plan.unchanged:
            there = already_there(folder, plan.sheet,
                                  with_photos=photo_export(session, plan) is not None)
            if there is not None:
                self.last_paths = there
                self._exported = (session, plan.sheet, None)
                self._done(self.tr("Nothing has changed since revision %1, and this folder "
                                   "already holds it:\n%2\n%3").replace("%1", str(revision))
                           + self._photos_note(session, plan), there)
                return there
        pdf = self._render_pdf(plan.sheet)
        if pdf is None:
            return None
        try:
            with _busy():
                paths = write_export(session, plan, folder, pdf=pdf)
        except ExportFailed as exc:
            self.error(title, self.tr("The score sheet was not exported: %1\n\nNothing was "
                                      "written. Choose another folder or free some space and "
                                      "try again.").replace("%1", self._export_cause(exc)))
            return None
        except (ReviewerError, OSError) as exc:
            # The files are written but the revision could not be recorded.
            self.error(title, self.tr("The score sheet was written, but your workspace could "
                                      "not record it: %1").replace("%1", str(exc)))
            return None
        self.last_paths = paths
        self._exported = (session, plan.sheet, pdf)
        if plan.unchanged:
            text = self.tr("Nothing has changed since revision %1; its files were written "
                           "again:\n%2\n%3").replace("%1", str(revision))
        else:
            text = self.tr("Revision %1 of your score sheet is signed and exported:\n%2\n%3"
                           "\n\nHand both files to the secretariat.").replace(
                "%1", str(revision))
        self._done(text + self._photos_note(session, plan), paths)
        return paths

    def _photos_note(self, session, plan) -> str:
        """What became of the inspection photos: exported beside the sheet, or left on
        this laptop because the package names no return key for them (and why)."""
        from reviewer_app.gui.expert.sheet_export import photo_export, photos_left_behind
        from reviewer_app.sheets.photos import photo_package_name, sheet_photos

        if photo_export(session, plan) is not None:
            return self.tr("\n\n%1 site photo(s) were exported, encrypted for the organizer "
                           "only, to %2: hand it in with the score sheet.").replace(
                "%1", str(len(sheet_photos(plan.sheet)))).replace(
                "%2", photo_package_name(plan.sheet))
        left = photos_left_behind(session, plan.sheet)
        if left:
            return self.tr("\n\n%1 site photo(s) stay on this laptop, encrypted in your "
                           "workspace: this review package was built without the organizer's "
                           "return key, so they cannot be sent back securely. The score sheet "
                           "records each photo's fingerprint; keep the photos until the "
                           "secretariat collects them.").replace("%1", str(left))
        return ""

    def exported_pdf(self) -> bytes | None:
        """The PDF of the sheet exported last in this session (rendered now if that export
        only found the files already there); None when nothing was exported."""
        if self._exported is None or self._exported[0] is not self.window.session:
            return None
        session, sheet, pdf = self._exported
        if pdf is None:
            pdf = self._render_pdf(sheet, self.tr("Print score sheet"))
            if pdf is not None:
                self._exported = (session, sheet, pdf)
        return pdf

    def exported_revision(self) -> int | None:
        return self._exported[1].revision if self._exported is not None else None

    def _render_pdf(self, sheet, title: str | None = None) -> bytes | None:
        """The printable sheet, rendered off the GUI thread behind a progress dialog
        (a long comment takes a while); None if cancelled or it cannot be rendered."""
        from reviewer_app.gui.widgets.workers import Cancelled, run_with_progress
        from reviewer_app.sheets.errors import SheetError
        from reviewer_app.sheets.export import render_pdf

        manifest = self.window.session.package.manifest
        title = title or self.tr("Sign and export")
        try:
            return run_with_progress(
                self.window, title, self.tr("Preparing the printable score sheet…"),
                self.tr("Cancel"), lambda progress: render_pdf(sheet, manifest,
                                                              progress=progress))
        except Cancelled:
            self.window.statusBar().showMessage(
                self.tr("Export cancelled: nothing was written."), 10000)
        except SheetError as exc:
            self.error(title, self.tr("The score sheet was not exported: %1\n\nNothing was "
                                      "written.").replace("%1", str(exc)))
        return None

    def _done(self, text: str, paths: tuple[Path, Path]) -> None:
        self.window.statusBar().showMessage(
            self.tr("Score sheet exported: %1").replace("%1", str(paths[0])), 10000)
        self.inform(self.tr("Sign and export"),
                    text.replace("%2", str(paths[0])).replace("%3", str(paths[1])))

    def _export_cause(self, exc) -> str:
        """A translated cause for an ``ExportFailed`` (its own message is English)."""
        code = getattr(exc.cause, "errno", None)
        causes = {
            errno.ENOSPC: self.tr("the disk is full"),
            errno.EROFS: self.tr("the disk is read-only (check its write-protect switch)"),
            errno.EACCES: self.tr("no permission to write in %1"),
            errno.EPERM: self.tr("no permission to write in %1"),
            errno.ENOENT: self.tr("the folder %1 does not exist (was the USB stick removed?)"),
            errno.EIO: self.tr("the disk cannot be written (was the USB stick removed?)"),
        }
        if isinstance(exc.cause, PermissionError):
            code = errno.EACCES
        from reviewer_app.sheets.errors import PhotoExportFailed

        if isinstance(exc.cause, PhotoExportFailed):
            return self.tr("a site photo could not be packaged for the organizer (%1): your "
                           "workspace no longer holds it, or it does not match the fingerprint "
                           "in the sheet").replace("%1", str(exc.cause))
        text = causes.get(code)
        return text.replace("%1", str(exc.folder)) if text else str(exc)


@contextlib.contextmanager
def _busy() -> Iterator[None]:
    """A busy cursor while signing and rendering the PDF (restored before any message)."""
    from PySide6.QtCore import Qt

    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


# --- the hook the main window calls ------------------------------------------------------

def install(window: MainWindow) -> SheetController:
    """Called once by the main window, on first use: the controller and its printer."""
    from reviewer_app.gui.expert import sheet_print

    controller = SheetController(window)
    window.sheet_controller = controller
    sheet_print.install(controller)
    return controller
