"""Child process of test_desk_session: opens a workspace (taking its session lock), says
``HELD`` and waits to be killed. No window: the lock belongs to the session."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    manifest = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    from reviewer_app.gui.expert.session import ReviewSession
    from reviewer_app.gui.settings import workspace_path
    from tests.gui.fakes import SEAT_CODE, SEAT_ID, FakePackage

    package = FakePackage(manifest, {})
    ReviewSession.start(package, seat_id=SEAT_ID, seat_code=SEAT_CODE,
                        workspace_path=workspace_path(package.package_id, SEAT_ID))
    print("HELD", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    main()
