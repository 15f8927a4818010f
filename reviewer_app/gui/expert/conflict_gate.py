"""The 承诺书 gate and the pre-screened conflicts (manifest format 4, issue 14).

A mixin of :class:`~reviewer_app.gui.expert.main_window.MainWindow`:

- :meth:`ConflictGate.commitment_gate` runs before anything of a session is shown: a
  package with a commitment opens no material until the expert has accepted it (once
  per workspace; the acceptance, its time in UTC and the text's SHA-256, is stored
  encrypted in the workspace and goes into the signed sheet). Declining closes the
  package; what was typed before stays in the workspace.
- :meth:`ConflictGate.check_conflict_hint` runs when a project is selected: a project
  the build pre-screened as a likely conflict cannot be scored until the expert has
  answered :class:`~reviewer_app.gui.expert.conflict_dialogs.ConflictHintDialog`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer_app.gui.expert.session import ReviewSession


class ConflictGate:
    """Commitment before materials; an answer before scoring a hinted project."""

    def confirm_commitment(self, text: str, sha256: str) -> bool:
        """Show the commitment and wait for the expert's answer (True: accepted)."""
        from reviewer_app.gui.expert.conflict_dialogs import CommitmentDialog

        dialog = CommitmentDialog(text, sha256, self)  # type: ignore[arg-type]
        try:
            return dialog.exec() == CommitmentDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def commitment_gate(self, session: ReviewSession) -> bool:
        """Whether the session may be shown: no commitment in the package, accepted
        before, or accepted now (then recorded in the workspace)."""
        commitment = session.package.manifest.get("commitment")
        if not isinstance(commitment, dict):
            return True  # manifest formats 1 to 3: nothing to accept
        sha256 = str(commitment.get("sha256", ""))
        if session.store.commitment_accepted(sha256) is not None:
            return True
        if not self.confirm_commitment(str(commitment.get("text", "")), sha256):
            return False
        session.store.accept_commitment(sha256)
        return True

    def hint_for(self, project_id: str | None) -> dict[str, Any] | None:
        """The build's unanswered conflict hint for this seat and project, if any."""
        from reviewer_app.sheets.build import conflict_hints

        session = self.session
        if session is None or project_id is None:
            return None
        hint = conflict_hints(session.package.manifest, session.seat_id).get(project_id)
        state = session.states.get(project_id)
        if hint is None or (state is not None and state.hint_answer):
            return None
        return dict(hint)

    def check_conflict_hint(self, project_id: str | None) -> Any:
        """Ask about an unanswered hint of ``project_id`` (scoring stays off until
        answered). Returns the dialog shown, or None."""
        from reviewer_app.gui.expert.conflict_dialogs import ConflictHintDialog
        from reviewer_app.sheets.build import conflict_categories

        hint = self.hint_for(project_id)
        if hint is None:
            return None
        assert project_id is not None
        self.rubric_panel.setEnabled(False)
        names = conflict_categories(self.session.package.manifest)
        project = next((p for p in self.session.projects if p["project_id"] == project_id), {})
        label = f"{project_id} {project.get('enterprise_name', '')}".strip()
        dialog = ConflictHintDialog(label, names.get(str(hint["category"]),
                                                     str(hint["category"])),
                                    [str(m) for m in hint.get("matched", ())], self)
        dialog.accepted.connect(lambda: self._hint_answered(project_id, hint, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.hint_dialog = dialog
        dialog.open()
        return dialog

    def _hint_answered(self, project_id: str, hint: dict[str, Any], dialog: Any) -> None:
        from reviewer_app.storage.workspace import FieldChange

        if self.session is None:
            return
        answer, reason = dialog.answer, dialog.reason_text
        changes = [FieldChange(project_id, "hint_answer", answer)]
        if answer == "conflict":
            changes += [FieldChange(project_id, "conflict_declared", True),
                        FieldChange(project_id, "conflict_category", str(hint["category"])),
                        FieldChange(project_id, "conflict_reason", reason)]
        else:
            changes.append(FieldChange(project_id, "hint_reason", reason))
        for change in changes:
            self._on_change(change)
        if self.current_project_id() == project_id:
            self.rubric_panel.load(project_id, self.session.state(project_id))
