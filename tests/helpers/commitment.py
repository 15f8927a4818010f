"""The 承诺书 acceptance tests sign with (manifest format 4, docs/formats.md §1.8.3)."""

import datetime as dt

ACCEPTED_AT = dt.datetime(2026, 6, 20, 1, 0, tzinfo=dt.UTC)
"""When the test experts accepted the commitment: 2026-06-20 09:00 北京时间."""
