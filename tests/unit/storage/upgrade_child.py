"""Child process of test_workspace_upgrade: SIGKILLs itself in the middle of upgrading
a w0002 workspace, once the first tables are re-encrypted and written (not committed).

Arguments: the workspace path, the package key (hex), the package id, the seat code.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from reviewer_app.storage.encrypted import ExpertSecret, WorkspaceCipher, row_aad
from reviewer_app.storage.workspace import WorkspaceStore

LAST_TABLE = row_aad("inspection_photo", "", ())[:-2]  # its prefix: "RVWS2" || table


def main() -> None:
    path, package_key, package_id, seat_code = sys.argv[1:5]
    seal = WorkspaceCipher.seal

    def dying_seal(self: WorkspaceCipher, aad: bytes, plain: bytes) -> bytes:
        if aad.startswith(LAST_TABLE):
            os.kill(os.getpid(), signal.SIGKILL)
        return seal(self, aad, plain)

    WorkspaceCipher.seal = dying_seal  # type: ignore[method-assign]
    WorkspaceStore(Path(path), bytes.fromhex(package_key),
                   ExpertSecret.from_seat_code(seat_code), package_id=package_id,
                   manifest_sha256="cd" * 32, seat_id="S01")
    print("upgrade finished without being killed", flush=True)


if __name__ == "__main__":
    main()
