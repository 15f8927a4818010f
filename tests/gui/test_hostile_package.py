"""A real package whose first project is made of hostile materials (issue 11): the app
shows each one or says why not, stays under 1.5 GB with its render worker, and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

pytest.importorskip("reviewer_app.package.reader")

from PySide6.QtCore import QTimer

from reviewer_app.gui.expert.session import open_package
from reviewer_app.package import Argon2Params, MemberSource, write_package
from tests.gui.conftest import open_and_unlock
from tests.gui.fakes import PASSPHRASE
from tests.helpers.hostile import CASES, hostile_members

ROOT = Path(__file__).resolve().parents[2]
FAST = Argon2Params(memory_kib=64, iterations=1, lanes=1)
MEMORY_BUDGET = 1.5e9


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


@pytest.fixture(scope="module")
def hostile_package(tmp_path_factory, fake_content):
    manifest, members = hostile_members(*fake_content)
    plan = {k: v for k, v in manifest.items() if k not in ("package_id", "members")}
    sources = [MemberSource(name=m["name"], media_type=m["media_type"], data=members[m["id"]])
               for m in manifest["members"]]
    out = tmp_path_factory.mktemp("hostile") / "hostile.revpkg"
    write_package(out, plan, sources, organizer_key=Ed25519PrivateKey.generate(),
                  organizer_name="南山区科技创新局", passphrase=PASSPHRASE, argon2=FAST,
                  package_id=bytes.fromhex(manifest["package_id"]))
    return out, manifest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads RSS from /proc")
def test_hostile_package_is_read_to_the_end_within_memory(qtbot, make_window,
                                                          hostile_package):
    path, manifest = hostile_package
    window = make_window(open_package)
    window.confirm_trust = lambda fingerprint: True
    client = window.render_client()
    client.open_timeout, client.request_timeout = 2.0, 3.0
    viewer = window.viewer
    peak = {"bytes": 0, "ticks": 0}

    def sample() -> None:
        peak["ticks"] += 1
        total = _rss(os.getpid()) + (_rss(client.worker_pid()) if client.worker_pid() else 0)
        peak["bytes"] = max(peak["bytes"], total)

    sampler = QTimer()
    sampler.timeout.connect(sample)
    sampler.start(25)
    open_and_unlock(qtbot, window, path)
    # The first material is the looping page tree: it opens right after unlock, the
    # watchdog stops it, and the expert reads why (in Chinese, the default).
    qtbot.waitUntil(lambda: viewer.stack.currentWidget() is viewer.message
                    and viewer.message.text().startswith("此材料无法显示："), timeout=20000)
    assert "2 秒" in viewer.message.text()
    outcomes = {}
    for material, (name, _media, _build, _expected) in zip(
            manifest["projects"][0]["materials"], CASES, strict=False):
        window.show_material(material["member_id"])
        qtbot.waitUntil(lambda: viewer.stack.currentWidget() is viewer.message
                        or (viewer._view() is not None and viewer._view().has_page()),
                        timeout=30000)
        if viewer.stack.currentWidget() is viewer.message:
            outcomes[name] = viewer.failure[0]
            continue
        outcomes[name] = None
        view = viewer._view()
        for zoom in (4.0, "fit_width"):
            viewer.set_zoom(zoom)
            qtbot.waitUntil(lambda v=view: viewer.failure is not None
                            or v.grab_page().size() == v.page_size(), timeout=30000)
    for name, _media, _build, expected in CASES:
        if expected != "either":
            assert outcomes[name] == expected, (name, outcomes[name])
    assert "TIFF" in window.viewer.failure_reason("unsupported_type", "TIFF")
    # The rest of the app goes on: the next project's ordinary PDF opens.
    window.select_project_row(1)
    qtbot.waitUntil(lambda: viewer.is_pdf() and viewer.pdf_view.has_page(), timeout=20000)
    sampler.stop()
    assert peak["ticks"] > 20  # the GUI thread kept running the sampler throughout
    print(f"app + worker RSS peak: {peak['bytes'] / 1e6:.0f} MB")
    assert peak["bytes"] < MEMORY_BUDGET, f"app + worker RSS peaked at {peak['bytes']:,}"


def test_app_exits_0_after_reading_hostile_materials(tmp_path):
    env = {**os.environ, "REVIEWER_APP_DATA_DIR": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.gui.hostile_child", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, (done.returncode, done.stdout, done.stderr[-3000:])
    assert lines[-1] == "DONE"
    failed = [line for line in lines if line.startswith("FAILED")]
    shown = [line for line in lines if line.startswith("SHOWN")]
    assert len(failed) + len(shown) == 8
    assert any("此材料无法显示" in line and "TIFF" in line for line in failed)
    assert any("SVG" in line for line in failed)
