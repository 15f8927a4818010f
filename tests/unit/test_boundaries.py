"""docs/architecture.md §3: only gui/ imports PySide6; core/ imports no framework at all."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import reviewer_app
import reviewer_app.central
import reviewer_app.core

FRAMEWORKS = ("PySide6", "shiboken6", "sqlalchemy", "cryptography", "reportlab", "keyring",
              "openpyxl", "alembic")


def _loaded_after(code: str) -> set[str]:
    probe = (f"import sys, json\n{code}\n"
             "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=120)
    return set(json.loads(out.stdout.splitlines()[-1]))


def _import_all(package) -> str:
    names = [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    return "\n".join(f"import {name}" for name in [package.__name__, *names])


def test_core_loads_no_framework() -> None:
    loaded = _loaded_after(_import_all(reviewer_app.core))
    assert not loaded & set(FRAMEWORKS)


def test_central_and_admin_cli_load_no_qt() -> None:
    code = (_import_all(reviewer_app.central)
            + "\nfrom reviewer_app.cli import admin\nadmin.build_parser()")
    loaded = _loaded_after(code)
    assert "PySide6" not in loaded and "shiboken6" not in loaded


def test_only_gui_imports_pyside6_in_source() -> None:
    root = reviewer_app.__path__[0]
    offenders = []
    for module in pkgutil.walk_packages([root], "reviewer_app."):
        if module.name.startswith("reviewer_app.gui"):
            continue
        spec = module.module_finder.find_spec(module.name.rsplit(".", 1)[-1])
        if spec and spec.origin and spec.origin.endswith(".py"):
            with open(spec.origin, encoding="utf-8") as handle:
                if any(line.lstrip().startswith(("import PySide6", "from PySide6"))
                       for line in handle):
                    offenders.append(module.name)
    assert offenders == []
