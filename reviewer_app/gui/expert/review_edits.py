"""What the expert's edits do beyond the rubric panel: remember and autosave each change,
and link the page on screen to a criterion as evidence.

A mixin of :class:`~reviewer_app.gui.expert.main_window.MainWindow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reviewer_app.storage.workspace import EvidenceLink, FieldChange


class ReviewEdits:
    """Score, comment and evidence changes of the current project."""

    def _on_change(self, change: FieldChange) -> None:
        if self.session is None or self.autosave is None:
            return
        self.session.remember(change)
        self.autosave.mark_dirty(change)
        self.project_model.refresh(change.project_id)
        self.progress_label.setText(self._progress_text())
        self._update_project_header()

    def _attach_to_current(self) -> None:
        cid = self.rubric_panel.current_criterion()
        if cid is not None:
            self.attach_evidence(cid)
        elif self.attach_button.isEnabled():
            self.attach_menu.popup(self.attach_button.mapToGlobal(
                self.attach_button.rect().bottomLeft()))

    def attach_evidence(self, criterion_id: str) -> bool:
        """Link the page on screen to a criterion of the current project."""
        pid = self.current_project_id()
        if self.session is None or self.autosave is None or pid is None \
                or self.viewer.member_id <= 0:
            return False
        from reviewer_app.gui.expert.session import storage

        link = storage().EvidenceLink(criterion_id, self.viewer.member_id,
                                      self.viewer.current_page() + 1)
        state = self.session.state(pid)
        if link in state.evidence:
            return True
        if not self.autosave.run_now(lambda store: store.add_evidence(pid, link)):
            return False
        state.evidence.append(link)
        self.rubric_panel.set_evidence(state.evidence)
        self.project_model.refresh(pid)
        return True

    def _remove_evidence(self, link: EvidenceLink) -> None:
        pid = self.current_project_id()
        if self.session is None or self.autosave is None or pid is None:
            return
        if self.autosave.run_now(lambda store: store.remove_evidence(pid, link)):
            state = self.session.state(pid)
            state.evidence = [e for e in state.evidence if e != link]

    def _fill_attach_menu(self) -> None:
        self.attach_menu.clear()
        if self.session is None:
            return
        english = self.translations.english
        for c in self.session.rubric.criteria:
            action = self.attach_menu.addAction(c.name_en if english else c.name)
            action.setObjectName(f"attachTo.{c.id}")
            action.triggered.connect(lambda _=False, cid=c.id: self.attach_evidence(cid))

