"""The 承诺书 acceptance tests sign with (manifest format 4, docs/formats.md §1.8.3)."""

import datetime as dt

ACCEPTED_AT = dt.datetime(2026, 6, 20, 1, 0, tzinfo=dt.UTC)
"""When the test experts accepted the commitment: 2026-06-20 09:00 北京时间."""


def accept_in_workspace(session) -> None:
    """Record in a session's workspace that its expert accepted the package's 承诺书
    (as the commitment dialog does), for windows given a session directly."""
    commitment = session.package.manifest.get("commitment")
    if commitment is not None:
        session.store.accept_commitment(commitment["sha256"], ACCEPTED_AT)
