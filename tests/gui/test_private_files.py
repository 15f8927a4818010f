"""The expert's files are owner-only under a permissive umask, and the unlock dialog
lets go of what was typed once the package is open (issue 11, item 4)."""

from __future__ import annotations

import os
import stat

import pytest

from tests.gui.conftest import fill_unlock
from tests.gui.fakes import PACKAGE_ID
from tests.unit.test_files import modes

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes (files.py docstring)")


def test_workspace_settings_and_data_dir_are_owner_only(qtbot, make_window, opener,
                                                        package_file, data_dir):
    previous = os.umask(0o022)
    try:
        window = make_window(opener)
        dialog = window.open_path(package_file)
        edits = (dialog.ui.passphraseEdit, dialog.ui.seatCodeEdit)
        at_accept = []  # the dialog is deleted soon after: look when it accepts
        dialog.accepted.connect(lambda: at_accept.append(
            [(edit.text(), edit.isUndoAvailable()) for edit in edits]))
        fill_unlock(qtbot, dialog)
        qtbot.waitUntil(lambda: window.session is not None, timeout=10000)
        assert at_accept == [[("", False), ("", False)]]
        workspace = data_dir / "workspaces" / f"{PACKAGE_ID}-S01.sqlite"
        names = {p.name for p in workspace.parent.iterdir()}
        assert {workspace.name, workspace.name + "-wal", workspace.name + "-shm"} <= names
        assert (data_dir / "settings.ini").is_file()  # the recent package was remembered
        assert modes(data_dir) == {}
        window.close()
    finally:
        os.umask(previous)
    assert modes(data_dir) == {}
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
