"""Child process of test_reliability: scores continuously until it is SIGKILLed.

Prints ``TYPED <json>`` before each edit and ``SAVED <json>`` after each commit
that the "saved" indicator reports, flushing stdout each time.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path


def main() -> None:
    manifest = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    seed = int(sys.argv[2])
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    from reviewer_app.gui.app import build_window, create_app
    from reviewer_app.gui.expert.session import ReviewSession
    from reviewer_app.gui.settings import workspace_path
    from tests.gui.fakes import SEAT_CODE, FakePackage

    app = create_app()
    package = FakePackage(manifest, {})
    window = build_window(lang="zh_CN", opener=lambda *a: package)
    window.show()
    session = ReviewSession.start(package, seat_id="S01", seat_code=SEAT_CODE,
                                  workspace_path=workspace_path(package.package_id, "S01"))
    from tests.helpers.commitment import accept_in_workspace

    accept_in_workspace(session)  # the 承诺书 was accepted at the first opening
    window.set_session(session)
    rng = random.Random(seed)
    counter = iter(range(10**9))

    def snapshot() -> dict:
        return {pid: {"scores": dict(s.scores), "comments": dict(s.comments)}
                for pid, s in session.states.items()}

    def on_saved(_when) -> None:
        if window.save_status.text().startswith("已保存"):
            print("SAVED " + json.dumps(snapshot(), ensure_ascii=False), flush=True)

    window.autosave.saved.connect(on_saved)
    window.save_status.setProperty("watched", True)
    criteria = list(session.rubric.criterion_ids)
    projects = [p["project_id"] for p in session.projects]

    def step() -> None:
        pid = rng.choice(projects)
        if window.current_project_id() != pid:
            window.select_project(pid)
        cid = rng.choice(criteria)
        if rng.random() < 0.5:
            value = str(rng.randrange(0, 20))
            edit = window.findChild(QLineEdit, f"scoreInput.{cid}")
            print("TYPED " + json.dumps([pid, "score", cid, value]), flush=True)
            edit.clear()
            QTest.keyClicks(edit, value)
        else:
            value = f"c{next(counter)}"
            edit = window.findChild(QPlainTextEdit, f"comment.{cid}")
            print("TYPED " + json.dumps([pid, "comment", cid, value]), flush=True)
            edit.selectAll()
            QTest.keyClicks(edit, value)

    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(15)
    print("READY", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
