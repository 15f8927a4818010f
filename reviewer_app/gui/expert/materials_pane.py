"""Moving through the review: the project list, each project's materials, and which
material and page the viewer shows. Materials are decrypted off the GUI thread and
parsed only by the render worker (``gui/widgets/viewer.py``).

A mixin of :class:`~reviewer_app.gui.expert.main_window.MainWindow` (strings in its
translation context, see :mod:`~reviewer_app.gui.expert.window_actions`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex

translate = QCoreApplication.translate


class MaterialsPane:
    """Projects and materials: selection, stepping, loading into the viewer."""

    # --- projects ------------------------------------------------------------------
    def current_project_id(self) -> str | None:
        from reviewer_app.gui.expert.project_list import PROJECT_ID_ROLE

        index = self.project_list.currentIndex()
        return index.data(PROJECT_ID_ROLE) if index.isValid() else None

    def select_project_row(self, row: int) -> None:
        index = self.project_filter.index(row, 0)
        if index.isValid():
            self.project_list.setCurrentIndex(index)

    def select_project(self, project_id: str) -> bool:
        source_row = self.project_model.row_of(project_id)
        index = self.project_filter.mapFromSource(self.project_model.index(source_row))
        if not index.isValid():
            return False
        self.project_list.setCurrentIndex(index)
        return True

    def step_project(self, delta: int) -> None:
        count = self.project_filter.rowCount()
        if count == 0:
            return
        row = self.project_list.currentIndex().row()
        self.select_project_row(max(0, min(count - 1, row + delta)))

    def _on_project_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from reviewer_app.gui.expert.project_list import PROJECT_ID_ROLE

        if self.session is None:
            return
        pid = current.data(PROJECT_ID_ROLE) if current.isValid() else None
        project = next((p for p in self.session.projects if p["project_id"] == pid), None)
        english = self.translations.english
        self.material_model.set_project(project, self.session.categories, english)
        self.material_list.expandAll()
        self.rubric_panel.set_member_titles(self.material_model.titles())
        self.rubric_panel.load(pid, self.session.state(pid) if pid else None)
        self.check_conflict_hint(pid)  # a pre-screened conflict is answered before scoring
        self.project_info.set_project(project)
        self._update_project_header()
        self._fill_attach_menu()
        self._fill_criterion_menu()
        # Open the first material at once: the expert starts reading immediately.
        indexes = self.material_model.material_indexes()
        if indexes:
            self.material_list.setCurrentIndex(indexes[0])
        else:
            self.viewer.show_message(
                translate("MainWindow", "This project has no materials."))
        self._update_actions()

    # --- materials -----------------------------------------------------------------
    def step_material(self, delta: int) -> None:
        indexes = self.material_model.material_indexes()
        if not indexes:
            return
        current = self.material_list.currentIndex()
        rows = [(i.parent().row(), i.row()) for i in indexes]
        key = (current.parent().row(), current.row()) if current.isValid() else None
        position = rows.index(key) if key in rows else -1
        self.material_list.setCurrentIndex(indexes[max(0, min(len(indexes) - 1,
                                                              position + delta))])

    def _on_material_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from reviewer_app.gui.widgets.materials import MEDIA_ROLE, MEMBER_ROLE

        member_id = current.data(MEMBER_ROLE) if current.isValid() else None
        if member_id is not None:
            self._load_material(int(member_id), str(current.data(MEDIA_ROLE)), 0)

    def show_material(self, member_id: int, page: int = 0) -> None:
        """Select a material of the current project and show ``page`` (0-based)."""
        from reviewer_app.gui.widgets.materials import MEDIA_ROLE, MEMBER_ROLE

        for index in self.material_model.material_indexes():
            if index.data(MEMBER_ROLE) == member_id:
                if self.viewer.member_id == member_id and self._pending_member < 0:
                    self.viewer.go_to_page(page)
                    return
                self._pending_page = page
                self.material_list.blockSignals(True)
                self.material_list.setCurrentIndex(index)
                self.material_list.blockSignals(False)
                self._load_material(member_id, str(index.data(MEDIA_ROLE)), page)
                return

    def _load_material(self, member_id: int, media_type: str, page: int) -> None:
        if self.session is None:
            return
        cached = self.cache.get(member_id)
        if cached is not None:
            self._pending_member = -1
            self.viewer.load_material(member_id, cached, media_type, page)
            return
        self.viewer.show_busy(member_id)
        self._pending_member = member_id
        self._pending_page = page
        package = self.session.package
        # Decrypted off the GUI thread; parsed only by the render worker (viewer.py).
        self.worker.submit(lambda: package.read_member(member_id),
                           lambda data: self._decrypted(member_id, media_type, data),
                           lambda exc: self._decrypt_failed(member_id, exc))

    def _decrypted(self, member_id: int, media_type: str, data: bytes) -> None:
        if self.session is None:
            return  # locked meanwhile: drop it
        self.cache.put(member_id, data)
        if member_id == self._pending_member:
            self._pending_member = -1
            self.viewer.load_material(member_id, data, media_type, self._pending_page)

    def _decrypt_failed(self, member_id: int, exc: BaseException) -> None:
        if member_id == self._pending_member:
            self._pending_member = -1
            self.viewer.show_message(translate(
                "MainWindow", "This material cannot be shown: %1").replace("%1", str(exc)))

    def _on_page_shown(self, _member_id: int, _page: int) -> None:
        self._update_actions()

    def _focus_search(self) -> None:
        self.viewer.search_edit.setFocus()
        self.viewer.search_edit.selectAll()

