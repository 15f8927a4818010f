"""Chinese input on fcitx5 desktops (issue 15): the session asks for a fcitx plugin that
the PySide6 wheels and the bundle do not have; the app names ibus (which fcitx5 also
speaks, and which Qt ships) as the fallback instead of ending up with no input method."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer_app.gui.input_method import choose_input_method

ROOT = Path(__file__).resolve().parents[2]
IBUS = "libibusplatforminputcontextplugin.so"


def _plugins(tmp_path: Path, *names: str) -> Path:
    for name in names:
        (tmp_path / name).write_bytes(b"")
    return tmp_path


@pytest.mark.parametrize(("env", "files", "expected"), [
    ({"QT_IM_MODULE": "fcitx"}, [IBUS, "libcomposeplatforminputcontextplugin.so"],
     "fcitx;ibus"),
    ({"QT_IM_MODULE": "fcitx5"}, [IBUS], "fcitx5;ibus"),
    # A fcitx plugin was installed (built for this Qt): it is used as asked.
    ({"QT_IM_MODULE": "fcitx"}, [IBUS, "libfcitx5platforminputcontextplugin.so"], None),
    ({"QT_IM_MODULE": "ibus"}, [IBUS], None),
    ({}, [IBUS], None),
    ({"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "fcitx;xim"}, [IBUS], None),  # the user's
    ({"QT_IM_MODULE": "fcitx"}, ["libcomposeplatforminputcontextplugin.so"], None),
])
def test_ibus_is_named_only_when_the_requested_plugin_is_missing(tmp_path, env, files,
                                                                    expected):
    before = dict(env)
    assert choose_input_method(env, _plugins(tmp_path, *files)) == expected
    assert env == (before if expected is None else {**before, "QT_IM_MODULES": expected})


@pytest.mark.skipif(shutil.which("xvfb-run") is None or not sys.platform.startswith("linux"),
                    reason="needs Xvfb (xvfb-run)")
def test_a_fcitx_session_gets_qts_ibus_plugin_on_a_real_x_server(tmp_path):
    probe = ("from reviewer_app.gui.app import create_app\n"
             "app = create_app()\n")
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "QT_IM_MODULES", "DISPLAY")}
    env.update({"QT_IM_MODULE": "fcitx", "QT_DEBUG_PLUGINS": "1", "QT_QPA_PLATFORM": "xcb",
                "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]),
                "REVIEWER_APP_DATA_DIR": str(tmp_path / "data")})
    result = subprocess.run(["xvfb-run", "-a", sys.executable, "-c", probe], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = [line for line in result.stderr.splitlines() if "loaded library" in line]
    assert any(IBUS in line for line in loaded), "\n".join(loaded)
