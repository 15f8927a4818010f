"""Compile ``ui/*.ui`` into ``reviewer_app/gui/forms/``.

Run ``python -m reviewer_app.gui.build_forms`` after editing a form.

The generated modules are committed so that the app runs without the Qt tools;
``tests/gui/test_i18n_and_forms.py`` fails when one is stale.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from reviewer_app.paths import UI_DIR

FORMS_DIR = Path(__file__).resolve().parent / "forms"
HEADER = ("# GENERATED FILE - DO NOT EDIT.\n"
          "# Source: ui/{name}; regenerate with: python -m reviewer_app.gui.build_forms\n")


def uic_executable() -> str:
    beside = Path(sys.executable).parent / "pyside6-uic"
    if beside.exists():
        return str(beside)
    found = shutil.which("pyside6-uic")
    if found is None:
        raise FileNotFoundError("pyside6-uic not found (it ships with PySide6-Essentials)")
    return found


def compile_form(ui_file: Path) -> str:
    """The text of the Python module for one form, header included."""
    out = subprocess.run([uic_executable(), "--from-imports", str(ui_file)], check=True,
                         capture_output=True, text=True, timeout=60).stdout
    return HEADER.format(name=ui_file.name) + out


def target_for(ui_file: Path) -> Path:
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def main() -> int:
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        target_for(ui_file).write_text(compile_form(ui_file), encoding="utf-8")
        print(f"wrote {target_for(ui_file)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
