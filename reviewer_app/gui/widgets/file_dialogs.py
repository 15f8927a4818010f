"""Where file dialogs start, and the Qt dialog strings Qt's own catalogue lacks.

File dialogs opened in the process's working directory (often the program folder);
they now start in the folder last used, or else the user's documents folder.

Qt 6's own file dialog labels its fields "&Look in:" and "Files of &type:", while
``qtbase_zh_CN.qm`` only translates the older "Look in:" and "Files of type:", so the
Chinese dialog showed English labels (issue 12). Our catalogue carries them in Qt's
context; Qt falls back to it when its own catalogue has no entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths

if TYPE_CHECKING:
    from reviewer_app.gui.settings import Preferences


def _qt_translate_noop(context: str, text: str) -> str:
    return text  # marks the string for lupdate; Qt's dialog looks it up itself


QT_TRANSLATE_NOOP = _qt_translate_noop
QT_DIALOG_STRINGS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def start_folder(prefs: Preferences) -> str:
    """The last folder used if it still exists, else the documents folder."""
    last = prefs.last_folder()
    if last and Path(last).is_dir():
        return last
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def remember_folder(prefs: Preferences, chosen: str | Path) -> None:
    """Remember the folder of a chosen file (or a chosen folder itself)."""
    if not chosen:
        return
    path = Path(chosen)
    prefs.set_last_folder(path if path.is_dir() else path.parent)
