"""Make the README screenshots of the secretariat desk's merge, results and 公示 pages.

    python docs/desk_screenshots.py

Runs a rehearsal round headless (demo intake, build, demo sheets: as
``reviewer-admin`` does), then in one desk window (``reviewer-app --desk``) over a
fresh store in a temporary folder merges the sheets on the merge page, settles the
需复核 projects, opens a 公示 with one objection, and renders the whole window
offscreen (``window.grab()``) at 1366×768 on each of the three pages into
docs/images/desk-{merge,results,publicity}-zh.png.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SIZE = (1366, 768)   # the whole desk window, as on a 1366×768 laptop screen

from docs.screenshots import IMAGES, _settle  # noqa: E402  (after sys.path)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        from reviewer_app.central.merge_files import register_package_file
        from reviewer_app.central.publicity import add_objection
        from reviewer_app.central.round_files import open_publicity
        from reviewer_app.gui.app import build_desk_window, create_app
        from reviewer_app.package import fingerprint, open_package
        from tests.helpers.desk import PASSPHRASE, decide_pending, demo_round, secretariat_env

        app = create_app()
        demo = demo_round(root / "round", projects=24, seats=7)
        with secretariat_env(demo.data_dir):
            with open_package(demo.package, trusted_keys=None, passphrase=PASSPHRASE) as reader:
                organizer = fingerprint(reader.organizer_public_key)
            window = build_desk_window(str(root / "central.sqlite"), lang="zh_CN",
                                       work_dir=root / "out")
            window.resize(*SIZE)
            window.show()
            context = window.context
            register_package_file(context.engine, demo.package, PASSPHRASE, organizer)
            context.changed("packages")
            merge = window.page("mergePage")
            stick = root / "U盘"   # the experts' sheets as handed in on a USB stick
            shutil.copytree(demo.sheets, stick)
            merge.merge_paths([stick])
            decide_pending(context.engine)
            context.changed("decisions")
            results = window.page("resultsPage")
            results.wait_idle()
            _settle(app, 0.8)
            open_publicity(context.engine, dt.date(2026, 9, 30), root / "notice")
            funded = results.results.rows[0].project_id
            add_objection(context.engine, funded,
                          "对评分结果有异议：申请材料中的合同金额与发票不一致",
                          dt.date(2026, 10, 9))
            context.changed("publicity")
            IMAGES.mkdir(parents=True, exist_ok=True)
            for name in ("merge", "results", "publicity"):
                window.pages.setCurrentWidget(window.page(f"{name}Page"))
                results.wait_idle()
                _settle(app, 0.8)
                path = IMAGES / f"desk-{name}-zh.png"
                window.grab().save(str(path))
                print(f"wrote {path}")
            window.close()
            context.engine.dispose()
    sys.stdout.flush()
    os._exit(0)  # skip teardown of Qt objects after QApplication (PySide6 can abort there)


if __name__ == "__main__":
    main()
