"""Where the app keeps its files, and its persistent preferences.

The user data dir holds the workspace databases (one per package and seat) and the
cached demo package. ``REVIEWER_APP_DATA_DIR`` overrides it so that tests and
benchmarks never touch the real profile; QSettings then lives there too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from reviewer_app.files import private_dir, private_file
from reviewer_app.paths import DATA_DIR_ENV, user_data_dir

APP_NAME = "reviewer-app"
ORG_NAME = "ExpertReviewDesk"
DEFAULT_IDLE_MINUTES = 10
MAX_RECENT = 8


def data_dir() -> Path:
    """The user data dir (created on first use): :func:`reviewer_app.paths.user_data_dir`."""
    return user_data_dir()


def workspace_path(package_id: str, seat_id: str) -> Path:
    """One workspace database per package and seat: reopening restores everything,
    and experts sharing a computer keep their own (each is keyed to its seat code)."""
    return _workspaces(package_id) / f"{package_id}-{_seat_file_part(seat_id)}.sqlite"


def legacy_workspace_path(package_id: str) -> Path:
    """Where earlier versions kept the one workspace of a package (see
    ``storage.workspace.adopt_workspace``)."""
    return _workspaces(package_id) / f"{package_id}.sqlite"


def _workspaces(package_id: str) -> Path:
    if not package_id.isalnum():  # it names a file: never let a manifest choose a path
        raise ValueError(f"bad package id {package_id!r}")
    return data_dir() / "workspaces"


def _seat_file_part(seat_id: str) -> str:
    # Seat ids are short upper-case ASCII (S01) in practice; anything else (专家1,
    # "../x", or s01, which Windows and macOS would not tell from S01) names the file
    # by a hash of the exact id, never by itself. Imported here: hashlib costs start-up
    # ~3 ms, and this runs only at unlock.
    import hashlib
    import re

    if re.fullmatch(r"[A-Za-z0-9_]{1,40}", seat_id) and seat_id == seat_id.upper():
        return seat_id
    return "seat" + hashlib.sha256(seat_id.encode("utf-8")).hexdigest()[:16]


def demo_cache_dir() -> Path:
    return data_dir() / "demo"


def settings() -> QSettings:
    """Preferences: an INI file in the data dir when overridden, else the platform's store.

    They name the packages opened and the organizers trusted, so the file is made
    owner-only before Qt first writes it (Qt rewrites a settings file keeping its mode).
    The platform's store is a file only on Linux and other Unixes; macOS keeps it in
    ``~/Library/Preferences`` (owner-only folder) through CFPreferences, and Windows in
    the user's registry hive: neither is ours to create.
    """
    if os.environ.get(DATA_DIR_ENV):
        path = data_dir() / "settings.ini"
        private_file(path)
        return QSettings(str(path), QSettings.Format.IniFormat)
    store = QSettings(ORG_NAME, APP_NAME)
    if store.format() == QSettings.Format.NativeFormat and sys.platform not in (
            "darwin", "win32"):
        path = Path(store.fileName())
        private_dir(path.parent)
        private_file(path)
    return store


class Preferences:
    """Typed access to the few settings the app remembers."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._s = store or settings()

    # --- language ------------------------------------------------------------
    def language(self) -> str:
        value = str(self._s.value("ui/language", "zh_CN"))
        return value if value in ("zh_CN", "en") else "zh_CN"

    def set_language(self, lang: str) -> None:
        self._s.setValue("ui/language", lang)
        self._s.sync()

    # --- idle lock -------------------------------------------------------------
    def idle_minutes(self) -> int:
        try:
            return max(1, int(self._s.value("security/idle_minutes", DEFAULT_IDLE_MINUTES)))
        except (TypeError, ValueError):
            return DEFAULT_IDLE_MINUTES

    def set_idle_minutes(self, minutes: int) -> None:
        self._s.setValue("security/idle_minutes", int(minutes))
        self._s.sync()

    # --- recent packages -----------------------------------------------------
    def recent_packages(self) -> list[str]:
        value = self._s.value("files/recent", [])
        if isinstance(value, str):  # QSettings returns a lone string for one item
            value = [value]
        return [str(v) for v in (value or [])][:MAX_RECENT]

    def add_recent(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        items = [p for p in self.recent_packages() if p != entry]
        self._s.setValue("files/recent", [entry, *items][:MAX_RECENT])
        self._s.sync()

    def clear_recent(self) -> None:
        self._s.remove("files/recent")
        self._s.sync()

    # --- trusted organizer keys ---------------------------------------------
    def trusted_organizers(self) -> set[str]:
        value = self._s.value("trust/organizers", [])
        if isinstance(value, str):
            value = [value]
        return {str(v) for v in (value or [])}

    def trust_organizer(self, public_key: str) -> None:
        keys = self.trusted_organizers() | {public_key}
        self._s.setValue("trust/organizers", sorted(keys))
        self._s.sync()

    # --- window geometry ------------------------------------------------------
    def window_geometry(self) -> bytes:
        value = self._s.value("window/geometry", b"")
        return bytes(value) if isinstance(value, (bytes, bytearray, QByteArray)) else b""

    def set_window_geometry(self, geometry: bytes) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.sync()

    # --- file dialogs ---------------------------------------------------------
    def last_folder(self) -> str:
        return str(self._s.value("files/last_folder", "") or "")

    def set_last_folder(self, folder: Path) -> None:
        self._s.setValue("files/last_folder", str(folder))
        self._s.sync()

    # --- where the expert left off, per package and seat ----------------------
    def reading_place(self, package_id: str, seat_id: str) -> dict[str, str]:
        value = self._s.value(_place_key(package_id, seat_id), {})
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def set_reading_place(self, package_id: str, seat_id: str,
                          place: dict[str, str]) -> None:
        self._s.setValue(_place_key(package_id, seat_id), place)
        self._s.sync()


def _place_key(package_id: str, seat_id: str) -> str:
    # The seat part as in the workspace's file name: never the raw id in a settings key.
    if not package_id.isalnum():
        raise ValueError(f"bad package id {package_id!r}")
    return f"places/{package_id}-{_seat_file_part(seat_id)}"
