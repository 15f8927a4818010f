"""Chinese input on Linux desktops whose input method our Qt has no plugin for.

Qt 6 reaches an input method only through a *platforminputcontexts* plugin, and the
PySide6 wheels (so the bundle) carry ibus and compose only. A fcitx5 session sets
``QT_IM_MODULE=fcitx``: Qt then finds no fcitx plugin and falls back to compose, and no
Chinese can be typed. fcitx5 also speaks the ibus protocol (its ibus frontend), so
when the requested module is one we do not ship, ibus is named as the fallback through
``QT_IM_MODULES`` (Qt 6.7+: tried in order), leaving a fcitx plugin that someone did
install first in line. Must run before the QApplication exists
(docs/install-xinchuang.md).
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

FALLBACK = "ibus"
MODULES_ENV = "QT_IM_MODULES"


def shipped_contexts(plugin_dir: Path) -> set[str]:
    """Names of the input-context plugin files in ``plugin_dir`` (lower case)."""
    try:
        return {entry.name.lower() for entry in plugin_dir.iterdir()}
    except OSError:
        return set()


def choose_input_method(env: MutableMapping[str, str], plugin_dir: Path) -> str | None:
    """Set ``QT_IM_MODULES`` in ``env`` when the requested module has no plugin here and
    ibus does; returns the value set, or None when nothing needed changing."""
    requested = env.get("QT_IM_MODULE", "").strip().lower()
    if not requested or env.get(MODULES_ENV) or requested == FALLBACK:
        return None
    files = shipped_contexts(plugin_dir)
    if any(requested in name for name in files) or not any(FALLBACK in n for n in files):
        return None
    env[MODULES_ENV] = f"{requested};{FALLBACK}"
    return env[MODULES_ENV]


def prefer_a_shipped_input_method() -> str | None:
    """:func:`choose_input_method` for this process (Linux only)."""
    if not sys.platform.startswith("linux"):
        return None
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return choose_input_method(os.environ, plugins / "platforminputcontexts")
