"""Child process of test_hostile_package: reads every material of a package whose first
project is made of hostile files, at fit width and at 400 %, then quits normally.

Prints ``SHOWN <member>`` / ``FAILED <member> <reason>`` per material and ``DONE``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    from PySide6.QtCore import QTimer

    from reviewer_app.gui.app import build_window, create_app
    from reviewer_app.gui.expert.session import ReviewSession
    from reviewer_app.gui.settings import workspace_path
    from tests.gui.fakes import SEAT_CODE, FakePackage, build_manifest_and_members
    from tests.helpers.hostile import hostile_members

    app = create_app()
    manifest, members = hostile_members(*build_manifest_and_members(Path(sys.argv[1])))
    package = FakePackage(manifest, members)
    window = build_window(lang="zh_CN", opener=lambda *a: package)
    client = window.render_client()
    client.open_timeout, client.request_timeout = 2.0, 3.0
    window.show()
    session = ReviewSession.start(package, seat_id="S01", seat_code=SEAT_CODE,
                                  workspace_path=workspace_path(package.package_id, "S01"))
    from tests.helpers.commitment import accept_in_workspace

    accept_in_workspace(session)  # the 承诺书 was accepted at the first opening
    window.set_session(session)
    viewer = window.viewer
    remaining = [m["member_id"] for m in manifest["projects"][0]["materials"]]
    state = {"member": None, "zoomed": False}

    def next_material() -> None:
        if not remaining:
            print("DONE", flush=True)
            window.close()
            app.quit()
            return
        state["member"], state["zoomed"] = remaining.pop(0), False
        viewer.set_zoom("fit_width")
        window.show_material(state["member"])

    def settled() -> None:
        if viewer.stack.currentWidget() is viewer.message:
            reason = json.dumps(viewer.message.text(), ensure_ascii=False)
            print(f"FAILED {state['member']} {reason}", flush=True)
            QTimer.singleShot(0, next_material)
            return
        view = viewer._view()
        if view is None or not view.has_page():
            return
        if not state["zoomed"]:
            state["zoomed"] = True
            viewer.set_zoom(4.0)
        elif view.grab_page().size() == view.page_size():
            print(f"SHOWN {state['member']}", flush=True)
            QTimer.singleShot(0, next_material)

    poll = QTimer()
    poll.timeout.connect(settled)
    poll.start(50)
    QTimer.singleShot(0, next_material)
    QTimer.singleShot(120_000, lambda: (print("TIMEOUT", flush=True), app.exit(3)))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
