"""Make the README screenshots of the secretariat's desk (Chinese, the whole window at
1366×768, as on a laptop screen).

    python docs/desk_screenshots_intake.py

Renders offscreen (``widget.grab()``) a desk over a fresh store in a temporary folder:
a demo intake checked, its 需复核 project decided, a panel package built (the organizer
key in a throw-away in-memory keyring). Writes
docs/images/desk-{overview,intake,packages}-zh.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from screenshots import IMAGES, _settle  # noqa: E402  (the expert's screenshots)

SIZE = (1366, 768)   # the whole desk window, as on a 1366×768 laptop screen


def main() -> int:
    import keyring

    from tests.helpers.keyring_memory import MemoryKeyring

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["REVIEWER_APP_DATA_DIR"] = str(folder / "data")
        keyring.set_keyring(MemoryKeyring())
        from reviewer_app.central.demo_intake import generate_demo_intake
        from reviewer_app.gui.app import build_desk_window, create_app

        app = create_app()
        generate_demo_intake(folder / "intake", projects=12, seats=7, seed=3)
        window = build_desk_window(str(folder / "central.sqlite"), lang="zh_CN",
                                   work_dir=folder)
        window.resize(*SIZE)
        window.show()
        intake = window.page("intakePage")
        intake.folder_edit.setText(str(folder / "intake"))
        intake.open_intake()
        packages = window.page("packagesPage")
        packages.intake_edit.setText(str(folder / "intake"))
        packages.load_seats()
        packages.deadline_check.setChecked(True)
        packages.build_package()
        packages.passphrase_dialog.accept()
        intake.filter_combo.setCurrentIndex(1)  # 需复核
        pending = intake.proxy.record_at(0).app.project_id
        intake.select_project(pending)
        intake.decision.reason_edit.setPlainText("经核实，申报主体已完成转制，具备企业法人资格")
        intake.decision.by_edit.setText("李审核")
        intake.decision.record_decision()
        intake.filter_combo.setCurrentIndex(0)  # every project, only what did not pass
        intake.problems_only.setChecked(True)
        intake.select_project(pending)
        intake.materials.itemActivated.emit(intake.materials.item(0))
        deadline = time.monotonic() + 20
        while intake.viewer.page_count() == 0 and time.monotonic() < deadline:
            _settle(app, 0.1)
        for index, name in enumerate(("overview", "intake", "packages")):
            window.pages.setCurrentIndex(index)
            _settle(app)
            window.grab().save(str(IMAGES / f"desk-{name}-zh.png"))
        window.close()
        window.context.engine.dispose()
    print(f"wrote {IMAGES}/desk-overview-zh.png, desk-intake-zh.png, desk-packages-zh.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
