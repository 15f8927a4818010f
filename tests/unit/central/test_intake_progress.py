"""load_intake(progress=...): the desk shows how far the material checks are and can
stop them (the callback's exception ends the reading, nothing is returned)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer_app.central.intake import load_intake
from tests.helpers.intake import ROW, write_intake


class Stop(Exception):
    pass


def _intake(tmp_path: Path) -> Path:
    rows = [{**ROW, "project_id": f"P{i}"} for i in range(1, 4)]
    return write_intake(tmp_path / "intake", rows)


def test_progress_counts_the_project_folders(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    intake = load_intake(_intake(tmp_path), progress=lambda done, total: calls.append(
        (done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3)]
    assert len(intake.applications) == 3


def test_an_exception_from_progress_ends_the_reading(tmp_path: Path) -> None:
    def progress(done: int, total: int) -> None:
        if done == 1:
            raise Stop()

    with pytest.raises(Stop):
        load_intake(_intake(tmp_path), progress=progress)
