"""Reading an intake folder for a desk page: chosen in a folder dialog or typed, read
and checked off the GUI thread (``central.intake.load_intake``), and a folder that
cannot be used explained in the user's language with every problem listed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from reviewer_app.central.intake import Intake


@dataclass(frozen=True)
class IntakeRead:
    """What reading gave: the intake, or the problem to show (neither after a cancel)."""

    intake: Intake | None = None
    problem: str | None = None


def browse_intake_folder(parent: QWidget, edit: QLineEdit, default: Path,
                         then: Callable[[], None]) -> None:
    """Let the user pick the folder for ``edit`` (starting at its text, else ``default``)
    and call ``then`` once one is picked."""
    title = QCoreApplication.translate("IntakeReading", "Open intake folder")
    folder = QFileDialog.getExistingDirectory(parent, title, edit.text() or str(default))
    if folder:
        edit.setText(folder)
        then()


def read_intake(parent: QWidget, folder_text: str) -> IntakeRead:
    from reviewer_app.central.intake import load_intake
    from reviewer_app.core.errors import ReviewerError
    from reviewer_app.gui.widgets.workers import Cancelled, run_with_progress

    text = folder_text.strip()
    if not text:
        return IntakeRead(problem=QCoreApplication.translate(
            "IntakeReading", "Choose the intake folder first."))
    folder = Path(text)
    try:
        intake = run_with_progress(
            parent, QCoreApplication.translate("IntakeReading", "Reading the intake"),
            QCoreApplication.translate("IntakeReading", "Reading and checking every file…"),
            QCoreApplication.translate("IntakeReading", "Cancel"),
            lambda progress: load_intake(folder, progress=progress))
    except Cancelled:
        return IntakeRead()
    except (ReviewerError, OSError) as exc:
        return IntakeRead(problem=QCoreApplication.translate(
            "IntakeReading", "The intake cannot be used:") + "\n" + str(exc))
    return IntakeRead(intake=intake)
