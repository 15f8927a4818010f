"""The installer files agree with each other and with the project (issue 15): the Inno
Setup script packs the bundle the spec builds, at the project's version, with the icon;
the bundle keeps the Qt plugins the app needs and leaves out the rest."""

from __future__ import annotations

import re
import struct
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
sys.path.insert(0, str(INSTALLER))

import bundle_contents  # noqa: E402


def _iss() -> str:
    return (INSTALLER / "reviewer-app.iss").read_text(encoding="utf-8")


def test_the_windows_installer_matches_the_bundle_and_the_project():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    spec = (INSTALLER / "reviewer-app.spec").read_text(encoding="utf-8")
    name = re.search(r'name="([^"]+)",\s*\n\s*console=False', spec).group(1)
    iss = _iss()
    assert re.search(r'#define AppVersion "([^"]+)"', iss).group(1) == version
    assert f'Source: "..\\dist\\{name}\\*"' in iss
    assert iss.count(f"{{app}}\\{name}.exe") >= 3  # shortcuts, file association, uninstall
    icon = re.search(r"SetupIconFile=\.\.\\(.+)", iss).group(1).strip().replace("\\", "/")
    assert (ROOT / icon).is_file() and 'icons" / "app.ico"' in spec
    assert "MinVersion=10.0.17763" in iss  # Windows 10 1809


def test_the_icon_comes_in_every_size_the_window_and_windows_ask_for():
    icons = ROOT / "resources" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        data = (icons / "hicolor" / f"{size}x{size}" / "apps" / "reviewer-app.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (size, size)
    ico = (icons / "app.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sides = sorted(ico[6 + 16 * i] or 256 for i in range(count))
    assert sides == [16, 24, 32, 48, 64, 128, 256]
    desktop = (INSTALLER / "reviewer-app.desktop").read_text(encoding="utf-8")
    assert "\nIcon=reviewer-app\n" in desktop


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland-generic.so", True),   # Qt 6.9
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platforms/libqlinuxfb.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libfcitx5platforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6\\plugins\\imageformats\\qjpeg.dll", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", False),
    ("PySide6/Qt/plugins/generic/libqevdevtouchplugin.so", False),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
    ("libQt6Core.so.6", True),
    ("PySide6/QtPdf.abi3.so", True),
])
def test_the_bundle_keeps_the_plugins_the_app_uses(dest, kept):
    assert bundle_contents.keep_binary(dest) is kept


def test_the_bundle_keeps_only_qt_chinese_translation_and_our_resources():
    assert bundle_contents.keep_data("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not bundle_contents.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not bundle_contents.keep_data("PySide6/Qt/translations/qt_help_zh_CN.qm")
    assert bundle_contents.keep_data("resources/translations/reviewer_app_zh_CN.qm")
    assert bundle_contents.keep_data("reviewer_app/storage/migrations/env.py")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries")
def test_unneeded_system_libraries_are_pruned_and_needed_ones_kept():
    import _ctypes
    import _sqlite3

    sqlite_ext = _sqlite3.__file__
    needed = bundle_contents.needed_libraries(sqlite_ext)
    assert any(name.startswith("libsqlite3") for name in needed)
    sqlite_lib = next(name for name in needed if name.startswith("libsqlite3"))
    binaries = [("python3.11/lib-dynload/_sqlite3.so", sqlite_ext, "EXTENSION"),
                (sqlite_lib, "/nonexistent/" + sqlite_lib, "BINARY"),
                ("libgtk-3.so.0", _ctypes.__file__, "BINARY")]
    kept, dropped = bundle_contents.prune_unneeded_libraries(binaries)
    assert [d for d, _, _ in kept] == ["python3.11/lib-dynload/_sqlite3.so", sqlite_lib]
    assert dropped == ["libgtk-3.so.0"]
