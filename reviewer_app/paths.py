"""The one place that locates ``ui/`` and ``resources/``.

In a source checkout (including an editable install) they sit beside the
``reviewer_app`` package; in a PyInstaller bundle they sit in the bundle's data
directory (``sys._MEIPASS``); a wheel installs them under ``<prefix>/share/reviewer-app``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "resources").is_dir():
        return checkout
    # A wheel installs the data files under <prefix>/share/reviewer-app.
    installed = Path(sys.prefix) / "share" / "reviewer-app"
    return installed if (installed / "resources").is_dir() else checkout


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
