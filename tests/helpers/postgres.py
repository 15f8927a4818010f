"""A fresh PostgreSQL database per test, on the server named by REVIEWER_TEST_PG_URL.

The URL's role needs CREATEDB. Without the variable the tests skip, saying why;
CI sets it (see .ci/run), so there they always run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENV = "REVIEWER_TEST_PG_URL"


@pytest.fixture
def pg_url() -> Iterator[str]:
    base = os.environ.get(ENV)
    if not base:
        pytest.skip(f"{ENV} is not set: no PostgreSQL server configured")
    name = f"rv_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = :name"), {"name": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
