"""The expert window's actions, menus and toolbar: built once at start-up, named for tests
(objectName), retranslated on a language change and enabled by the session's state.

A mixin of :class:`~reviewer_app.gui.expert.main_window.MainWindow`. Its strings keep the
window's translation context ("MainWindow"): ``self.tr`` in a plain mixin would be looked
up under the window's class name anyway, but lupdate would file it under the mixin's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar

translate = QCoreApplication.translate


class WindowActions:
    """Actions (File, Review, View, Settings, Help) and the main toolbar."""

    def _action(self, name: str, slot: Callable[[], Any] | None = None,
                shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            # The property, not setShortcut(): the latter's overload check builds PySide6's
            # whole Qt enum namespace (~12 ms of start-up).
            action.setProperty("shortcut", QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even while a menu is hidden
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a("openAction", self.open_dialog, QKeySequence.StandardKey.Open)
        self.demo_action = a("demoAction", self.open_demo)
        self.close_action = a("closePackageAction", self.close_package)
        self.lock_action = a("lockAction", self.lock, "Ctrl+L")
        self.finalize_action = a("finalizeAction", self.finalize_review)
        self.export_action = a("exportAction", self.export_sheet)
        # The sheet controller (gui.expert.sheet_actions: signing, printing, the expert's
        # key) is imported and built on first use, not at start-up: these two lambdas and
        # finalize/export are its only ways in from the menus.
        self.print_action = a("printAction", lambda: self.sheet_printer.print_sheet(),
                              "Ctrl+P")
        self.identity_action = a("identityAction", lambda: self.sheet_controller.show_identity())
        self.quit_action = a("quitAction", self.close, QKeySequence.StandardKey.Quit)
        self.next_project_action = a("nextProjectAction", lambda: self.step_project(+1),
                                     "Ctrl+PgDown")
        self.prev_project_action = a("previousProjectAction", lambda: self.step_project(-1),
                                     "Ctrl+PgUp")
        self.next_material_action = a("nextMaterialAction", lambda: self.step_material(+1),
                                      "Alt+PgDown")
        self.prev_material_action = a("previousMaterialAction",
                                      lambda: self.step_material(-1), "Alt+PgUp")
        self.criterion_actions = [
            a(f"criterionAction{n}", lambda n=n: self.rubric_panel.focus_criterion(n),
              f"Ctrl+{n}") for n in range(1, 10)]
        # The viewer's actions call it through lambdas: it is built on unlock.
        self.page_down_action = a("pageDownAction", lambda: self.viewer.page_down(), "PgDown")
        self.page_up_action = a("pageUpAction", lambda: self.viewer.page_up(), "PgUp")
        for action in (self.page_down_action, self.page_up_action):
            self.removeAction(action)  # _build_workspace gives them to the viewer
        self.next_page_action = a("nextPageAction", lambda: self.viewer.next_page(),
                                  "Ctrl+Right")
        self.prev_page_action = a("previousPageAction", lambda: self.viewer.previous_page(),
                                  "Ctrl+Left")
        self.find_action = a("findAction", self._focus_search, QKeySequence.StandardKey.Find)
        self.find_next_action = a("findNextAction", lambda: self.viewer.next_hit(),
                                  QKeySequence.StandardKey.FindNext)
        self.find_prev_action = a("findPreviousAction", lambda: self.viewer.previous_hit(),
                                  QKeySequence.StandardKey.FindPrevious)
        self.zoom_in_action = a("zoomInAction", lambda: self.viewer.zoom_in(),
                                QKeySequence.StandardKey.ZoomIn)
        self.zoom_out_action = a("zoomOutAction", lambda: self.viewer.zoom_out(),
                                 QKeySequence.StandardKey.ZoomOut)
        self.fit_width_action = a("fitWidthAction", lambda: self.viewer.set_zoom("fit_width"),
                                  "Ctrl+0")
        self.fit_page_action = a("fitPageAction", lambda: self.viewer.set_zoom("fit_page"))
        self.copy_action = a("copyTextAction", lambda: self.viewer.pdf_view.copy())
        self.attach_action = a("attachEvidenceAction", self._attach_to_current, "Ctrl+E")
        self.idle_action = a("idleSettingsAction", self._ask_idle_minutes)
        self.about_action = a("aboutAction", self._about)
        self.language_group = QActionGroup(self)
        self.language_actions = {}
        for lang, label in (("zh_CN", "中文"), ("en", "English")):
            action = a(f"language.{lang}", lambda lang=lang: self.set_language(lang))
            action.setText(label)  # each language is named in itself
            action.setCheckable(True)
            action.setChecked(lang == self.translations.language)
            self.language_group.addAction(action)
            self.language_actions[lang] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.open_action)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addAction(self.demo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.finalize_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.print_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.close_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.review_menu = bar.addMenu("")
        for action in (self.next_project_action, self.prev_project_action,
                       self.next_material_action, self.prev_material_action):
            self.review_menu.addAction(action)
        self.review_menu.addSeparator()
        self.criterion_menu = self.review_menu.addMenu("")
        self.review_menu.addAction(self.attach_action)

        self.view_menu = bar.addMenu("")
        for action in (self.page_down_action, self.page_up_action, self.next_page_action,
                       self.prev_page_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_width_action,
                       self.fit_page_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for action in (self.find_action, self.find_next_action, self.find_prev_action,
                       self.copy_action):
            self.view_menu.addAction(action)

        self.settings_menu = bar.addMenu("")
        self.language_menu = self.settings_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.settings_menu.addAction(self.idle_action)
        self.settings_menu.addSeparator()
        self.settings_menu.addAction(self.identity_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        # The actions have no icons, so the buttons show their text (as with
        # ToolButtonTextOnly, which would cost the Qt enum namespace at start-up).
        for action in (self.open_action, self.prev_project_action, self.next_project_action,
                       self.lock_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.finalize_action)
        self.toolbar.addAction(self.export_action)
        self.addToolBar(self.toolbar)

    def _retranslate_actions(self) -> None:
        texts = {
            self.open_action: translate("MainWindow", "&Open package…"),
            self.demo_action: translate("MainWindow", "Open the &demo package"),
            self.close_action: translate("MainWindow", "&Close package"),
            self.lock_action: translate("MainWindow", "&Lock"),
            self.finalize_action: translate("MainWindow", "&Finalize review…"),
            self.export_action: translate("MainWindow", "&Export score sheet…"),
            self.quit_action: translate("MainWindow", "&Quit"),
            self.next_project_action: translate("MainWindow", "&Next project"),
            self.prev_project_action: translate("MainWindow", "&Previous project"),
            self.next_material_action: translate("MainWindow", "Next &material"),
            self.prev_material_action: translate("MainWindow", "Previous m&aterial"),
            self.attach_action: translate("MainWindow", "Attach this page as &evidence…"),
            self.page_down_action: translate("MainWindow", "Page down"),
            self.page_up_action: translate("MainWindow", "Page up"),
            self.next_page_action: translate("MainWindow", "Next page"),
            self.prev_page_action: translate("MainWindow", "Previous page"),
            self.find_action: translate("MainWindow", "&Find in document"),
            self.find_next_action: translate("MainWindow", "Find next"),
            self.find_prev_action: translate("MainWindow", "Find previous"),
            self.zoom_in_action: translate("MainWindow", "Zoom in"),
            self.zoom_out_action: translate("MainWindow", "Zoom out"),
            self.fit_width_action: translate("MainWindow", "Fit width"),
            self.fit_page_action: translate("MainWindow", "Fit page"),
            self.copy_action: translate("MainWindow", "Copy selected text"),
            self.idle_action: translate("MainWindow", "Lock after &idle time…"),
            self.about_action: translate("MainWindow", "&About"),
        }
        for action, text in texts.items():
            action.setText(text)
        self.lock_action.setToolTip(translate(
            "MainWindow", "Lock now: hide everything until the passphrase is entered again"))
        self.finalize_action.setToolTip(translate(
            "MainWindow", "Check that every project is complete, then sign your score sheet"))
        self.export_action.setToolTip(translate(
            "MainWindow", "Export the signed score sheet (.revsheet) and its PDF"))
        # The contexts these strings had when the sheet controller built the actions.
        self.print_action.setText(translate("SheetPrinter", "&Print score sheet…"))
        self.print_action.setToolTip(translate(
            "SheetPrinter", "Print the PDF of the score sheet you last signed and exported"))
        self.identity_action.setText(translate("SheetController", "My &signing key…"))
        self.identity_action.setToolTip(translate(
            "SheetController", "Fingerprint of the key that signs your score sheets; export "
            "your public key"))
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.recent_menu.setTitle(translate("MainWindow", "Open &recent"))
        self.review_menu.setTitle(translate("MainWindow", "&Review"))
        self.criterion_menu.setTitle(translate("MainWindow", "Go to &criterion"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.settings_menu.setTitle(translate("MainWindow", "&Settings"))
        self.language_menu.setTitle(translate("MainWindow", "&Language"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.toolbar.setWindowTitle(translate("MainWindow", "Main toolbar"))

    def _fill_criterion_menu(self) -> None:
        self.criterion_menu.clear()
        rubric = self.session.rubric if self.session else None
        criteria = rubric.criteria if rubric else ()
        english = self.translations.english
        for n, action in enumerate(self.criterion_actions, start=1):
            if n <= len(criteria):
                c = criteria[n - 1]
                action.setText(f"&{n} {c.name_en if english else c.name}")
                action.setEnabled(True)
                self.criterion_menu.addAction(action)
            else:
                action.setText(translate("MainWindow", "Criterion %1").replace("%1", str(n)))
                action.setEnabled(False)
        self.criterion_menu.setEnabled(bool(criteria))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.prefs.recent_packages()
        for entry in recent:
            action = self.recent_menu.addAction(entry)
            action.triggered.connect(lambda _=False, p=entry: self.open_path(Path(p)))
        if not recent:
            empty = self.recent_menu.addAction(translate("MainWindow", "(none)"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(translate("MainWindow", "Clear list"))
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.prefs.clear_recent()
        self._fill_recent_list()

    # --- state of actions ------------------------------------------------------------
    def _update_actions(self) -> None:
        open_ = self.session is not None
        for action in (self.lock_action, self.close_action, self.next_project_action,
                       self.prev_project_action, self.next_material_action,
                       self.prev_material_action):
            action.setEnabled(open_)
        self.close_action.setEnabled(open_ or self.locked_as is not None)
        for action in (self.finalize_action, self.export_action, self.print_action):
            action.setEnabled(open_)
        reading = open_ and self.viewer.member_id > 0
        pdf = reading and self.viewer.is_pdf()
        self.attach_action.setEnabled(reading)
        for action in (self.page_down_action, self.page_up_action, self.zoom_in_action,
                       self.zoom_out_action, self.fit_width_action, self.fit_page_action):
            action.setEnabled(reading)
        for action in (self.next_page_action, self.prev_page_action, self.find_action,
                       self.find_next_action, self.find_prev_action, self.copy_action):
            action.setEnabled(pdf)
        if self._workspace_built:
            self.attach_button.setEnabled(reading)
            self.progress_label.setText(self._progress_text())

