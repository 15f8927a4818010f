"""What the one-folder bundle keeps of what PyInstaller collected (reviewer-app.spec).

PyInstaller's Qt hooks take every plugin of the modules used and every Qt translation,
and then every system library those plugins link. The app needs far less:

- platforms: xcb and wayland (Linux desktops), windows, cocoa, and offscreen (the render
  worker and the self-test); not eglfs, linuxfb, vnc, vkkhrdisplay, minimal;
- platforminputcontexts: all (ibus and compose: Chinese input, docs/install-xinchuang.md);
- imageformats: jpeg only (PNG is built into QtGui; the render worker accepts JPEG and
  PNG materials only, gui/widgets/material_sniff.py; the icons are PNG);
- platformthemes: the desktop portal only (the GTK 3 theme drags in GTK, cairo and
  pango from the build machine); styles (Windows' native style);
- printsupport (the sheet is printed: gui/expert/sheet_print.py); xcb's GL integrations
  and the wayland shell and decoration plugins that a window on those platforms needs;
- no tls or networkinformation (no network, ever), no touch/evdev input, no SVG icon
  engine, no EGL devices, no Qt Designer, QML tooling, SQL drivers or vector images;
- translations: Qt's own Chinese strings (qtbase_zh_CN.qm, loaded by gui/i18n.py).

Then a Linux system library stays only if something kept needs it (``DT_NEEDED``,
followed transitively): dropping the GTK theme drops GTK's libraries with it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import PurePosixPath

PLUGIN_DIR = re.compile(r"(?:^|/)Qt6?/plugins/([^/]+)/([^/]+)$")
TRANSLATION = re.compile(r"(?:^|/)Qt6?/translations/([^/]+)$")

#: plugin category -> the plugin stems kept (None: all of the category).
PLUGINS_KEPT: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qwayland", "qwayland-generic", "qwayland-egl",
                            "qwindows", "qcocoa", "qoffscreen"}),
    "platforminputcontexts": None,
    "imageformats": frozenset({"qjpeg"}),
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "styles": None,
    "printsupport": None,
    "xcbglintegrations": None,
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": frozenset({"bradient"}),
}
TRANSLATIONS_KEPT = frozenset({"qtbase_zh_CN.qm"})


def plugin_stem(file_name: str) -> str:
    """``libqjpeg.so`` / ``qjpeg.dll`` / ``libqjpeg.dylib`` -> ``qjpeg``."""
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") and not file_name.endswith(".dll") else stem


def keep_plugin(dest: str) -> bool | None:
    """Whether a Qt plugin is kept; None if ``dest`` is not a Qt plugin."""
    match = PLUGIN_DIR.search(dest.replace("\\", "/"))
    if match is None:
        return None
    category, file_name = match.groups()
    if category not in PLUGINS_KEPT:
        return False
    kept = PLUGINS_KEPT[category]
    return kept is None or plugin_stem(file_name) in kept


def keep_binary(dest: str, source: str = "") -> bool:
    kept = keep_plugin(dest)
    return True if kept is None else kept


def keep_data(dest: str) -> bool:
    match = TRANSLATION.search(dest.replace("\\", "/"))
    if match is not None:
        return match.group(1) in TRANSLATIONS_KEPT
    return keep_plugin(dest) is not False


def needed_libraries(path: str) -> list[str]:
    """The ``DT_NEEDED`` entries of an ELF file (``readelf -d``); [] if it is not one."""
    result = subprocess.run(["readelf", "-d", path], capture_output=True, text=True,
                            check=False)
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", result.stdout)


def prune_unneeded_libraries(binaries: list[tuple[str, str, str]]
                             ) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Drop the top-level shared libraries that nothing kept needs (Linux only).

    ``binaries`` are PyInstaller TOC entries (dest, source, kind). Roots are everything
    that is not a bare top-level ``lib*.so*`` (extension modules, Qt plugins, Qt's own
    libraries under PySide6/) plus libpython; a top-level library stays if a root needs
    it directly or through other kept libraries. Returns (kept entries, dropped names).
    """
    if not sys.platform.startswith("linux"):
        return binaries, []

    def top_level_library(dest: str) -> bool:
        path = PurePosixPath(dest)
        return len(path.parts) == 1 and path.name.startswith("lib") and ".so" in path.name

    by_name = {PurePosixPath(d).name: s for d, s, _ in binaries if top_level_library(d)}
    roots = [s for d, s, _ in binaries
             if not top_level_library(d) or PurePosixPath(d).name.startswith("libpython")]
    needed: set[str] = set()
    queue: list[str] = list(roots)
    while queue:
        for name in needed_libraries(queue.pop()):
            if name in by_name and name not in needed:
                needed.add(name)
                queue.append(by_name[name])
    kept, dropped = [], []
    for entry in binaries:
        name = PurePosixPath(entry[0]).name
        if top_level_library(entry[0]) and name not in needed \
                and not name.startswith("libpython"):
            dropped.append(name)
        else:
            kept.append(entry)
    return kept, sorted(dropped)


def describe(names: Iterable[str]) -> str:
    return ", ".join(names) or "nothing"
