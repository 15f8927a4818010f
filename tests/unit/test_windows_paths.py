"""Windows (issue 15): no POSIX-only call without a Windows path.

Every module of the package is imported in a child interpreter that looks like
Windows to our code: ``sys.platform`` is "win32", ``fcntl`` and ``resource`` cannot
be imported (as on Windows) and ``msvcrt`` is a stand-in. Third-party libraries are
imported first, as themselves: what is checked is our code's guards. The guarded
functions then have to take their Windows path.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent("""
    import os, sys, types, pkgutil, importlib
    # The libraries as they are on this machine (their own platform code is theirs).
    import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets, PySide6.QtPdf
    import sqlalchemy, sqlalchemy.orm, alembic, cryptography, reportlab, keyring
    import openpyxl, platformdirs, blake3, mmap, ctypes, signal, subprocess, sqlite3
    import multiprocessing.connection, multiprocessing.pool, multiprocessing.process
    import concurrent.futures, tempfile, shutil, uuid, getpass, selectors, socket
    import reviewer_app
    # From here on our code sees Windows.
    sys.modules["fcntl"] = None
    sys.modules["resource"] = None
    sys.modules["termios"] = None
    msvcrt = types.ModuleType("msvcrt")
    msvcrt.LK_NBLCK, msvcrt.LK_UNLCK = 2, 0
    msvcrt.locking = lambda fd, mode, n: None
    sys.modules["msvcrt"] = msvcrt
    sys.platform = "win32"
    del os.sched_getaffinity
    failed = []
    for info in pkgutil.walk_packages(reviewer_app.__path__, "reviewer_app.",
                                      onerror=lambda name: failed.append(name)):
        try:
            importlib.import_module(info.name)
        except Exception as exc:
            failed.append(f"{info.name}: {type(exc).__name__}: {exc}")
    print("IMPORT-FAILURES", failed)

    from reviewer_app import hardening
    from reviewer_app.central import merge
    from reviewer_app.gui.widgets import render_shared, render_client
    from reviewer_app.gui.expert import session_lock
    print("CORE-DUMPS", hardening.disable_core_dumps())
    print("SHARED-AREA", render_shared.supported(), render_shared.SharedArea.create())
    print("MERGE-WORKERS", merge._worker_count())
    print("LOCK", session_lock._lock.__module__, "msvcrt" in session_lock._lock.__code__.co_names)
    with render_client._inherit_only(None):
        print("INHERIT-ONLY ok")
""")


def test_every_module_imports_and_takes_its_windows_path() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=180, check=False,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert lines["IMPORT-FAILURES"] == "[]"
    assert lines["CORE-DUMPS"] == "[]"            # no resource/prctl on Windows
    assert lines["SHARED-AREA"] == "False None"   # no memfd: the pipe carries materials
    assert lines["MERGE-WORKERS"] == "0"          # no fork: the merge judges in-process
    assert lines["LOCK"].endswith("True")         # msvcrt.locking, not flock
    assert lines["INHERIT-ONLY"] == "ok"
