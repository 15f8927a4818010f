"""GUI fixtures: an isolated user data dir, an in-memory package, a main window."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from reviewer_app.gui.settings import DATA_DIR_ENV
from tests.gui.fakes import (
    PASSPHRASE,
    SEAT_CODE,
    SEAT_ID,
    FakeOpener,
    build_manifest_and_members,
)


@pytest.fixture(scope="session", autouse=True)
def _none_stays_alive(qapp):
    """Widgets made without create_app() need the PySide6 6.12 workaround too."""
    from reviewer_app.gui.pyside_compat import keep_singletons_alive

    keep_singletons_alive()


@pytest.fixture(scope="session")
def fake_content(qapp, tmp_path_factory):
    """(manifest, members) shared by the session's tests: building PDFs takes a moment."""
    return build_manifest_and_members(tmp_path_factory.mktemp("fake-intake"))


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "userdata"
    monkeypatch.setenv(DATA_DIR_ENV, str(path))
    return path


@pytest.fixture
def package_file(tmp_path) -> Path:
    path = tmp_path / "review.revpkg"
    from reviewer_app.package.format import MAGIC

    # The signature bytes pass the desk's first look; the fake opener reads no further.
    path.write_bytes(MAGIC + b"stand-in: the fake opener never reads it")
    return path


@pytest.fixture
def opener(fake_content) -> FakeOpener:
    manifest, members = fake_content
    return FakeOpener(manifest, members)


@pytest.fixture
def make_window(qtbot, data_dir):
    """Build main windows (several per test, to simulate restarts)."""
    from reviewer_app.gui.app import build_window

    windows = []

    def make(opener, lang: str = "zh_CN"):
        window = build_window(lang=lang, opener=opener)
        window.show_error = lambda title, text: window.__dict__.setdefault(
            "errors", []).append((title, text))
        # The fake packages are of the bundled program, which has a 承诺书: accepted
        # here as the expert would (tests/gui/test_commitment.py drives the real dialog).
        window.confirm_commitment = lambda text, sha256: True
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        # The translators are the application's: a later test's bare widget must not
        # inherit this window's language.
        window.translations.remove()


@pytest.fixture
def window(make_window, opener):
    return make_window(opener)


def fill_unlock(qtbot, dialog, passphrase: str = PASSPHRASE, seat_id: str = SEAT_ID,
                seat_code: str = SEAT_CODE) -> None:
    """Type into the unlock dialog by objectName and press OK."""
    for name, text in (("passphraseEdit", passphrase), ("seatIdEdit", seat_id),
                       ("seatCodeEdit", seat_code)):
        edit = dialog.findChild(QLineEdit, name)
        assert edit is not None
        if edit.isReadOnly():
            continue
        edit.clear()
        qtbot.keyClicks(edit, text)
    dialog.findChild(QDialogButtonBox, "buttonBox").button(
        QDialogButtonBox.StandardButton.Ok).click()


def open_and_unlock(qtbot, window, path: Path, **kwargs) -> None:
    dialog = window.open_path(path)
    fill_unlock(qtbot, dialog, **kwargs)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10000)


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: keys for ASCII, an input-method commit for Chinese (as an IME does;
    QTest.keyClicks only knows Latin-1 keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def another_process_can_lock(lock_file: Path) -> bool:
    """Whether a separate process (a second copy of the app) could take the workspace
    lock now (``flock``, as gui/expert/session_lock.py takes it on POSIX)."""
    import subprocess
    import sys

    probe = ("import fcntl, os, sys\n"
             "fd = os.open(sys.argv[1], os.O_RDWR)\n"
             "try:\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
             "except OSError:\n    sys.exit(1)\n")
    return subprocess.run([sys.executable, "-c", probe, str(lock_file)],
                          timeout=30).returncode == 0
