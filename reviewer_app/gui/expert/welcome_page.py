"""The page shown while no package is open: what to do, Open, the demo, recent packages.

A mixin of :class:`~reviewer_app.gui.expert.main_window.MainWindow` (strings in its
translation context, see :mod:`~reviewer_app.gui.expert.window_actions`). It is all the
window builds at start-up besides the menus: keep it free of the review domain.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate


class WelcomePage:
    """The window's page stack and its first page."""

    def _build_pages(self) -> None:
        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)

        # Welcome page: open, recent, demo.
        self.welcome = QWidget(self)
        self.welcome.setObjectName("welcomePage")
        self.welcome_title = QLabel(self.welcome)
        self.welcome_title.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.welcome_text = QLabel(self.welcome)
        self.welcome_text.setWordWrap(True)
        self.welcome_text.setStyleSheet("color: #475467;")
        self.open_button = QPushButton(self.welcome)
        self.open_button.setObjectName("openButton")
        self.open_button.clicked.connect(self.open_dialog)
        self.demo_button = QPushButton(self.welcome)
        self.demo_button.setObjectName("demoButton")
        self.demo_button.clicked.connect(self.open_demo)
        # The secretariat works in the same application: its desk opens from here.
        self.desk_button = QPushButton(self.welcome)
        self.desk_button.setObjectName("deskButton")
        self.desk_button.clicked.connect(self.open_desk)
        self.desk_window = None
        self.recent_label = QLabel(self.welcome)
        self.recent_list = QListView(self.welcome)
        self.recent_list.setObjectName("recentList")
        self.recent_list.setMaximumHeight(160)
        self._recent_entries: list[str] = []  # the full paths, by row of recent_list
        self.recent_list.activated.connect(
            lambda index: self.open_path(Path(self._recent_entries[index.row()])))
        column = QVBoxLayout()
        column.addStretch(1)
        for widget in (self.welcome_title, self.welcome_text):
            column.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.desk_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent_list)
        column.addStretch(2)
        outer = QHBoxLayout(self.welcome)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        self.pages.addWidget(self.welcome)
        self.pages.setCurrentWidget(self.welcome)

    def _retranslate_welcome(self) -> None:
        self.welcome_title.setText(translate("MainWindow", "Expert Review Desk"))
        self.welcome_text.setText(translate(
            "MainWindow", "Open the review package (.revpkg) you received from the "
            "secretariat, or drop it onto this window. You will need its passphrase, your "
            "seat ID and your seat code."))
        self.open_button.setText(translate("MainWindow", "Open package…"))
        self.demo_button.setText(translate("MainWindow", "Try the demo package"))
        self.desk_button.setText(translate("MainWindow", "Secretariat desk"))
        self.recent_label.setText(translate("MainWindow", "Recent packages:"))
        self._fill_recent_list()

    def open_desk(self) -> None:
        """Open the secretariat's desk on the default central store."""
        from reviewer_app.gui.app import build_desk_window, store_problem

        if self.desk_window is None:
            desk = store_problem(lambda: build_desk_window(translations=self.translations))
            if isinstance(desk, str):
                self.show_error(translate("MainWindow", "Secretariat desk"),
                                translate("MainWindow", "The central store cannot be opened: %1")
                                .replace("%1", desk))
                return
            self.desk_window = desk
        self.desk_window.show()
        self.desk_window.raise_()

    def _fill_recent_list(self) -> None:
        from PySide6.QtGui import QStandardItem, QStandardItemModel

        model = QStandardItemModel(self.recent_list)
        self._recent_entries = self.prefs.recent_packages()
        for entry in self._recent_entries:
            item = QStandardItem(Path(entry).name)
            item.setToolTip(entry)
            item.setEditable(False)
            model.appendRow(item)
        self.recent_list.setModel(model)
        self.recent_label.setVisible(model.rowCount() > 0)
        self.recent_list.setVisible(model.rowCount() > 0)

