"""The inspection part of a review session, in memory (no Qt: the sheet export uses it too).

:class:`InspectionData` is to the inspection tables what ``ReviewSession.states`` is
to the scores: loaded once at unlock, updated at once by every edit (``remember``),
persisted by the autosave. :meth:`InspectionData.visits` turns it into the sheet's
``InspectionVisit`` objects for ``missing_items`` and ``build_sheet``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer_app.sheets.body import InspectionVisit
    from reviewer_app.storage.inspection import InspectionState, InspectionStore, PhotoInfo
    from reviewer_app.storage.workspace import FieldChange, ProjectState, WorkspaceStore

INSPECTION_FIELDS = ("checklist_result", "checklist_note", "photo_caption", "findings")


@dataclass(frozen=True)
class ChecklistItem:
    """One item of the manifest's ``inspection_checklist``."""

    id: str
    text: str
    text_en: str

    def label(self, english: bool) -> str:
        return (self.text_en or self.text) if english else (self.text or self.text_en)


def is_inspection(manifest: Mapping[str, Any]) -> bool:
    return manifest.get("session", {}).get("kind") == "inspection"


def checklist_items(manifest: Mapping[str, Any]) -> tuple[ChecklistItem, ...]:
    return tuple(ChecklistItem(str(item["id"]), str(item.get("text") or ""),
                               str(item.get("text_en") or ""))
                 for item in manifest.get("inspection_checklist") or ())


def _text(value: str | None) -> str:
    # As sheets.build does for every other text: NFC and trimmed, so that the same
    # visible text always gives the same signed bytes.
    return unicodedata.normalize("NFC", (value or "").strip())


class InspectionData:
    """Checklist answers, findings and photo list of every project of the session."""

    def __init__(self, store: WorkspaceStore, checklist: Sequence[ChecklistItem],
                 states: dict[str, InspectionState]) -> None:
        self.store = store
        self.checklist = tuple(checklist)
        self.states = states

    @classmethod
    def load(cls, store: WorkspaceStore, manifest: Mapping[str, Any]) -> InspectionData:
        """Read the inspection tables of an open workspace.

        Raises:
            WorkspaceKeyError: data that does not decrypt with the workspace key.
        """
        return cls(store, checklist_items(manifest), cls._photos(store).load())

    @staticmethod
    def _photos(store: WorkspaceStore) -> InspectionStore:
        from reviewer_app.storage.inspection import InspectionStore

        return InspectionStore(store)

    # --- reading -----------------------------------------------------------
    def state(self, project_id: str) -> InspectionState:
        from reviewer_app.storage.inspection import InspectionState

        state = self.states.get(project_id)
        if state is None:
            state = self.states[project_id] = InspectionState(project_id)
        return state

    def missing(self, project_id: str) -> list[str]:
        """Checklist item ids without a result, in checklist order."""
        results = self.states[project_id].results if project_id in self.states else {}
        return [item.id for item in self.checklist if not results.get(item.id)]

    def complete(self, project_id: str) -> bool:
        return not self.missing(project_id)

    def started(self, project_id: str) -> bool:
        state = self.states.get(project_id)
        return state is not None and not state.is_empty()

    def photo_bytes(self, photo_id: int) -> bytes:
        return self._photos(self.store).photo_bytes(photo_id)

    def image(self, project_id: str, sha256: str) -> bytes:
        """A project's photo by its hash (the photo package's source), decrypted into
        memory and checked against its hash.

        Raises:
            KeyError: the project has no such photo.
            WorkspaceKeyError: it does not decrypt or match its hash.
        """
        state = self.states.get(project_id)
        for photo in state.photos if state else ():
            if photo.sha256 == sha256:
                return self.photo_bytes(photo.id)
        raise KeyError(f"{project_id}/{sha256}")

    def visits(self, project_ids: Sequence[str],
               states: Mapping[str, ProjectState]) -> list[InspectionVisit]:
        """One visit per project: the answered items in checklist order, findings, photos.

        The visit's recommendation is the project's recommendation from the rubric panel.
        Unanswered items are left out, so ``missing_items`` reports them.
        """
        from reviewer_app.sheets.body import ChecklistAnswer, InspectionVisit, Photo

        visits = []
        for pid in project_ids:
            state = self.states.get(pid)
            results = state.results if state else {}
            notes = state.notes if state else {}
            answers = tuple(ChecklistAnswer(item.id, results[item.id], _text(notes.get(item.id)))
                            for item in self.checklist if results.get(item.id))
            photos = tuple(Photo(p.sha256, p.media_type, _text(p.caption))
                           for p in (state.photos if state else ()))
            project = states.get(pid)
            visits.append(InspectionVisit(
                pid, answers, _text(state.findings if state else ""),
                _text(project.recommendation if project else ""), photos))
        return visits

    # --- writing -----------------------------------------------------------
    def remember(self, change: FieldChange) -> bool:
        """Reflect an inspection edit in memory; False when ``change`` is not one."""
        if change.field not in INSPECTION_FIELDS:
            return False
        state = self.state(change.project_id)
        value = "" if change.value is None else str(change.value)
        if change.field == "findings":
            state.findings = value
        elif change.field == "photo_caption":
            photo_id = int(str(change.criterion_id))
            state.photos = [_with_caption(p, value) if p.id == photo_id else p
                            for p in state.photos]
        else:
            target = state.results if change.field == "checklist_result" else state.notes
            if value:
                target[str(change.criterion_id)] = value
            else:
                target.pop(str(change.criterion_id), None)
        return True

    def photo_added(self, photo: PhotoInfo) -> None:
        self.state(photo.project_id).photos.append(photo)

    def photo_removed(self, project_id: str, photo_id: int) -> None:
        state = self.state(project_id)
        state.photos = [p for p in state.photos if p.id != photo_id]


def _with_caption(photo: PhotoInfo, caption: str) -> PhotoInfo:
    from dataclasses import replace

    return replace(photo, caption=caption)


def session_visits(session) -> list[InspectionVisit]:
    """The visits of an open ``ReviewSession`` (empty for a panel session)."""
    data = getattr(session, "inspection", None)
    if data is None:
        return []
    assigned = session.package.manifest.get("assignments", {}).get(session.seat_id, ())
    return data.visits([str(pid) for pid in assigned], session.states)
