"""Make the README screenshots of the expert workspace, in Chinese and in English.

    python docs/screenshots.py

Renders offscreen (``widget.grab()``) a window opened on an in-memory sample
package with a few projects scored, at the usable area of a 1366×768 laptop screen
and of a 1920×1080 screen (a 40-pixel taskbar taken off), and writes
docs/images/screenshot-{zh,en}-1366x768.png and screenshot-{zh,en}-1920x1080.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
IMAGES = ROOT / "docs" / "images"
# The usable area of each screen: its height less a 40-pixel taskbar.
SIZES = (("1366x768", (1366, 728)), ("1920x1080", (1920, 1040)))


def _settle(app, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REVIEWER_APP_DATA_DIR"] = str(Path(tmp) / "data")
        from reviewer_app.gui.app import build_window, create_app
        from reviewer_app.gui.expert.session import ReviewSession
        from reviewer_app.gui.settings import workspace_path
        from reviewer_app.storage.workspace import FieldChange
        from tests.gui.fakes import SEAT_CODE, FakePackage, build_manifest_and_members

        app = create_app()
        manifest, members = build_manifest_and_members(Path(tmp), projects=6)
        titles = ["基于大模型的智能质检系统", "港口集装箱智能调度平台", "AI 辅助中医诊疗助手",
                  "跨境电商多语种客服机器人", "建筑工地安全行为识别", "连锁药店智能补货系统"]
        enterprises = ["深圳市南山智造科技有限公司", "深圳蛇口港联数据有限公司",
                       "深圳市岐黄智能医疗科技有限公司", "深圳市跨海云商信息技术有限公司",
                       "深圳市筑安视觉科技有限公司", "深圳市康润医药连锁有限公司"]
        for project, title, enterprise in zip(manifest["projects"], titles, enterprises,
                                              strict=False):
            project["project_title"] = title
            project["enterprise_name"] = enterprise
        package = FakePackage(manifest, members)
        window = build_window(lang="zh_CN", opener=lambda *a: package)
        window.resize(*SIZES[0][1])
        window.show()
        session = ReviewSession.start(package, seat_id="S01", seat_code=SEAT_CODE,
                                      workspace_path=workspace_path(package.package_id, "S01"))
        ids = session.rubric.criterion_ids
        changes = []
        for pid, values in (("P1", ("26", "21.5", "17", "20")), ("P2", ("18", "15", None, None))):
            changes += [FieldChange(pid, "score", v, cid)
                        for cid, v in zip(ids, values, strict=True) if v]
        changes.append(FieldChange("P1", "comment", "采用自研视觉大模型，缺陷检出率提升明显，"
                                   "技术路线清晰。", ids[0]))
        changes.append(FieldChange("P3", "conflict_declared", True))
        changes.append(FieldChange("P3", "conflict_reason", "曾为该企业提供咨询服务"))
        session.store.apply(changes)
        session.states = session.store.load()
        window.set_session(session)
        window.select_project("P1")
        _settle(app, 0.6)
        next(iter(window.rubric_panel.editors.values())).anchors_button.setChecked(True)
        window.viewer.search_edit.setText("MARKER")
        _settle(app, 0.6)
        IMAGES.mkdir(parents=True, exist_ok=True)
        for label, size in SIZES:
            window.resize(*size)
            _settle(app, 0.8)
            for lang, short in (("zh_CN", "zh"), ("en", "en")):
                window.set_language(lang)
                _settle(app)
                name = f"screenshot-{short}-{label}.png"
                window.grab().save(str(IMAGES / name))
                print(f"wrote {IMAGES / name}")
        window.close()
    sys.stdout.flush()
    os._exit(0)  # skip teardown of Qt objects after QApplication (PySide6 can abort there)


if __name__ == "__main__":
    main()
