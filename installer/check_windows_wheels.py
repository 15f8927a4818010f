"""Check that every runtime dependency has a win_amd64 (or pure-Python) wheel for each
Python the Windows build supports; prints a table and exits 1 if any is missing.

    python installer/check_windows_wheels.py [--python 3.11 --python 3.12 ...]

For each requirement of pyproject.toml's ``[project] dependencies`` and each Python it
runs ``pip download --only-binary=:all: --platform win_amd64 --python-version X``
(with the requirement's own dependencies, resolved as pip would on Windows) into a
temporary folder (removed afterwards), so what counts is exactly what pip would install
on a Windows laptop: no source builds. Needs the package index (it is the only script
here that does).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ("3.11", "3.12", "3.13")


def requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"])


def check(requirement: str, python: str, folder: Path) -> tuple[bool, str]:
    """(found, the wheel's file name or pip's last error line)."""
    before = set(folder.iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet",
         "--only-binary=:all:", "--platform", "win_amd64", "--python-version", python,
         "--implementation", "cp", "-d", str(folder), requirement],
        capture_output=True, text=True, check=False)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
        return False, (errors[-1] if errors else result.stderr.strip()[-200:])
    name = re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].lower().replace("-", "_")
    new = sorted(p.name for p in set(folder.iterdir()) - before)
    # Wheels already in the folder (shared dependencies) are not fetched again.
    mine = sorted(p.name for p in folder.iterdir() if p.name.lower().startswith(name))
    others = [n for n in new if n not in mine]
    return True, " + ".join(mine[-1:] + others)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="append", dest="pythons",
                        help="a Python version to check (repeatable; default: 3.11-3.13)")
    args = parser.parse_args(argv)
    pythons = tuple(args.pythons or PYTHONS)
    missing = []
    with tempfile.TemporaryDirectory(prefix="win-wheels-") as tmp:
        for python in pythons:
            folder = Path(tmp) / python
            folder.mkdir()
            for requirement in requirements():
                found, detail = check(requirement, python, folder)
                print(f"{'ok     ' if found else 'MISSING'} py{python}  {requirement:40} {detail}")
                if not found:
                    missing.append(f"{requirement} (Python {python})")
    if missing:
        print(f"check_windows_wheels: no win_amd64 wheel for: {'; '.join(missing)}")
        return 1
    print(f"check_windows_wheels: every dependency has a win_amd64 wheel for Python "
          f"{', '.join(pythons)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
