"""The one place that locates ``ui/`` and ``resources/``.

In a source checkout (including an editable install) they sit beside the
``reviewer_app`` package; in a PyInstaller bundle they sit in the bundle's data
directory (``sys._MEIPASS``); a wheel installs them under ``<prefix>/share/reviewer-app``,
where the prefix is ``sys.prefix`` or, for ``pip install --user``, the user base.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _root(*, bundle: str | None = None, checkout: Path | None = None,
          prefixes: tuple[Path, ...] | None = None) -> Path:
    """The folder holding ``resources/`` and ``ui/`` (arguments: for tests)."""
    bundle = bundle if bundle is not None else getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    checkout = checkout or Path(__file__).resolve().parent.parent
    if (checkout / "resources").is_dir():
        return checkout
    # A wheel installs the data files under <scheme data>/share/reviewer-app: sys.prefix
    # for a venv or a system install, the user base for ``pip install --user``.
    for prefix in prefixes if prefixes is not None else _install_prefixes():
        installed = prefix / "share" / "reviewer-app"
        if (installed / "resources").is_dir():
            return installed
    return checkout


def _install_prefixes() -> tuple[Path, ...]:
    import site

    prefixes = [Path(sys.prefix)]
    user_base = site.getuserbase()  # PYTHONUSERBASE, else ~/.local or %APPDATA%\Python
    if user_base:
        prefixes.append(Path(user_base))
    return tuple(prefixes)


ROOT = _root()
RESOURCES = ROOT / "resources"
UI_DIR = ROOT / "ui"
FONTS = RESOURCES / "fonts"
PROGRAMS = RESOURCES / "programs"
TRANSLATIONS = RESOURCES / "translations"

CJK_FONT = FONTS / "wqy-microhei.ttc"
DEFAULT_PROGRAM = PROGRAMS / "ai-plus-2026.toml"


DATA_DIR_ENV = "REVIEWER_APP_DATA_DIR"


def user_data_dir() -> Path:
    """The user's data folder (workspaces, keys, central store), created on first use.

    ``REVIEWER_APP_DATA_DIR`` overrides the platform's location (tests, portable use).
    It is owner-only (0700): one made by an earlier version with the umask's mode is
    tightened, since everything in it is ours.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir as platform_data_dir  # not needed at start

        path = Path(platform_data_dir("reviewer-app", appauthor=False))
    from reviewer_app.files import PRIVATE_DIR, make_private, private_dir

    private_dir(path)
    make_private(path, PRIVATE_DIR)
    return path


def resource(*parts: str) -> Path:
    """Return the path of a bundled resource, failing loudly if it is missing."""
    path = RESOURCES.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {path}")
    return path
