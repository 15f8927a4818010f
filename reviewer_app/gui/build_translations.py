"""Refresh the ``.ts`` sources from the code and forms, and compile the ``.qm`` catalogues.

Run ``python -m reviewer_app.gui.build_translations`` after changing user-visible
strings, translate the new entries in ``resources/translations/reviewer_app_zh_CN.ts``
(Qt Linguist, or any editor), and run it again to compile.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from reviewer_app.gui.i18n import CATALOG, LANGUAGES
from reviewer_app.paths import TRANSLATIONS, UI_DIR

GUI_DIR = Path(__file__).resolve().parent


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found (it ships with PySide6-Essentials)")
    return found


def sources() -> list[Path]:
    """Every file whose strings are translated (generated forms excluded: the .ui counts)."""
    code = [p for p in sorted(GUI_DIR.rglob("*.py")) if "forms" not in p.parts]
    return [*code, *sorted(UI_DIR.glob("*.ui"))]


def ts_path(lang: str) -> Path:
    return TRANSLATIONS / f"{CATALOG}_{lang}.ts"


def update() -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none",
                        "-source-language", "en", "-target-language", lang,
                        *map(str, sources()), "-ts", str(ts_path(lang))],
                       check=True, capture_output=True, timeout=120)


def release() -> None:
    for lang in LANGUAGES:
        subprocess.run([_tool("pyside6-lrelease"), str(ts_path(lang)), "-qm",
                        str(TRANSLATIONS / f"{CATALOG}_{lang}.qm")],
                       check=True, capture_output=True, timeout=120)


def main() -> int:
    update()
    release()
    print(f"updated and compiled {', '.join(str(ts_path(lang)) for lang in LANGUAGES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
