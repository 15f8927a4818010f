"""Report every native library that needs a newer glibc than the target's.

    python installer/check_glibc.py [--max 2.28] PATH...

PATH is a folder (searched recursively: a venv's site-packages, a bundle) or a wheel.
Every ELF file found (``*.so``, ``*.so.N``, executables) is read with ``readelf -V``;
the ``GLIBC_x.y`` versions in its version-needs section are what the dynamic loader
will insist on. Exits 1 naming the offenders (file, the newest version it needs) when
any needs more than --max; UOS 20 and Kylin V10 have glibc 2.28.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
NEEDED = re.compile(r"Name: GLIBC_(\d+)\.(\d+)(?:\.(\d+))?")


def glibc_needed(path: Path) -> tuple[int, ...] | None:
    """The newest GLIBC version ``path`` needs, or None if it needs none."""
    result = subprocess.run(["readelf", "-V", "-W", str(path)], capture_output=True,
                            text=True, check=False)
    needs = result.stdout.split("Version needs section", 1)
    if len(needs) < 2:
        return None
    versions = [tuple(int(part) for part in match if part)
                for match in NEEDED.findall(needs[1])]
    return max(versions) if versions else None


def elf_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    yield path


def check(paths: list[Path], limit: tuple[int, ...]) -> tuple[int, list[str]]:
    """(ELF files checked, offenders as "file: GLIBC_x.y")."""
    checked, offenders = 0, []
    for given in paths:
        with tempfile.TemporaryDirectory(prefix="check-glibc-") as tmp:
            root = given
            if given.suffix == ".whl":
                with zipfile.ZipFile(given) as wheel:
                    wheel.extractall(tmp)
                root = Path(tmp)
            for path in elf_files(root):
                checked += 1
                needed = glibc_needed(path)
                if needed is not None and needed > limit:
                    shown = path.relative_to(root) if root != path else path
                    where = f"{given.name}:{shown}" if given.suffix == ".whl" else str(shown)
                    offenders.append(f"{where}: GLIBC_{'.'.join(map(str, needed))}")
    return checked, offenders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--max", default="2.28", help="the target's glibc (default 2.28)")
    args = parser.parse_args(argv)
    limit = tuple(int(part) for part in args.max.split("."))
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"check_glibc: no such file or folder: {', '.join(missing)}")
        return 2
    checked, offenders = check(args.paths, limit)
    for line in offenders:
        print(f"needs more than GLIBC_{args.max}: {line}")
    if checked == 0:
        print("check_glibc: no native library found (wrong path?)")
        return 2
    print(f"check_glibc: {checked} native files, {len(offenders)} need more than "
          f"GLIBC_{args.max}")
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main())
