"""The workspace page: projects and materials | viewer | rubric and facts, and the page
shown instead while the idle lock holds (docs/architecture.md §7).

A mixin of :class:`~reviewer_app.gui.expert.main_window.MainWindow` (strings in its
translation context, see :mod:`~reviewer_app.gui.expert.window_actions`). Built on first
unlock, not at start-up: it imports QtPdf and the review domain, and is three quarters
of the window's widgets. What its signals do lives in ``materials_pane`` and
``review_edits``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

translate = QCoreApplication.translate


def named(widget, name: str):
    """objectName for tests; accessible names are translated labels (``retranslate``)."""
    widget.setObjectName(name)
    return widget


class WorkspacePage:
    """Builds and retranslates the workspace and locked pages."""

    def _build_models(self) -> None:
        from reviewer_app.gui.expert.project_list import ProjectFilterModel, ProjectListModel
        from reviewer_app.gui.widgets.materials import MaterialModel

        self.project_model = ProjectListModel(self)
        self.project_filter = ProjectFilterModel(self)
        self.project_filter.setSourceModel(self.project_model)
        self.material_model = MaterialModel(self)

    def _build_workspace_page(self) -> None:
        from PySide6.QtCore import QSize, Qt
        from PySide6.QtWidgets import (
            QComboBox,
            QLineEdit,
            QMenu,
            QSplitter,
            QTabWidget,
            QToolButton,
            QTreeView,
        )

        from reviewer_app.gui.expert.project_info import ProjectInfoView
        from reviewer_app.gui.expert.rubric_panel import RubricPanel
        from reviewer_app.gui.expert.session import ProjectStatus
        from reviewer_app.gui.widgets.viewer import MaterialViewer

        self.workspace = QSplitter(Qt.Orientation.Horizontal, self)
        self.workspace.setObjectName("workspacePage")
        self.workspace.setChildrenCollapsible(False)
        left = QSplitter(Qt.Orientation.Vertical, self.workspace)
        projects = QWidget(left)
        self.progress_label = QLabel(projects)
        self.progress_label.setObjectName("progressLabel")
        self.progress_label.setStyleSheet("font-weight: 600;")
        self.project_search = QLineEdit(projects)
        self.project_search.setObjectName("projectSearch")
        self.project_search.setClearButtonEnabled(True)
        self.project_search.textChanged.connect(self.project_filter.set_text)
        self.status_filter = QComboBox(projects)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("", "")
        for status in ProjectStatus:
            self.status_filter.addItem("", status.value)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.project_filter.set_status(self.status_filter.currentData()))
        self.project_list = named(QListView(projects), "projectList")
        self.project_list.setModel(self.project_filter)
        self.project_list.setIconSize(QSize(14, 14))
        self.project_list.setUniformItemSizes(True)
        self.project_list.setSpacing(1)
        self.project_list.selectionModel().currentChanged.connect(self._on_project_changed)
        layout = QVBoxLayout(projects)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.progress_label)
        filters = QHBoxLayout()
        filters.addWidget(self.project_search, 1)
        filters.addWidget(self.status_filter)
        layout.addLayout(filters)
        layout.addWidget(self.project_list, 1)
        materials = QWidget(left)
        self.materials_label = QLabel(materials)
        self.materials_label.setStyleSheet("font-weight: 600;")
        self.material_list = named(QTreeView(materials), "materialList")
        self.material_list.setModel(self.material_model)
        self.material_list.setHeaderHidden(True)
        self.material_list.setWordWrap(True)
        self.material_list.selectionModel().currentChanged.connect(self._on_material_changed)
        mlayout = QVBoxLayout(materials)
        mlayout.setContentsMargins(4, 4, 4, 4)
        mlayout.addWidget(self.materials_label)
        mlayout.addWidget(self.material_list, 1)
        left.addWidget(projects)
        left.addWidget(materials)
        left.setSizes([480, 420])

        self.viewer = MaterialViewer(self.workspace, client=self.render_client())
        self.viewer.materialLoaded.connect(self.materialShown)
        self.viewer.pageShown.connect(self._on_page_shown)
        self.attach_button = QToolButton(self.viewer)
        self.attach_button.setObjectName("attachEvidenceButton")
        self.attach_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.attach_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.attach_menu = QMenu(self.attach_button)
        self.attach_button.setMenu(self.attach_menu)
        self.viewer.evidence_slot.addWidget(self.attach_button)

        right = QWidget(self.workspace)
        self.project_header = QLabel(right)
        self.project_header.setObjectName("projectHeader")
        self.project_header.setWordWrap(True)
        self.project_header.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.tabs = QTabWidget(right)
        self.tabs.setObjectName("rightTabs")
        self.rubric_panel = RubricPanel(self.tabs)
        self.rubric_panel.changed.connect(self._on_change)
        self.rubric_panel.evidenceActivated.connect(self.show_material)
        self.rubric_panel.evidenceRemoved.connect(self._remove_evidence)
        self.project_info = ProjectInfoView(self.tabs)
        self.tabs.addTab(self.rubric_panel, "")
        self.tabs.addTab(self.project_info, "")
        rlayout = QVBoxLayout(right)
        rlayout.setContentsMargins(4, 4, 4, 4)
        rlayout.addWidget(self.project_header)
        rlayout.addWidget(self.tabs, 1)

        self.workspace.addWidget(left)
        self.workspace.addWidget(self.viewer)
        self.workspace.addWidget(right)
        self.workspace.setStretchFactor(1, 1)
        self.workspace.setSizes([300, 700, 440])
        self.pages.addWidget(self.workspace)

    def _build_locked_page(self) -> None:
        from PySide6.QtCore import Qt

        self.locked_page = QWidget(self)
        self.locked_page.setObjectName("lockedPage")
        self.locked_label = QLabel(self.locked_page)
        self.locked_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.locked_label.setStyleSheet("font-size: 18px;")
        self.unlock_button = QPushButton(self.locked_page)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.unlock)
        llayout = QVBoxLayout(self.locked_page)
        llayout.addStretch(1)
        llayout.addWidget(self.locked_label)
        llayout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        llayout.addStretch(1)
        self.pages.addWidget(self.locked_page)

    def _retranslate_workspace(self) -> None:
        from reviewer_app.gui.expert.project_list import status_text
        from reviewer_app.gui.expert.session import ProjectStatus

        self.progress_label.setText(self._progress_text())
        self.project_search.setPlaceholderText(translate("MainWindow", "Search projects"))
        self.project_search.setAccessibleName(translate("MainWindow", "Search projects"))
        self.status_filter.setAccessibleName(
            translate("MainWindow", "Show projects by status"))
        self.project_list.setAccessibleName(translate("MainWindow", "Projects"))
        self.material_list.setAccessibleName(translate("MainWindow", "Materials"))
        self.status_filter.setItemText(0, translate("MainWindow", "All"))
        for i, status in enumerate(ProjectStatus, start=1):
            self.status_filter.setItemText(i, status_text(status))
        self.materials_label.setText(translate("MainWindow", "Materials"))
        self.attach_button.setText(translate("MainWindow", "Attach page"))
        self.attach_button.setToolTip(translate(
            "MainWindow", "Link the page on screen to a criterion as evidence "
            "(Ctrl+E)"))
        self._fill_attach_menu()
        # By widget: the inspection tab (inspection packages) sits between these two.
        self.tabs.setTabText(self.tabs.indexOf(self.rubric_panel),
                             translate("MainWindow", "Scoring"))
        self.tabs.setTabText(self.tabs.indexOf(self.project_info),
                             translate("MainWindow", "Project facts"))
        self.locked_label.setText(
            translate("MainWindow", "The workspace is locked. Your work is saved."))
        self.unlock_button.setText(translate("MainWindow", "Unlock…"))
        self._update_project_header()
        self.project_model.retranslate()

    def _progress_text(self) -> str:
        if self.session is None:
            return ""
        return translate("MainWindow", "%1 / %2 scored").replace(
            "%1", str(self.session.done_count())).replace("%2", str(len(self.session.projects)))

    def _update_project_header(self) -> None:
        pid = self.current_project_id()
        if self.session is None or pid is None:
            self.project_header.setText("")
            return
        from reviewer_app.gui.expert.project_list import status_text

        project = next(p for p in self.session.projects if p["project_id"] == pid)
        self.project_header.setText(
            f"{pid} · {project.get('project_title', '')}\n{project.get('enterprise_name', '')}"
            f" · {status_text(self.session.status(pid))}")

